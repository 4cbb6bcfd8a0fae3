-- Routing groups: mail between groups waits in the inbox from the sender's commit to the receiver's, and a
-- message receipt names the sender's group (null in rows written before: derived at load).
CREATE TABLE inbox (
    source_group INTEGER NOT NULL,
    seq          INTEGER NOT NULL,
    target_group INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    body         TEXT NOT NULL,
    sent_at      INTEGER NOT NULL,
    PRIMARY KEY (source_group, seq)
);

ALTER TABLE events ADD COLUMN receipt_group INTEGER;
