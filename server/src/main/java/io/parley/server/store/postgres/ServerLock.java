package io.parley.server.store.postgres;

import io.parley.server.store.sql.GroupCommitter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a second server off a PostgreSQL database while Parley runs one node per database: a session advisory
 * lock held on a control connection of its own (never a pooled one, whose session a pool may recycle).
 * PostgreSQL releases it when that session ends, including when the node dies, so a crashed node never blocks
 * the next start. The holder names itself in {@code nodes}, for the message a second server prints.
 *
 * <p>Danger: if PostgreSQL drops the control session (a restart, a network cut), the lock is gone. The node then
 * reports itself unhealthy and takes the lock again when it can; a node that finds the lock taken by another
 * stays unhealthy and says so in the log.
 */
final class ServerLock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServerLock.class);
    /** The advisory-lock key space of Parley ("Parl"), and the key of the single-node server lock in it. */
    static final int PARLEY_KEYS = 0x5061726c;
    static final int SERVER_KEY = 0;
    private static final long RECLAIM_INTERVAL_MILLIS = 1_000;
    private final GroupCommitter.ConnectionSource source;
    private final String nodeId;
    private final String where;
    private Connection control;
    private long lastReclaimMillis;

    private ServerLock(GroupCommitter.ConnectionSource source, String nodeId, String where) {
        this.source = source;
        this.nodeId = nodeId;
        this.where = where;
    }

    static ServerLock acquire(GroupCommitter.ConnectionSource source, String nodeId, String where) throws SQLException {
        ServerLock lock = new ServerLock(source, nodeId, where);
        String holder = lock.take();
        if (holder != null) {
            throw new IllegalStateException("Another Parley server already runs on " + where + " (" + holder
                    + "): stop it first, or give this server a database of its own.");
        }
        return lock;
    }

    /** Takes the lock on a new control connection; returns who holds it instead, or null when taken. */
    private String take() throws SQLException {
        Connection c = source.open();
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, PARLEY_KEYS);
            ps.setInt(2, SERVER_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    String holder = holder(c);
                    c.close();
                    return holder;
                }
            }
            // Holding the lock, this node is the only server: any other row is left from a node that died.
            try (PreparedStatement del = c.prepareStatement("DELETE FROM nodes WHERE node_id <> ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO nodes (node_id, description, started_at) "
                         + "VALUES (?, ?, ?) ON CONFLICT (node_id) DO UPDATE SET description = excluded.description, "
                         + "started_at = excluded.started_at")) {
                del.setString(1, nodeId);
                del.executeUpdate();
                ins.setString(1, nodeId);
                ins.setString(2, "pid " + ProcessHandle.current().pid());
                ins.setLong(3, System.currentTimeMillis());
                ins.executeUpdate();
            }
            control = c;
            return null;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    private static String holder(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT node_id, description, started_at FROM nodes");
             ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                return "node " + rs.getString(1) + ", " + rs.getString(2) + ", started "
                        + java.time.Instant.ofEpochMilli(rs.getLong(3));
            }
            return "a node that has not named itself yet";
        }
    }

    /** Whether the control session, and so the lock, is still ours; if not, tries at most once a second to reclaim it. */
    synchronized boolean isHeld() {
        if (control != null && valid(control)) {
            return true;
        }
        long now = System.currentTimeMillis();
        if (now - lastReclaimMillis < RECLAIM_INTERVAL_MILLIS) {
            return false;
        }
        lastReclaimMillis = now;
        closeControl();
        try {
            String holder = take();
            if (holder != null) {
                log.error("Lost the server lock on {} and another server took it ({}): this server no longer owns the "
                        + "database; stop one of them", where, holder);
                return false;
            }
            log.warn("The control connection to {} was lost; reconnected and holding the server lock again", where);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean valid(Connection c) {
        try {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    private void closeControl() {
        if (control != null) {
            try {
                control.close();
            } catch (SQLException ignored) {
                // already broken
            }
            control = null;
        }
    }

    @Override
    public synchronized void close() {
        if (control != null) {
            try (PreparedStatement ps = control.prepareStatement("DELETE FROM nodes WHERE node_id = ?")) {
                ps.setString(1, nodeId);
                ps.executeUpdate();
            } catch (SQLException ignored) {
                // the row is cleaned up by the next server
            }
        }
        closeControl();
    }
}
