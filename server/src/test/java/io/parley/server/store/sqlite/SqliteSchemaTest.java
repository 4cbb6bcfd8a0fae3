package io.parley.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's schema: Flyway migrates a new one, and the restart fast path knows the newest migration. */
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
            assertThat(db.query("SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1", rs -> rs.getInt(1)))
                    .containsExactly(SqliteDatabase.LATEST_SCHEMA_VERSION);
        }
        try (SqliteDatabase db = SqliteDatabase.open(dir, true)) {
            assertThat(db.query("SELECT COUNT(*) FROM users", rs -> rs.getInt(1))).containsExactly(0);
        }
    }
}
