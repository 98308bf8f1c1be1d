-- 003: canonical events (issue 5). One `events` row per real-world event across articles,
-- merged by eventwire.fuse.events from the mentions of one story; one `event_versions` row per
-- source's account of it; `event_mentions.event_id` links each merged mention to its event.
-- `story_index` keeps the incremental story index (eventwire.fuse.StoryIndex) as JSON so that
-- articles of a later ingest join the stories already stored.
-- `event_view` now shows canonical events; `mention_view` is the per-mention view it replaced.

CREATE TABLE events (
    id                    VARCHAR PRIMARY KEY,   -- "e" + 16 hex, stable for the same story members
    story                 VARCHAR NOT NULL,      -- articles.story, or the article id when it has none
    type                  VARCHAR NOT NULL,
    mode                  VARCHAR,
    mention_id            VARCHAR,               -- the representative (earliest) mention
    actor_text            VARCHAR,
    actor_start           INTEGER,
    actor_end             INTEGER,
    actor_name            VARCHAR,
    actor_registry_id     VARCHAR,
    actor_country         VARCHAR,
    actor_countries       VARCHAR[],
    actor_sector          VARCHAR,
    actor_component       VARCHAR,
    recipient_text        VARCHAR,
    recipient_start       INTEGER,
    recipient_end         INTEGER,
    recipient_name        VARCHAR,
    recipient_registry_id VARCHAR,
    recipient_country     VARCHAR,
    recipient_countries   VARCHAR[],
    recipient_sector      VARCHAR,
    recipient_component   VARCHAR,
    place_text            VARCHAR,
    place_start           INTEGER,
    place_end             INTEGER,
    place_name            VARCHAR,
    place_country         VARCHAR,
    place_lat             DOUBLE,
    place_lon             DOUBLE,
    place_precision       VARCHAR,
    place_feature         VARCHAR,
    place_geonameid       BIGINT,
    place_role            VARCHAR,
    place_confidence      DOUBLE,
    place_component       VARCHAR,
    date_text             VARCHAR,
    date_start            INTEGER,
    date_end              INTEGER,
    date_type             VARCHAR,
    date_value            VARCHAR,
    date_precision        VARCHAR,
    date_range_start      VARCHAR,
    date_range_end        VARCHAR,
    date_anchor           VARCHAR,
    date_certainty        DOUBLE,
    date_component        VARCHAR,
    date_from             DATE,
    date_to               DATE,
    n_mentions            INTEGER NOT NULL,
    n_articles            INTEGER NOT NULL,
    n_sources             INTEGER NOT NULL,      -- independent original publishers
    first_seen            VARCHAR,               -- earliest / latest publication of its articles
    last_seen             VARCHAR,
    claimants             VARCHAR[],
    modalities            VARCHAR[],             -- of its versions (asserted, claimed, denied ...)
    contested             BOOLEAN NOT NULL,
    conflicts             VARCHAR,               -- JSON list of {"kind": "numbers" | "denial", ...}
    component             VARCHAR
);

CREATE INDEX events_story ON events (story);

CREATE TABLE event_versions (
    event_id    VARCHAR NOT NULL,
    idx         INTEGER NOT NULL,
    article_id  VARCHAR NOT NULL,
    mention     INTEGER,                         -- event_mentions.idx in that article
    publishers  VARCHAR[],                       -- original publishers (a reprint counts its original)
    claimant    VARCHAR,
    modality    VARCHAR,
    numbers     VARCHAR,                         -- JSON object: role -> value
    actor       VARCHAR,
    PRIMARY KEY (event_id, idx)
);

CREATE TABLE story_index (
    name        VARCHAR PRIMARY KEY,             -- "default"
    state       VARCHAR NOT NULL,                -- StoryIndex.to_state() as JSON
    articles    INTEGER NOT NULL,                -- how many articles the state has filed
    updated_at  TIMESTAMP DEFAULT current_timestamp
);

DROP VIEW event_view;

-- One row per event mention, with the canonical event it belongs to (if any).
CREATE VIEW mention_view AS
SELECT
    m.id, m.article_id, m.idx, m.event_id, m.type, m.mode, m.context, m.extension,
    COALESCE(m.date_value, CAST(a.published_day AS VARCHAR)) AS "when",
    COALESCE(m.date_from, a.published_day) AS when_from,
    COALESCE(m.date_to, a.published_day) AS when_to,
    m.actor_text, m.actor_name, m.actor_country, m.actor_sector,
    m.recipient_text, m.recipient_name, m.recipient_country, m.recipient_sector,
    m.place_text, m.place_name, m.place_country, m.place_lat, m.place_lon, m.place_precision,
    m.date_text, m.date_value, m.date_precision,
    m.claimant_text, m.claimant_name, m.claimant_chain, m.modality, m.negated, m.denies,
    m.evidence_start, m.evidence_end, m.evidence_text, m.trigger_text,
    (SELECT string_agg(q.text, '; ' ORDER BY q.idx) FROM event_quantities q
      WHERE q.mention_id = m.id) AS quantities,
    m.confidence, m.component,
    e.n_articles, e.n_sources, COALESCE(e.contested, false) AS contested,
    a.title, a.outlet, a.wire, a.published, a.url, a.story, a.reprint_of
FROM event_mentions m
JOIN articles a ON a.id = m.article_id
LEFT JOIN events e ON e.id = m.event_id;

-- One row per canonical event. Roles (actor, recipient, place, date) are the most informative
-- across its mentions; evidence, claimant, modality and article fields are those of its
-- representative (earliest) mention; `claimants` and `modalities` cover every version.
CREATE VIEW event_view AS
SELECT
    e.id, r.article_id, r.idx, e.id AS event_id, e.type, e.mode, r.context, r.extension,
    COALESCE(e.date_value, CAST(a.published_day AS VARCHAR)) AS "when",
    COALESCE(e.date_from, a.published_day) AS when_from,
    COALESCE(e.date_to, a.published_day) AS when_to,
    e.actor_text, e.actor_name, e.actor_country, e.actor_sector,
    e.recipient_text, e.recipient_name, e.recipient_country, e.recipient_sector,
    e.place_text, e.place_name, e.place_country, e.place_lat, e.place_lon, e.place_precision,
    e.date_text, e.date_value, e.date_precision,
    r.claimant_text, r.claimant_name, r.claimant_chain, r.modality, r.negated,
    r.evidence_start, r.evidence_end, r.evidence_text, r.trigger_text,
    (SELECT string_agg(q.text, '; ' ORDER BY q.idx) FROM event_quantities q
      WHERE q.mention_id = r.id) AS quantities,
    r.confidence, e.component,
    e.n_mentions, e.n_articles, e.n_sources, e.first_seen, e.last_seen, e.claimants,
    e.modalities, e.contested, e.conflicts,
    a.title, a.outlet, a.wire, a.published, a.url, e.story, a.reprint_of
FROM events e
JOIN event_mentions r ON r.id = e.mention_id
JOIN articles a ON a.id = r.article_id;
