package io.parley.server.store.sql;

import io.parley.server.core.auth.User;
import io.parley.server.core.auth.UserStore;
import io.parley.server.core.store.WriteBatch;
import java.util.List;
import java.util.Optional;

public final class SqlUserStore implements UserStore {
    private final SqlDatabase db;

    public SqlUserStore(SqlDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<User> find(String address) {
        return db.query("SELECT address, display_name, password_hash FROM users WHERE address = ?",
                rs -> new User(rs.getString(1), rs.getString(2), rs.getString(3)), address).stream().findFirst();
    }

    @Override
    public List<User> all() {
        return db.query("SELECT address, display_name, password_hash FROM users ORDER BY address",
                rs -> new User(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    @Override
    public List<User> search(String text, int limit) {
        String pattern = "%" + text.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return db.query("SELECT address, display_name, password_hash FROM users "
                        + "WHERE address LIKE ? ESCAPE '\\' OR lower(display_name) LIKE ? ESCAPE '\\' "
                        + "ORDER BY address LIMIT ?",
                rs -> new User(rs.getString(1), rs.getString(2), rs.getString(3)), pattern, pattern, limit);
    }

    @Override
    public boolean save(User user) {
        boolean isNew = find(user.address()).isEmpty();
        WriteBatch batch = new WriteBatch();
        batch.add(new SqlWrite("INSERT INTO users (address, display_name, password_hash, created_at) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (address) DO UPDATE SET display_name = excluded.display_name, "
                + "password_hash = excluded.password_hash",
                user.address(), user.displayName(), user.passwordHash(), System.currentTimeMillis()));
        db.commitNow(batch);
        return isNew;
    }

    @Override
    public boolean remove(String address) {
        if (find(address).isEmpty()) {
            return false;
        }
        WriteBatch batch = new WriteBatch();
        batch.add(new SqlWrite("DELETE FROM tokens WHERE address = ?", address));
        batch.add(new SqlWrite("DELETE FROM users WHERE address = ?", address));
        db.commitNow(batch);
        return true;
    }
}
