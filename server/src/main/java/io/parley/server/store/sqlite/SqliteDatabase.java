package io.parley.server.store.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The SQLite file {@code parley.db} in the data directory, in WAL mode: one writer connection (owned by the
 * {@link GroupCommitter}) and one reader connection shared under a lock. Other processes (the
 * {@code parley user} commands) may write to the same file; the busy timeout makes them wait their turn.
 */
public final class SqliteDatabase implements AutoCloseable {
    private final Path file;
    private final SQLiteDataSource dataSource;
    private final Connection reader;
    private final ReentrantLock readLock = new ReentrantLock();
    private final GroupCommitter committer;

    /** A row mapper for {@link #query}. */
    public interface Rows<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private SqliteDatabase(Path file, boolean durable, boolean mayUpgrade) throws SQLException {
        this.file = file;
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(durable ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(15_000);
        config.enforceForeignKeys(false);
        config.setGetGeneratedKeys(false); // no table uses generated keys; the driver would query for them after every write
        this.dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        this.reader = dataSource.getConnection();
        try {
            int version = schemaVersion(reader);
            if (version > LATEST_SCHEMA_VERSION) {
                throw new IllegalStateException(file + " has schema version " + version + ", newer than this Parley knows ("
                        + LATEST_SCHEMA_VERSION + "): use the Parley that wrote it, or a newer one.");
            }
            if (version >= 0 && version < LATEST_SCHEMA_VERSION && !mayUpgrade) {
                throw new IllegalStateException(file + " has schema version " + version + " and this Parley needs "
                        + LATEST_SCHEMA_VERSION + ": start `parley serve` of this version on it once (that upgrades it; "
                        + "stop the older server first), then run this command again.");
            }
            if (version < LATEST_SCHEMA_VERSION) {
                Flyway.configure()
                        .dataSource(dataSource)
                        .locations("classpath:db/migration/sqlite")
                        .load()
                        .migrate();
            }
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
        Connection writer = dataSource.getConnection();
        writer.setAutoCommit(false);
        this.committer = new GroupCommitter(writer);
    }

    /**
     * The newest migration in {@code db/migration/sqlite} (kept in step by {@code SqliteSchemaTest}). When the
     * schema history already shows it applied, Flyway is not even loaded: that is most of a restart's cost.
     */
    static final int LATEST_SCHEMA_VERSION = 3;

    /** The store's schema version, or -1 for a new store (no schema history yet). */
    private static int schemaVersion(Connection connection) {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success = 1")) {
            return rs.next() ? rs.getInt(1) : -1;
        } catch (SQLException e) {
            return -1; // no history yet: a new store
        }
    }

    /** Opens the store in {@code dataDir} for the server: created, or upgraded to the current schema, as needed. */
    public static SqliteDatabase open(Path dataDir, boolean durable) {
        return open(dataDir, durable, true);
    }

    /**
     * Opens the store in {@code dataDir}, creating it as needed. With {@code mayUpgrade} false (tools that work
     * beside a running server, such as {@code parley user}) an existing store with an older schema is refused
     * rather than upgraded: upgrading under a running older server would leave that server running its old
     * statements on the new tables. A store with a newer schema than this code knows is always refused.
     */
    public static SqliteDatabase open(Path dataDir, boolean durable, boolean mayUpgrade) {
        SqliteNativeLibrary.prepare();
        try {
            Files.createDirectories(dataDir);
            return new SqliteDatabase(dataDir.resolve("parley.db"), durable, mayUpgrade);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open the store " + dataDir.resolve("parley.db") + ": "
                    + e.getMessage(), e);
        }
    }

    public GroupCommitter committer() {
        return committer;
    }

    public Path file() {
        return file;
    }

    /** Runs a query on the reader connection. */
    public <T> List<T> query(String sql, Rows<T> rows, Object... params) {
        readLock.lock();
        try (PreparedStatement ps = reader.prepareStatement(sql)) {
            bind(ps, params);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rows.map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Store read failed: " + e.getMessage(), e);
        } finally {
            readLock.unlock();
        }
    }

    static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Boolean b) {
                ps.setInt(i + 1, b ? 1 : 0);
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    @Override
    public void close() {
        committer.close();
        readLock.lock();
        try (Statement st = reader.createStatement()) {
            st.execute("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (SQLException ignored) {
            // closing anyway
        } finally {
            try {
                reader.close();
            } catch (SQLException ignored) {
                // nothing left to do
            }
            readLock.unlock();
        }
    }
}
