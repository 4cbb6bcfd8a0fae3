-- Credentials revoked while a server may be running (the same table as SQLite's V4): `parley user passwd` and
-- `parley user remove` append a row; the server reads the rows it has not seen yet, by increasing id, on its
-- sweeper tick, and ends that user's applications created before revoked_at (tokens are deleted with the row).
CREATE TABLE revocations (
    id         BIGINT PRIMARY KEY,
    address    TEXT NOT NULL,
    reason     TEXT NOT NULL, -- password-changed, user-removed or user-added (Revocation)
    revoked_at BIGINT NOT NULL
);
