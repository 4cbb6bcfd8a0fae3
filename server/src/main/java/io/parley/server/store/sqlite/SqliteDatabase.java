package io.parley.server.store.sqlite;

import io.parley.server.store.sql.GroupCommitter;
import io.parley.server.store.sql.SchemaVersion;
import io.parley.server.store.sql.SqlDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
public final class SqliteDatabase implements SqlDatabase {
    private final Path file;
    private final SQLiteDataSource dataSource;
    private final Connection reader;
    private final ReentrantLock readLock = new ReentrantLock();
    private final GroupCommitter committer;
    private final DataDirectoryLock serverLock;

    private SqliteDatabase(Path file, boolean durable, boolean mayUpgrade, DataDirectoryLock serverLock)
            throws SQLException {
        this.file = file;
        this.serverLock = serverLock;
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
            int version = SchemaVersion.of(reader);
            if (SchemaVersion.needsMigration(version, LATEST_SCHEMA_VERSION, mayUpgrade, file.toString())) {
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
        this.committer = new GroupCommitter(dataSource::getConnection);
    }

    /**
     * The newest migration in {@code db/migration/sqlite} (kept in step by {@code SqliteSchemaTest}). When the
     * schema history already shows it applied, Flyway is not even loaded: that is most of a restart's cost.
     */
    static final int LATEST_SCHEMA_VERSION = 4;

    /**
     * Opens the store in {@code dataDir} for the server: created, or upgraded to the current schema, as needed,
     * and locked against a second server.
     */
    public static SqliteDatabase open(Path dataDir, boolean durable) {
        return open(dataDir, durable, true);
    }

    /**
     * Opens the store in {@code dataDir}, creating it as needed. {@code asServer} takes the data directory's
     * server lock (a second server refuses to start) and may upgrade the schema. Tools that work beside a running
     * server, such as {@code parley user}, pass false: an existing store with an older schema is then refused
     * rather than upgraded, since upgrading under a running older server would leave that server running its old
     * statements on the new tables. A store with a newer schema than this code knows is always refused.
     */
    public static SqliteDatabase open(Path dataDir, boolean durable, boolean asServer) {
        SqliteNativeLibrary.prepare();
        DataDirectoryLock lock = null;
        try {
            Files.createDirectories(dataDir);
            lock = asServer ? DataDirectoryLock.acquire(dataDir) : null;
            return new SqliteDatabase(dataDir.resolve("parley.db"), durable, asServer, lock);
        } catch (RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            throw e;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            if (lock != null) {
                lock.close();
            }
            throw new IllegalStateException("Cannot open the store " + dataDir.resolve("parley.db") + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public GroupCommitter committer() {
        return committer;
    }

    public Path file() {
        return file;
    }

    /** Runs a query on the reader connection. */
    @Override
    public <T> List<T> query(String sql, Rows<T> rows, Object... params) {
        readLock.lock();
        try {
            return SqlDatabase.query(reader, sql, rows, params);
        } finally {
            readLock.unlock();
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
            if (serverLock != null) {
                serverLock.close();
            }
        }
    }
}
