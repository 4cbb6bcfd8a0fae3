package io.parley.server.store.sqlite;

import io.parley.server.core.presence.PresenceStore;
import io.parley.server.core.presence.UserPresence;
import io.parley.server.core.store.WriteBatch;
import java.util.List;

public final class SqlitePresenceStore implements PresenceStore {
    private final SqliteDatabase db;

    public SqlitePresenceStore(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public void save(WriteBatch batch, UserPresence p) {
        batch.add(new SqlWrite("INSERT OR REPLACE INTO presence (address, preferred, note, location) VALUES (?, ?, ?, ?)",
                p.address(), p.preferredAvailability(), p.note(), p.location()));
    }

    @Override
    public void delete(WriteBatch batch, String address) {
        batch.add(new SqlWrite("DELETE FROM presence WHERE address = ?", address));
    }

    @Override
    public List<UserPresence> loadAll() {
        return db.query("SELECT address, preferred, note, location FROM presence",
                rs -> new UserPresence(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
    }
}
