package io.parley.server.store;

import java.nio.file.Path;

/**
 * Where Parley keeps its data: SQLite in a data directory (the zero-configuration default), or a PostgreSQL
 * database given by its JDBC URL and role.
 *
 * @param durable  SQLite only: fsync every group commit ({@code synchronous=FULL}); off only for throwaway benches
 * @param nodeId   the name this server gives itself in a shared database (PostgreSQL)
 */
public record StoreSettings(Kind kind, Path dataDir, boolean durable, String dbUrl, String dbUser, String dbPassword,
                            String nodeId) {
    public enum Kind { SQLITE, POSTGRES }

    public static StoreSettings sqlite(Path dataDir) {
        return new StoreSettings(Kind.SQLITE, dataDir, true, null, null, null, defaultNodeId());
    }

    public static StoreSettings postgres(String url, String user, String password) {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("The PostgreSQL store needs a JDBC URL such as "
                    + "jdbc:postgresql://db.example.com:5432/parley (got " + (url == null ? "none" : "'" + url + "'") + ").");
        }
        return new StoreSettings(Kind.POSTGRES, null, true, url, user, password, defaultNodeId());
    }

    public StoreSettings withDurable(boolean durable) {
        return new StoreSettings(kind, dataDir, durable, dbUrl, dbUser, dbPassword, nodeId);
    }

    public StoreSettings withNodeId(String nodeId) {
        return new StoreSettings(kind, dataDir, durable, dbUrl, dbUser, dbPassword, nodeId);
    }

    /** For log lines and messages: never the password. */
    public String describe() {
        return kind == Kind.SQLITE ? "SQLite in " + dataDir.toAbsolutePath()
                : "PostgreSQL at " + dbUrl.replaceAll("(?i)([?&]password=)[^&]*", "$1***")
                        + (dbUser == null ? "" : " as " + dbUser);
    }

    @Override
    public String toString() {
        return describe();
    }

    private static String defaultNodeId() {
        String host = System.getenv("HOSTNAME");
        return (host == null || host.isBlank() ? "parley" : host) + "-" + ProcessHandle.current().pid();
    }
}
