package io.parley.server.store.sql;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The small conversions between domain values and columns. */
final class Columns {
    private Columns() {}

    static String join(List<String> values) {
        return String.join(",", values);
    }

    static List<String> split(String value) {
        return value == null || value.isEmpty() ? List.of() : Arrays.asList(value.split(","));
    }

    static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
