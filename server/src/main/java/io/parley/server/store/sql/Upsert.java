package io.parley.server.store.sql;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Builds the one upsert both engines understand: {@code INSERT ... ON CONFLICT (key) DO UPDATE SET} every other
 * column. (SQLite's {@code INSERT OR REPLACE} is not PostgreSQL, and it deletes and re-inserts the row.)
 */
final class Upsert {
    private Upsert() {}

    /** The statement for {@code table}, whose first column is the key; parameters in column order. */
    static String into(String table, String... columns) {
        String key = columns[0];
        String placeholders = Arrays.stream(columns).map(c -> "?").collect(Collectors.joining(", "));
        String updates = Arrays.stream(columns).skip(1).map(c -> c + " = excluded." + c)
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + placeholders + ") "
                + "ON CONFLICT (" + key + ") DO UPDATE SET " + updates;
    }
}
