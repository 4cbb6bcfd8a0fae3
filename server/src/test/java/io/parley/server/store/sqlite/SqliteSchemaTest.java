package io.parley.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's schema: Flyway migrates a new one, the restart fast path knows the newest migration, and the
 * baseline script a new store starts from builds the same schema as the versioned migrations.
 */
class SqliteSchemaTest {
    @TempDir
    Path dir;

    @Test
    void latestSchemaVersionMatchesTheNewestMigration() throws Exception {
        Path migrations = Path.of(getClass().getResource("/db/migration/sqlite").toURI());
        int newest;
        try (Stream<Path> files = Files.list(migrations)) {
            newest = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
        }
        assertThat(SqliteDatabase.LATEST_SCHEMA_VERSION).isEqualTo(newest);
    }

    @Test
    void aNewStoreIsMigratedAndReopeningKeepsIt() throws URISyntaxException {
        try (SqliteDatabase db = SqliteDatabase.open(dir, true)) {
            assertThat(db.query("SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success = 1",
                    rs -> rs.getInt(1))).containsExactly(SqliteDatabase.LATEST_SCHEMA_VERSION);
        }
        try (SqliteDatabase db = SqliteDatabase.open(dir, true)) {
            assertThat(db.query("SELECT COUNT(*) FROM users", rs -> rs.getInt(1))).containsExactly(0);
        }
    }

    @Test
    void theBaselineBuildsTheSameSchemaAsTheMigrations() throws Exception {
        Path migrated = dir.resolve("migrated");
        Path baselined = dir.resolve("baselined");
        Files.createDirectories(migrated);
        Files.createDirectories(baselined);
        // A store made at version 1 and upgraded by the versioned migrations, against one made new (baseline).
        SqliteMessageLayoutTest.createVersionOneStore(migrated);
        try (SqliteDatabase db = SqliteDatabase.open(migrated, true)) {
            assertThat(db.query("SELECT type FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank",
                    rs -> rs.getString(1))).containsExactly("SQL", "SQL", "SQL", "SQL");
        }
        String migratedUrl = "jdbc:sqlite:" + migrated.resolve("parley.db");
        try (SqliteDatabase db = SqliteDatabase.open(baselined, true)) {
            assertThat(db.query("SELECT type FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank",
                    rs -> rs.getString(1))).containsExactly("SQL_BASELINE"); // B4: V1 to V4 in one script
        }
        assertThat(schema("jdbc:sqlite:" + baselined.resolve("parley.db"))).isEqualTo(schema(migratedUrl));
    }

    /** Every table's and index's columns (name, type, not null, key), and the indexes' uniqueness. */
    private static java.util.List<String> schema(String url) throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
             java.sql.Statement st = c.createStatement();
             java.sql.ResultSet objects = st.executeQuery("SELECT type, name FROM sqlite_schema "
                     + "WHERE name NOT LIKE 'flyway%' AND name NOT LIKE 'sqlite_%' ORDER BY type, name")) {
            while (objects.next()) {
                String type = objects.getString(1);
                String name = objects.getString(2);
                out.add(type + " " + name);
                String pragma = type.equals("table") ? "PRAGMA table_info(" + name + ")" : "PRAGMA index_xinfo(" + name + ")";
                try (java.sql.Statement s2 = c.createStatement(); java.sql.ResultSet cols = s2.executeQuery(pragma)) {
                    int n = cols.getMetaData().getColumnCount();
                    while (cols.next()) {
                        StringBuilder row = new StringBuilder("  ");
                        for (int i = 1; i <= n; i++) {
                            row.append(cols.getString(i)).append('|');
                        }
                        out.add(row.toString());
                    }
                }
            }
            try (java.sql.ResultSet idx = st.executeQuery("SELECT name, sql IS NOT NULL FROM sqlite_schema WHERE type = 'index' ORDER BY name")) {
                while (idx.next()) {
                    out.add("index " + idx.getString(1) + " explicit=" + idx.getInt(2));
                }
            }
        }
        return out;
    }

    @Test
    void toolsBesideARunningServerNeverUpgradeAStoreAndNobodyOpensANewerOne() throws Exception {
        Path old = dir.resolve("old");
        java.nio.file.Files.createDirectories(old);
        SqliteMessageLayoutTest.createVersionOneStore(old);
        // A tool (parley user ..., the bench harness) refuses, with a reason, and leaves the store as it was.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SqliteDatabase.open(old, true, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("schema version 1")
                .hasMessageContaining("parley serve");
        assertThat(schemaVersions(old)).containsExactly(1);
        // The server upgrades it.
        SqliteDatabase.open(old, true).close();
        assertThat(schemaVersions(old)).containsExactly(1, 2, 3, 4);
        // A store from a newer Parley is refused by everyone.
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + old.resolve("parley.db"));
             java.sql.Statement st = c.createStatement()) {
            st.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, "
                    + "installed_by, execution_time, success) VALUES (99, '99', 'future', 'SQL', 'V99__future.sql', 0, 'x', 0, 1)");
        }
        for (boolean mayUpgrade : new boolean[] {true, false}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SqliteDatabase.open(old, true, mayUpgrade))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("newer than this Parley knows");
        }
        // A new store is created by tools too (parley user add before the first parley serve).
        Path fresh = dir.resolve("fresh");
        SqliteDatabase.open(fresh, true, false).close();
        assertThat(schemaVersions(fresh)).containsExactly(SqliteDatabase.LATEST_SCHEMA_VERSION); // the baseline
    }

    private static java.util.List<Integer> schemaVersions(Path dataDir) throws Exception {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("parley.db"));
             java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT CAST(version AS INTEGER) FROM flyway_schema_history "
                     + "WHERE success = 1 ORDER BY installed_rank")) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }
}
