package io.parley.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.util.OSInfo;

/** The lasting copy of SQLite's native library: made once, whole, and reused by later starts. */
class SqliteNativeLibraryTest {
    @TempDir
    Path cache;

    @Test
    void theLibraryIsCopiedOnceAndThenReused() throws Exception {
        Path lib = SqliteNativeLibrary.install(cache);
        assertThat(lib).isRegularFile().startsWith(cache);
        byte[] bundled;
        try (InputStream in = getClass().getResourceAsStream("/org/sqlite/native/"
                + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + System.mapLibraryName("sqlitejdbc"))) {
            bundled = in.readAllBytes();
        }
        assertThat(Files.readAllBytes(lib)).isEqualTo(bundled);
        try (var left = Files.list(lib.getParent())) {
            assertThat(left).containsExactly(lib); // no partial copies left behind
        }

        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(lib, old);
        assertThat(SqliteNativeLibrary.install(cache)).isEqualTo(lib);
        assertThat(Files.getLastModifiedTime(lib)).isEqualTo(old); // reused, not rewritten
    }

    @Test
    void thePlatformFolderIsTheDriversOwn() {
        assertThat(SqliteNativeLibrary.platformFolder()).isEqualTo(OSInfo.getNativeLibFolderPathForCurrentOS());
    }

    @Test
    void openingAStoreLoadsTheDriverFromTheLastingCopy(@TempDir Path data) {
        try (SqliteDatabase db = SqliteDatabase.open(data, true)) {
            assertThat(db.query("SELECT sqlite_version()", rs -> rs.getString(1))).hasSize(1);
        }
        String dir = System.getProperty("org.sqlite.lib.path");
        assertThat(dir).isNotNull();
        assertThat(Path.of(dir, System.getProperty("org.sqlite.lib.name"))).isRegularFile();
    }
}
