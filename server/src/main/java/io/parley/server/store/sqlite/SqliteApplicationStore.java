package io.parley.server.store.sqlite;

import io.parley.server.core.application.Application;
import io.parley.server.core.application.ApplicationStore;
import io.parley.server.core.store.WriteBatch;
import java.util.List;

public final class SqliteApplicationStore implements ApplicationStore {
    private final SqliteDatabase db;

    public SqliteApplicationStore(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public void save(WriteBatch batch, Application a) {
        batch.add(new SqlWrite("INSERT OR REPLACE INTO applications (id, address, endpoint_id, user_agent, culture, "
                + "created_at, state, expired_at, available, modalities, formats, last_activity_at, polled) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                a.id(), a.userAddress(), a.endpointId(), a.userAgent(), a.culture(), a.createdAt().toEpochMilli(),
                a.state().name(), SqlLists.millis(a.expiredAt()), a.isAvailable(), SqlLists.join(a.modalities()),
                SqlLists.join(a.messageFormats()), a.lastActivityAt().toEpochMilli(), a.hasPolled()));
    }

    @Override
    public void delete(WriteBatch batch, String applicationId) {
        batch.add(new SqlWrite("DELETE FROM applications WHERE id = ?", applicationId));
    }

    @Override
    public List<Application> loadAll() {
        return db.query("SELECT * FROM applications", rs -> {
            Application a = new Application(rs.getString("id"), rs.getString("address"), rs.getString("endpoint_id"),
                    rs.getString("user_agent"), rs.getString("culture"), SqlLists.instant(rs, "created_at"));
            a.restore(Application.State.valueOf(rs.getString("state")), SqlLists.instant(rs, "expired_at"),
                    rs.getInt("available") == 1, SqlLists.split(rs.getString("modalities")),
                    SqlLists.split(rs.getString("formats")), SqlLists.instant(rs, "last_activity_at"),
                    rs.getInt("polled") == 1);
            return a;
        });
    }
}
