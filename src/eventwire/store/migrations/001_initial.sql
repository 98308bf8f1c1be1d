-- 001: the v0 schema. Articles and everything extracted from them, keyed by article id and
-- position, with character offsets into articles.text everywhere (end exclusive).
-- Later migrations add to this; they never rewrite it (see docs/data-model.md).

CREATE TABLE articles (
    id              VARCHAR PRIMARY KEY,   -- content-addressed ("a" + 16 hex of SHA-256)
    external_id     VARCHAR,               -- the input's own id
    title           VARCHAR,
    published       VARCHAR,               -- as given by the source
    published_day   DATE,                  -- parsed from published, for date filters
    outlet          VARCHAR,
    source          VARCHAR,
    url             VARCHAR,
    wire            VARCHAR,
    dateline        VARCHAR,
    dateline_start  INTEGER,
    dateline_end    INTEGER,
    dateline_text   VARCHAR,
    photo_credit    VARCHAR,
    origin          VARCHAR,               -- file (and line / record) it was read from
    body_start      INTEGER,
    text            VARCHAR NOT NULL,
    extra           VARCHAR,               -- JSON object
    story           VARCHAR,               -- story id (fuse stage)
    reprint_of      VARCHAR,               -- article id this one reprints (fuse stage)
    versions        VARCHAR,               -- JSON: component -> version that processed it
    ingested_at     TIMESTAMP DEFAULT current_timestamp
);

CREATE TABLE entities (
    article_id  VARCHAR NOT NULL,
    idx         INTEGER NOT NULL,
    "start"     INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    label       VARCHAR NOT NULL,
    text        VARCHAR,
    component   VARCHAR,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE times (
    article_id   VARCHAR NOT NULL,
    idx          INTEGER NOT NULL,
    "start"      INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    text         VARCHAR,
    type         VARCHAR,
    value        VARCHAR,
    precision    VARCHAR,
    range_start  VARCHAR,
    range_end    VARCHAR,
    anchor       VARCHAR,
    certainty    DOUBLE,
    component    VARCHAR,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE places (
    article_id  VARCHAR NOT NULL,
    idx         INTEGER NOT NULL,
    "start"     INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        VARCHAR,
    name        VARCHAR,
    country     VARCHAR,
    lat         DOUBLE,
    lon         DOUBLE,
    precision   VARCHAR,
    feature     VARCHAR,
    geonameid   BIGINT,
    role        VARCHAR,
    confidence  DOUBLE,
    component   VARCHAR,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE quantities (
    article_id  VARCHAR NOT NULL,
    idx         INTEGER NOT NULL,
    "start"     INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        VARCHAR,
    value       DOUBLE,
    unit        VARCHAR,
    role        VARCHAR,
    component   VARCHAR,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE attributions (
    article_id   VARCHAR NOT NULL,
    idx          INTEGER NOT NULL,
    source       INTEGER[][],             -- [[start, end], ...] fragments
    cue          INTEGER[][],
    content      INTEGER[][],
    source_text  VARCHAR,
    cue_text     VARCHAR,
    kind         VARCHAR,
    nested_in    INTEGER,
    component    VARCHAR,
    PRIMARY KEY (article_id, idx)
);

-- One row per event as told in one article. event_id stays NULL until a canonical-event
-- stage (fuse, issue 5) links mentions of the same real-world event to one events row.
CREATE TABLE event_mentions (
    id                    VARCHAR PRIMARY KEY,   -- article_id || ':e' || idx
    article_id            VARCHAR NOT NULL,
    idx                   INTEGER NOT NULL,
    event_id              VARCHAR,
    type                  VARCHAR NOT NULL,
    mode                  VARCHAR,
    context               VARCHAR,
    extension             BOOLEAN,
    trigger_start         INTEGER,
    trigger_end           INTEGER,
    trigger_text          VARCHAR,
    evidence_start        INTEGER,
    evidence_end          INTEGER,
    evidence_text         VARCHAR,
    actor_text            VARCHAR,
    actor_start           INTEGER,
    actor_end             INTEGER,
    actor_name            VARCHAR,
    actor_registry_id     VARCHAR,
    actor_country         VARCHAR,               -- ISO alpha-3; ';'-joined for compound actors
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
    date_from             DATE,                  -- the days date_value covers, for filters
    date_to               DATE,
    claimant_text         VARCHAR,
    claimant_start        INTEGER,
    claimant_end          INTEGER,
    claimant_name         VARCHAR,
    claimant_registry_id  VARCHAR,
    claimant_country      VARCHAR,
    claimant_countries    VARCHAR[],
    claimant_sector       VARCHAR,
    claimant_component    VARCHAR,
    claimant_chain        VARCHAR[],
    attribution_idx       INTEGER,               -- attributions.idx in the same article
    modality              VARCHAR,
    negated               BOOLEAN,
    confidence            DOUBLE,
    component             VARCHAR
);

CREATE INDEX event_mentions_article ON event_mentions (article_id);
CREATE INDEX event_mentions_type ON event_mentions (type);

-- Quantities tied to one event mention ("33 sorties").
CREATE TABLE event_quantities (
    mention_id  VARCHAR NOT NULL,
    article_id  VARCHAR NOT NULL,
    idx         INTEGER NOT NULL,
    "start"     INTEGER,
    "end"       INTEGER,
    text        VARCHAR,
    value       DOUBLE,
    unit        VARCHAR,
    role        VARCHAR,
    component   VARCHAR,
    PRIMARY KEY (mention_id, idx)
);

-- What users query as "events". In v0 every mention is its own event; the canonical-event
-- migration (issue 5) replaces this view with one row per canonical event.
CREATE VIEW event_view AS
SELECT
    m.id, m.article_id, m.idx, m.event_id, m.type, m.mode, m.context, m.extension,
    COALESCE(m.date_value, CAST(a.published_day AS VARCHAR)) AS "when",
    COALESCE(m.date_from, a.published_day) AS when_from,
    COALESCE(m.date_to, a.published_day) AS when_to,
    m.actor_text, m.actor_name, m.actor_country, m.actor_sector,
    m.recipient_text, m.recipient_name, m.recipient_country, m.recipient_sector,
    m.place_text, m.place_name, m.place_country, m.place_lat, m.place_lon, m.place_precision,
    m.date_text, m.date_value, m.date_precision,
    m.claimant_text, m.claimant_name, m.claimant_chain, m.modality, m.negated,
    m.evidence_start, m.evidence_end, m.evidence_text, m.trigger_text,
    (SELECT string_agg(q.text, '; ' ORDER BY q.idx) FROM event_quantities q
      WHERE q.mention_id = m.id) AS quantities,
    m.confidence, m.component,
    a.title, a.outlet, a.wire, a.published, a.url, a.story, a.reprint_of
FROM event_mentions m
JOIN articles a ON a.id = m.article_id;
