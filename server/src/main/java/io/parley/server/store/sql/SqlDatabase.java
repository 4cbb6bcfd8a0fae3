package io.parley.server.store.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * A relational database that holds Parley's tables: queries on any connection, and writes only through
 * its {@link GroupCommitter}. The stores in this package speak the SQL that SQLite and PostgreSQL share, so
 * each engine only has to say how it connects, migrates and locks.
 */
public interface SqlDatabase extends AutoCloseable {
    /** A row mapper for {@link #query}. */
    interface Rows<T> {
        T map(ResultSet rs) throws SQLException;
    }

    <T> List<T> query(String sql, Rows<T> rows, Object... params);

    GroupCommitter committer();

    /** Commits one batch and waits for it (the admin writes: users, tokens); its failure is thrown as such. */
    default void commitNow(io.parley.server.core.store.WriteBatch batch) {
        try {
            committer().submit(batch).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Whether the database is reachable and still this server's (a lost PostgreSQL server lock is not). */
    default boolean isHealthy() {
        return true;
    }

    @Override
    void close();

    /** Runs a query on {@code connection}; a failure is answered as the store being unavailable (503). */
    static <T> List<T> query(java.sql.Connection connection, String sql, Rows<T> rows, Object[] params) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            List<T> out = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rows.map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            org.slf4j.LoggerFactory.getLogger(SqlDatabase.class).warn("A store read failed: {}", e.getMessage());
            throw io.parley.server.core.store.StoreUnavailable.exception();
        }
    }

    /** Binds parameters as both engines store them: booleans as 0 or 1 (the tables use integer columns). */
    static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Boolean b) {
                ps.setInt(i + 1, b ? 1 : 0);
            } else if (p == null) {
                ps.setNull(i + 1, java.sql.Types.NULL);
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }
}
