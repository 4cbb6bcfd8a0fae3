-- Parley's embedded store at version 4, in one script: Flyway runs it instead of V1 to V4 on a new store
-- (one migration instead of four: less time on the first start). Keep it equal to V1 + ... + V4 (SqliteSchemaTest).
-- Parley's embedded store. Times are epoch milliseconds; lists are comma-separated.
CREATE TABLE users (
    address       TEXT PRIMARY KEY,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at    INTEGER NOT NULL
);

CREATE TABLE tokens (
    hash       TEXT PRIMARY KEY,
    address    TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX tokens_by_address ON tokens (address);

CREATE TABLE applications (
    id               TEXT PRIMARY KEY,
    address          TEXT NOT NULL,
    endpoint_id      TEXT NOT NULL,
    user_agent       TEXT NOT NULL,
    culture          TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    state            TEXT NOT NULL,
    expired_at       INTEGER,
    available        INTEGER NOT NULL,
    modalities       TEXT NOT NULL,
    formats          TEXT NOT NULL,
    last_activity_at INTEGER NOT NULL,
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
    packaged_seq  INTEGER NOT NULL,
    next_package  INTEGER NOT NULL,
    retained_no   INTEGER,
    retained_from INTEGER,
    retained_to   INTEGER,
    timeout_s     INTEGER NOT NULL,
    medium_s      INTEGER NOT NULL,
    low_s         INTEGER NOT NULL
);

CREATE TABLE events (
    position             INTEGER PRIMARY KEY,
    app_id               TEXT NOT NULL,
    seq                  INTEGER NOT NULL,
    priority             TEXT NOT NULL,
    sender_rel           TEXT NOT NULL,
    sender_href          TEXT NOT NULL,
    body                 TEXT NOT NULL,
    appended_at          INTEGER NOT NULL,
    receipt_app          TEXT,
    receipt_conversation TEXT,
    receipt_message      INTEGER,
    receipt_group        INTEGER
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
    created_at           INTEGER NOT NULL,
    ended_at             INTEGER
);

CREATE TABLE messages (
    serial          INTEGER PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    number          INTEGER NOT NULL,
    outgoing        INTEGER NOT NULL,
    text            TEXT NOT NULL,
    html            INTEGER NOT NULL,
    sent_at         INTEGER NOT NULL,
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
    created_at         INTEGER NOT NULL,
    deadline           INTEGER NOT NULL,
    state              TEXT NOT NULL,
    failure_code       TEXT,
    failure_subcode    TEXT,
    failure_message    TEXT
);

-- Mail between routing groups, from the sender's commit to the receiver's.
CREATE TABLE inbox (
    source_group INTEGER NOT NULL,
    seq          INTEGER NOT NULL,
    target_group INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    body         TEXT NOT NULL,
    sent_at      INTEGER NOT NULL,
    PRIMARY KEY (source_group, seq)
);

-- Credentials revoked while a server may be running (see V4__revocations.sql).
CREATE TABLE revocations (
    id         BIGINT PRIMARY KEY,
    address    TEXT NOT NULL,
    reason     TEXT NOT NULL, -- password-changed, user-removed or user-added (Revocation)
    revoked_at BIGINT NOT NULL
);
