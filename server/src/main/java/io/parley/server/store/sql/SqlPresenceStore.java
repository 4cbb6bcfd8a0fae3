package io.parley.server.store.sql;

import io.parley.server.core.presence.PresenceStore;
import io.parley.server.core.presence.UserPresence;
import io.parley.server.core.store.WriteBatch;
import java.util.List;

public final class SqlPresenceStore implements PresenceStore {
    private static final String SAVE = Upsert.into("presence", "address", "preferred", "note", "location");
    private final SqlDatabase db;

    public SqlPresenceStore(SqlDatabase db) {
        this.db = db;
    }

    @Override
    public void save(WriteBatch batch, UserPresence p) {
        batch.add(new SqlWrite(SAVE,
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
