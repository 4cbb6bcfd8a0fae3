package io.parley.cli;

import io.parley.server.store.StoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Where the data is, shared by {@code parley serve} and the {@code parley user} commands: the SQLite store in a
 * data directory (the default), or a PostgreSQL database. Each option can also come from the environment, so a
 * service unit holds the database settings once; the password never comes from the command line.
 */
final class StoreOptions {
    @Option(names = "--store", paramLabel = "sqlite|postgres", defaultValue = "${env:PARLEY_STORE:-sqlite}",
            description = "Where the data lives: sqlite (default, in --data) or postgres (--db-url). Env: PARLEY_STORE.")
    String store;

    @Option(names = "--data", defaultValue = "${env:PARLEY_DATA:-./parley-data}",
            description = "Data directory of the SQLite store (default: ${DEFAULT-VALUE}). Env: PARLEY_DATA.")
    Path data;

    @Option(names = "--db-url", paramLabel = "JDBC_URL", defaultValue = "${env:PARLEY_DB_URL}",
            description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://db:5432/parley. Env: PARLEY_DB_URL.")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "${env:PARLEY_DB_USER}",
            description = "PostgreSQL role (needs no superuser rights). Env: PARLEY_DB_USER.")
    String dbUser;

    @Option(names = "--db-password-file", paramLabel = "FILE",
            description = "Read the PostgreSQL password from the first line of FILE. Else env PARLEY_DB_PASSWORD.")
    Path dbPasswordFile;

    @Option(names = "--node-id", defaultValue = "${env:PARLEY_NODE_ID}",
            description = "This server's name in a shared PostgreSQL database (default: host name and process id). "
                    + "Env: PARLEY_NODE_ID.")
    String nodeId;

    StoreSettings settings() {
        StoreSettings settings = switch (store.toLowerCase(Locale.ROOT)) {
            case "sqlite" -> StoreSettings.sqlite(data);
            case "postgres", "postgresql" -> StoreSettings.postgres(dbUrl, dbUser, password());
            default -> throw new IllegalArgumentException("--store must be sqlite or postgres, not '" + store + "'");
        };
        return nodeId == null || nodeId.isBlank() ? settings : settings.withNodeId(nodeId);
    }

    private String password() {
        if (dbPasswordFile != null) {
            try {
                return Files.readAllLines(dbPasswordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read --db-password-file " + dbPasswordFile, e);
            }
        }
        return System.getenv("PARLEY_DB_PASSWORD");
    }
}
