-- 002: EventMention.denies, the event type a denial denies ("denied carrying out the strike").
ALTER TABLE event_mentions ADD COLUMN denies VARCHAR;
