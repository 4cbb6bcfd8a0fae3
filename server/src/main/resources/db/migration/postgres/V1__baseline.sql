-- Parley's tables on PostgreSQL: the same tables and columns as the SQLite store at its version 2, so one set of
-- stores (store/sql) serves both. Times are epoch milliseconds; lists are comma-separated; flags are 0 or 1.
CREATE TABLE users (
    address       TEXT PRIMARY KEY,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);

CREATE TABLE tokens (
    hash       TEXT PRIMARY KEY,
    address    TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX tokens_by_address ON tokens (address);

CREATE TABLE applications (
    id               TEXT PRIMARY KEY,
    address          TEXT NOT NULL,
    endpoint_id      TEXT NOT NULL,
    user_agent       TEXT NOT NULL,
    culture          TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    state            TEXT NOT NULL,
    expired_at       BIGINT,
    available        INTEGER NOT NULL,
    modalities       TEXT NOT NULL,
    formats          TEXT NOT NULL,
    last_activity_at BIGINT NOT NULL,
    polled           INTEGER NOT NULL
);

CREATE TABLE presence (
    address   TEXT PRIMARY KEY,
    preferred TEXT,
    note      TEXT NOT NULL,
    location  TEXT NOT NULL
);

CREATE TABLE event_queues (
    app_id        TEXT PRIMARY KEY,
    packaged_seq  BIGINT NOT NULL,
    next_package  BIGINT NOT NULL,
    retained_no   BIGINT,
    retained_from BIGINT,
    retained_to   BIGINT,
    timeout_s     INTEGER NOT NULL,
    medium_s      INTEGER NOT NULL,
    low_s         INTEGER NOT NULL
);

CREATE TABLE events (
    position             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    app_id               TEXT NOT NULL,
    seq                  BIGINT NOT NULL,
    priority             TEXT NOT NULL,
    sender_rel           TEXT NOT NULL,
    sender_href          TEXT NOT NULL,
    body                 TEXT NOT NULL,
    appended_at          BIGINT NOT NULL,
    receipt_app          TEXT,
    receipt_conversation TEXT,
    receipt_message      INTEGER
);
CREATE UNIQUE INDEX events_by_queue ON events (app_id, seq);

CREATE TABLE conversations (
    id                   TEXT PRIMARY KEY,
    app_id               TEXT NOT NULL,
    local_address        TEXT NOT NULL,
    remote_address       TEXT NOT NULL,
    thread_id            TEXT NOT NULL,
    subject              TEXT,
    importance           TEXT NOT NULL,
    state                TEXT NOT NULL,
    messaging            TEXT NOT NULL,
    formats              TEXT NOT NULL,
    peer_app_id          TEXT,
    peer_conversation_id TEXT,
    invitation_id        TEXT,
    remote_joined        INTEGER NOT NULL,
    last_message         INTEGER NOT NULL,
    created_at           BIGINT NOT NULL,
    ended_at             BIGINT
);

CREATE TABLE messages (
    serial          BIGINT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    number          INTEGER NOT NULL,
    outgoing        INTEGER NOT NULL,
    text            TEXT NOT NULL,
    html            INTEGER NOT NULL,
    sent_at         BIGINT NOT NULL,
    operation_id    TEXT,
    status          TEXT NOT NULL
);

CREATE TABLE invitations (
    id                 TEXT PRIMARY KEY,
    app_id             TEXT NOT NULL,
    conversation_id    TEXT NOT NULL,
    outgoing           INTEGER NOT NULL,
    from_address       TEXT NOT NULL,
    to_address         TEXT NOT NULL,
    subject            TEXT,
    importance         TEXT NOT NULL,
    operation_id       TEXT,
    thread_id          TEXT NOT NULL,
    first_message      TEXT,
    first_message_html INTEGER NOT NULL,
    ring_of            TEXT,
    created_at         BIGINT NOT NULL,
    deadline           BIGINT NOT NULL,
    state              TEXT NOT NULL,
    failure_code       TEXT,
    failure_subcode    TEXT,
    failure_message    TEXT
);

-- The Parley servers using this database: the one holding the server lock names itself here, so a second one
-- can say who is in the way.
CREATE TABLE nodes (
    node_id     TEXT PRIMARY KEY,
    description TEXT NOT NULL,
    started_at  BIGINT NOT NULL
);
