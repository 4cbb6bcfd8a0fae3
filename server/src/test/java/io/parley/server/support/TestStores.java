package io.parley.server.support;

import io.parley.server.store.StoreSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The store the scenario tests run on: SQLite in the test's data directory by default, a new PostgreSQL database
 * with {@code -Dparley.test.store=postgres} (the build runs the scenario suite both ways).
 */
public final class TestStores {
    private static final String PROPERTY = "parley.test.store";

    private TestStores() {}

    public static boolean onPostgres() {
        return System.getProperty(PROPERTY, "sqlite").toLowerCase(Locale.ROOT).startsWith("postgres");
    }

    /** A new, empty store of the engine under test; SQLite keeps its files in {@code dataDir}. */
    public static StoreSettings newStore(Path dataDir) {
        return onPostgres() ? Postgres.newDatabase() : StoreSettings.sqlite(dataDir);
    }

    /** A plain JDBC connection to the store, for tests that look at what was written. */
    public static Connection connect(StoreSettings store) throws SQLException {
        return switch (store.kind()) {
            case SQLITE -> DriverManager.getConnection("jdbc:sqlite:" + store.dataDir().resolve("parley.db"));
            case POSTGRES -> DriverManager.getConnection(store.dbUrl(), store.dbUser(), store.dbPassword());
        };
    }

    /** The store as one command-line argument for a server in a child process ({@link ServerMain}). */
    public static String argument(StoreSettings store) {
        return store.kind() == StoreSettings.Kind.POSTGRES ? store.dbUrl() : store.dataDir().toString();
    }

    static StoreSettings fromArgument(String argument) {
        return argument.startsWith("jdbc:postgresql:")
                ? StoreSettings.postgres(argument, Postgres.ROLE, Postgres.PASSWORD)
                : StoreSettings.sqlite(Path.of(argument));
    }
}
