package io.parley.server.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.parley.server.store.StoreSettings;
import io.parley.server.core.store.StoreUnavailable;
import io.parley.server.store.sql.GroupCommitter;
import io.parley.server.store.sql.SchemaVersion;
import io.parley.server.store.sql.SqlDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.slf4j.LoggerFactory;

/**
 * Parley's tables in a PostgreSQL database: reads through a small HikariCP pool, writes through one dedicated
 * connection owned by the {@link GroupCommitter} (not pooled: the writer keeps its prepared statements, and
 * opens a new connection by itself after PostgreSQL dropped the old one). A server also holds a
 * {@link ServerLock} on a control connection of its own. The role needs no superuser rights: it must be able
 * to create tables in the database's schema on first use.
 */
public final class PostgresDatabase implements SqlDatabase {
    /** The newest migration in {@code db/migration/postgres}. */
    static final int LATEST_SCHEMA_VERSION = 3;
    private static final int READ_POOL_SIZE = 8;
    private final HikariDataSource pool;
    private final GroupCommitter committer;
    private final ServerLock serverLock;

    private PostgresDatabase(StoreSettings settings, boolean asServer) {
        String where = settings.describe();
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("parley-reads");
        hikari.setJdbcUrl(settings.dbUrl());
        hikari.setDataSourceProperties(properties(settings, "reads"));
        hikari.setMaximumPoolSize(READ_POOL_SIZE);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(5_000);
        try {
            this.pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot connect to " + where + ": " + rootMessage(e), e);
        }
        ServerLock lock = null;
        try {
            try (Connection c = pool.getConnection()) {
                if (SchemaVersion.needsMigration(SchemaVersion.of(c), LATEST_SCHEMA_VERSION, asServer, where)) {
                    // Flyway serialises concurrent migrations with an advisory lock of its own, so two nodes
                    // started at once on an empty database do not both create the tables.
                    Flyway.configure().dataSource(pool).locations("classpath:db/migration/postgres").load().migrate();
                }
            }
            lock = asServer ? ServerLock.acquire(() -> connect(settings, "control"), settings.nodeId(), where) : null;
        } catch (SQLException e) {
            pool.close();
            throw new IllegalStateException("Cannot open " + where + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        this.serverLock = lock;
        this.committer = new GroupCommitter(() -> connect(settings, "writer"));
    }

    public static PostgresDatabase open(StoreSettings settings, boolean asServer) {
        return new PostgresDatabase(settings, asServer);
    }

    private static Connection connect(StoreSettings settings, String role) throws SQLException {
        return DriverManager.getConnection(settings.dbUrl(), properties(settings, role));
    }

    private static Properties properties(StoreSettings settings, String role) {
        Properties p = new Properties();
        if (settings.dbUser() != null) {
            p.setProperty("user", settings.dbUser());
        }
        if (settings.dbPassword() != null) {
            p.setProperty("password", settings.dbPassword());
        }
        p.setProperty("ApplicationName", "parley " + settings.nodeId() + " " + role);
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("connectTimeout", "5");
        return p;
    }

    @Override
    public <T> List<T> query(String sql, Rows<T> rows, Object... params) {
        try (Connection c = pool.getConnection()) {
            return SqlDatabase.query(c, sql, rows, params);
        } catch (SQLException e) {
            LoggerFactory.getLogger(getClass()).warn("A store read failed: {}", e.getMessage());
            throw StoreUnavailable.exception();
        }
    }

    @Override
    public GroupCommitter committer() {
        return committer;
    }

    @Override
    public boolean isHealthy() {
        return serverLock == null || serverLock.isHeld();
    }

    @Override
    public void close() {
        committer.close();
        if (serverLock != null) {
            serverLock.close();
        }
        pool.close();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
