package io.parley.server.store.sql;

import io.parley.server.core.application.Application;
import io.parley.server.core.application.ApplicationStore;
import io.parley.server.core.store.WriteBatch;
import java.util.List;

public final class SqlApplicationStore implements ApplicationStore {
    private static final String SAVE = Upsert.into("applications", "id", "address", "endpoint_id", "user_agent",
            "culture", "created_at", "state", "expired_at", "available", "modalities", "formats", "last_activity_at",
            "polled");
    private final SqlDatabase db;

    public SqlApplicationStore(SqlDatabase db) {
        this.db = db;
    }

    @Override
    public void save(WriteBatch batch, Application a) {
        batch.add(new SqlWrite(SAVE,
                a.id(), a.userAddress(), a.endpointId(), a.userAgent(), a.culture(), a.createdAt().toEpochMilli(),
                a.state().name(), Columns.millis(a.expiredAt()), a.isAvailable(), Columns.join(a.modalities()),
                Columns.join(a.messageFormats()), a.lastActivityAt().toEpochMilli(), a.hasPolled()));
    }

    @Override
    public void delete(WriteBatch batch, String applicationId) {
        batch.add(new SqlWrite("DELETE FROM applications WHERE id = ?", applicationId));
    }

    @Override
    public List<Application> loadAll() {
        return db.query("SELECT * FROM applications", rs -> {
            Application a = new Application(rs.getString("id"), rs.getString("address"), rs.getString("endpoint_id"),
                    rs.getString("user_agent"), rs.getString("culture"), Columns.instant(rs, "created_at"));
            a.restore(Application.State.valueOf(rs.getString("state")), Columns.instant(rs, "expired_at"),
                    rs.getInt("available") == 1, Columns.split(rs.getString("modalities")),
                    Columns.split(rs.getString("formats")), Columns.instant(rs, "last_activity_at"),
                    rs.getInt("polled") == 1);
            return a;
        });
    }
}
