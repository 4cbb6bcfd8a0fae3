package io.parley.server.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.server.core.routing.Envelope;
import io.parley.server.core.routing.InboxStore;
import io.parley.server.core.routing.Mail;
import io.parley.server.core.store.WriteBatch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Mail between routing groups, one row each: the kind of mail by its name, the mail itself as JSON. */
public final class SqlInboxStore implements InboxStore {
    private static final ObjectMapper json = new ObjectMapper();
    private static final Map<String, Class<?>> kinds = new HashMap<>();

    static {
        for (Class<?> kind : Mail.class.getPermittedSubclasses()) {
            kinds.put(kind.getSimpleName(), kind);
        }
    }

    private final SqlDatabase db;

    public SqlInboxStore(SqlDatabase db) {
        this.db = db;
    }

    @Override
    public void insert(WriteBatch batch, Envelope e) {
        try {
            batch.add(new SqlWrite("INSERT INTO inbox (source_group, seq, target_group, kind, body, sent_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", e.sourceGroup(), e.seq(), e.targetGroup(),
                    e.mail().getClass().getSimpleName(), json.writeValueAsString(e.mail()), e.sentAtMillis()));
        } catch (JsonProcessingException failure) {
            throw new IllegalStateException("Cannot write " + e.mail(), failure);
        }
    }

    @Override
    public void delete(WriteBatch batch, Envelope e) {
        batch.add(new SqlWrite("DELETE FROM inbox WHERE source_group = ? AND seq = ?", e.sourceGroup(), e.seq()));
    }

    @Override
    public List<Envelope> loadAll() {
        return db.query("SELECT source_group, seq, target_group, kind, body, sent_at FROM inbox "
                + "ORDER BY source_group, seq", rs -> {
            Class<?> kind = kinds.get(rs.getString("kind"));
            if (kind == null) {
                throw new IllegalStateException("Unknown mail kind " + rs.getString("kind") + " in the inbox: "
                        + "this Parley is older than the one that wrote it.");
            }
            try {
                return new Envelope(rs.getInt("source_group"), rs.getLong("seq"), rs.getInt("target_group"),
                        (Mail) json.readValue(rs.getString("body"), kind), rs.getLong("sent_at"));
            } catch (JsonProcessingException failure) {
                throw new IllegalStateException("Unreadable mail in the inbox: " + failure.getMessage(), failure);
            }
        });
    }
}
