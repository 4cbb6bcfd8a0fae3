package io.parley.server.store.sql;

import io.parley.server.core.events.ChannelSettings;
import io.parley.server.core.events.EventQueue;
import io.parley.server.core.events.EventStore;
import io.parley.server.core.events.Priority;
import io.parley.server.core.events.QueuedEvent;
import io.parley.server.core.events.Receipt;
import io.parley.server.core.store.WriteBatch;
import java.util.List;

public final class SqlEventStore implements EventStore {
    // An upsert: the row exists from the channel's start and changes about four times per IM.
    private static final String SAVE_QUEUE = Upsert.into("event_queues", "app_id", "packaged_seq", "next_package",
            "retained_no", "retained_from", "retained_to", "timeout_s", "medium_s", "low_s");
    private final SqlDatabase db;

    public SqlEventStore(SqlDatabase db) {
        this.db = db;
    }

    @Override
    public void append(WriteBatch batch, QueuedEvent e) {
        Receipt r = e.receipt();
        batch.add(new SqlWrite("INSERT INTO events (app_id, seq, priority, sender_rel, sender_href, body, appended_at, "
                + "receipt_app, receipt_conversation, receipt_message, receipt_group) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.appId(), e.seq(), e.priority().name(), e.senderRel(), e.senderHref(), e.body(), e.appendedAtMillis(),
                r == null ? null : r.senderAppId(), r == null ? null : r.senderConversationId(),
                r == null ? null : r.messageNumber(), r == null ? null : r.senderGroup()));
    }

    @Override
    public void saveQueue(WriteBatch batch, QueueState s) {
        EventQueue.Retained r = s.retained();
        batch.add(new SqlWrite(SAVE_QUEUE,
                s.appId(), s.packagedSeq(), s.nextPackageNumber(), r == null ? null : r.number(),
                r == null ? null : r.fromSeq(), r == null ? null : r.toSeq(), s.settings().timeoutSeconds(),
                s.settings().mediumSeconds(), s.settings().lowSeconds()));
    }

    @Override
    public void trim(WriteBatch batch, String appId, long seq) {
        batch.add(new SqlWrite("DELETE FROM events WHERE app_id = ? AND seq <= ?", appId, seq));
    }

    @Override
    public void deleteQueue(WriteBatch batch, String appId) {
        batch.add(new SqlWrite("DELETE FROM events WHERE app_id = ?", appId));
        batch.add(new SqlWrite("DELETE FROM event_queues WHERE app_id = ?", appId));
    }

    @Override
    public List<QueueState> loadQueues() {
        return db.query("SELECT * FROM event_queues", rs -> {
            long retainedNo = rs.getLong("retained_no");
            EventQueue.Retained retained = rs.wasNull() ? null
                    : new EventQueue.Retained(retainedNo, rs.getLong("retained_from"), rs.getLong("retained_to"));
            return new QueueState(rs.getString("app_id"), rs.getLong("packaged_seq"), rs.getLong("next_package"),
                    retained, new ChannelSettings(rs.getInt("timeout_s"), rs.getInt("medium_s"), rs.getInt("low_s")));
        });
    }

    @Override
    public List<QueuedEvent> loadEvents() {
        return db.query("SELECT * FROM events ORDER BY app_id, seq", rs -> {
            String receiptApp = rs.getString("receipt_app");
            int group = rs.getInt("receipt_group");
            Receipt receipt = receiptApp == null ? null
                    : new Receipt(rs.wasNull() ? -1 : group, receiptApp, rs.getString("receipt_conversation"),
                            rs.getInt("receipt_message"));
            return new QueuedEvent(rs.getString("app_id"), rs.getLong("seq"), Priority.valueOf(rs.getString("priority")),
                    rs.getString("sender_rel"), rs.getString("sender_href"), rs.getString("body"),
                    rs.getLong("appended_at"), receipt);
        });
    }
}
