package io.parley.server.support;

import io.parley.server.store.StoreSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for the tests (zonky's packaging of the official binaries), started once per test JVM, with a
 * new database for each caller. Parley connects as {@value #ROLE}, a role without superuser rights that owns its
 * database, as a deployment would set it up.
 */
public final class Postgres {
    public static final String ROLE = "parley";
    public static final String PASSWORD = "parley-pw";
    private static final AtomicInteger databases = new AtomicInteger();
    private static EmbeddedPostgres server;

    private Postgres() {}

    /** The running server (started on first use; stopped when the JVM exits). */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
                admin("CREATE ROLE " + ROLE + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '" + PASSWORD + "'");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going anyway
                }
            }));
        }
        return server;
    }

    /** A new, empty database owned by {@value #ROLE}; the settings connect as that role. */
    public static StoreSettings newDatabase() {
        String name = "parley_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        admin("CREATE DATABASE " + name + " OWNER " + ROLE);
        return StoreSettings.postgres(jdbcUrl(name), ROLE, PASSWORD);
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + server().getPort() + "/" + database;
    }

    /** Runs a statement as the superuser (setting up, or doing to Parley what an operator or a fault would). */
    public static void admin(String sql) {
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + sql + ": " + e.getMessage(), e);
        }
    }
}
