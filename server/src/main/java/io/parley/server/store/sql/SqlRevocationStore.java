package io.parley.server.store.sql;

import io.parley.server.core.auth.Revocation;
import io.parley.server.core.auth.RevocationStore;
import io.parley.server.core.store.WriteBatch;
import java.time.Instant;
import java.util.List;

public final class SqlRevocationStore implements RevocationStore {
    private final SqlDatabase db;

    public SqlRevocationStore(SqlDatabase db) {
        this.db = db;
    }

    @Override
    public void revoke(String address, String reason, Instant at) {
        WriteBatch batch = new WriteBatch();
        batch.add(new SqlWrite("DELETE FROM tokens WHERE address = ?", address));
        if (new Revocation(0, address, reason, at).endsPresence()) {
            batch.add(new SqlWrite("DELETE FROM presence WHERE address = ?", address));
        }
        // The next id is computed in the insert itself: SQLite has one writer at a time, so two commands cannot
        // take the same id; on PostgreSQL two concurrent ones may, and the primary key then refuses the second
        // (its command fails and can be run again).
        batch.add(new SqlWrite("INSERT INTO revocations (id, address, reason, revoked_at) "
                + "SELECT COALESCE(MAX(id), 0) + 1, ?, ?, ? FROM revocations", address, reason, at.toEpochMilli()));
        db.commitNow(batch);
    }

    @Override
    public List<Revocation> after(long afterId) {
        return db.query("SELECT id, address, reason, revoked_at FROM revocations WHERE id > ? ORDER BY id",
                rs -> new Revocation(rs.getLong(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4))),
                afterId);
    }
}
