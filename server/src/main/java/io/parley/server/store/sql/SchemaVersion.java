package io.parley.server.store.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The rule both engines follow before Flyway runs: a store from a newer Parley is refused by everyone; an older
 * one is upgraded only by a server (a tool such as {@code parley user} may run beside an older server, which would
 * go on running its old statements on the new tables); a new store is created by whoever touches it first.
 */
public final class SchemaVersion {
    private SchemaVersion() {}

    /** The store's schema version, or -1 for a new store (no schema history yet). */
    public static int of(Connection connection) {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery(
                     "SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success = " + successValue(connection))) {
            return rs.next() && rs.getObject(1) != null ? rs.getInt(1) : -1;
        } catch (SQLException e) {
            return -1; // no history yet: a new store
        }
    }

    /** Whether Flyway must run; throws with the reason when this caller may not open the store at all. */
    public static boolean needsMigration(int version, int latest, boolean asServer, String store) {
        if (version > latest) {
            throw new IllegalStateException(store + " has schema version " + version + ", newer than this Parley knows ("
                    + latest + "): use the Parley that wrote it, or a newer one.");
        }
        if (version >= 0 && version < latest && !asServer) {
            throw new IllegalStateException(store + " has schema version " + version + " and this Parley needs "
                    + latest + ": start `parley serve` of this version on it once (that upgrades it; "
                    + "stop the older server first), then run this command again.");
        }
        return version < latest;
    }

    private static String successValue(Connection connection) throws SQLException {
        // Flyway keeps the flag as an integer in SQLite and as a boolean in PostgreSQL.
        return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres") ? "true" : "1";
    }
}
