package io.parley.server.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * Gives the SQLite driver a lasting copy of its native library. Left alone, the driver copies the library
 * (1.1 MB) out of the jar into /tmp on every start, which cost 60-80 ms of Parley's start-up, and a process
 * that is killed leaves its copy behind: 67 of them (71 MB) had piled up on a test machine.
 *
 * <p>The copy lives in {@code $XDG_CACHE_HOME/parley} (or {@code ~/.cache/parley}), one file per driver
 * version, written under a temporary name and renamed so that concurrent starts never load half a file. An
 * operator who sets {@code org.sqlite.lib.path} keeps that choice; if the cache cannot be written, the driver
 * does what it always did.
 */
final class SqliteNativeLibrary {
    private static final Logger log = LoggerFactory.getLogger(SqliteNativeLibrary.class);
    private static boolean prepared; // guarded by the class lock

    private SqliteNativeLibrary() {}

    static synchronized void prepare() {
        if (prepared || System.getProperty("org.sqlite.lib.path") != null) {
            return;
        }
        prepared = true;
        try {
            Path root = cacheRoot();
            if (!root.isAbsolute()) {
                return; // no usable home directory (Java reports "?"): never write under the working directory
            }
            Path lib = install(root);
            if (lib != null) {
                System.setProperty("org.sqlite.lib.path", lib.getParent().toString());
                System.setProperty("org.sqlite.lib.name", lib.getFileName().toString());
            }
        } catch (IOException | RuntimeException e) {
            log.debug("No lasting copy of SQLite's native library ({}); the driver extracts its own", e.toString());
        }
    }

    /** The library's lasting copy under {@code cacheRoot}, made if missing; null if the jar has none for this platform. */
    static Path install(Path cacheRoot) throws IOException {
        String platform = platformFolder();
        String name = System.mapLibraryName("sqlitejdbc");
        Path dir = cacheRoot.resolve("sqlite-" + SQLiteJDBCLoader.getVersion() + "-" + platform.replace('/', '-'));
        Path lib = dir.resolve(name);
        if (Files.isRegularFile(lib)) {
            return lib;
        }
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream("/org/sqlite/native/" + platform + "/" + name)) {
            if (in == null) {
                return null; // no bundled library for this platform: the driver reports it
            }
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, name, ".part");
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return lib;
    }

    /**
     * The driver's folder name for this platform, as {@link OSInfo#getNativeLibFolderPathForCurrentOS()} gives it,
     * but without its child process: on Linux, OSInfo runs {@code uname -o} to tell Android's Termux apart, which
     * cost 100-180 ms of Parley's start-up. Anything that looks like Android still asks OSInfo.
     */
    static String platformFolder() {
        boolean linux = System.getProperty("os.name", "").contains("Linux");
        if (!linux || OSInfo.isAndroidRuntime() || System.getenv("TERMUX_VERSION") != null
                || Files.exists(Path.of("/system/build.prop"))) {
            return OSInfo.getNativeLibFolderPathForCurrentOS();
        }
        return (OSInfo.isMusl() ? "Linux-Musl" : "Linux") + "/" + OSInfo.getArchName();
    }

    private static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "parley");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "parley");
    }
}
