package io.parley.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.server.core.conversation.Conversation;
import io.parley.server.core.conversation.Message;
import io.parley.server.core.events.QueuedEvent;
import io.parley.server.core.store.WriteBatch;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages and events are stored in the order they were written (schema V2): saving, changing and deleting
 * messages by serial round-trips through a reopen, and a store written by schema V1 keeps every row.
 */
class SqliteMessageLayoutTest {
    @TempDir
    Path dir;

    private static Conversation conversation(String id, List<Message> messages) {
        Conversation c = new Conversation(id, "app-" + id, "a@example.com", "b@example.com", "thread-" + id, null,
                "Normal", Conversation.State.Connected, Instant.ofEpochMilli(1_000));
        c.restore(Conversation.State.Connected, Conversation.MessagingState.Connected, List.of("Plain"), null, null,
                null, true, messages.isEmpty() ? 0 : messages.get(messages.size() - 1).number(), null, messages);
        return c;
    }

    private static Message message(long serial, int number, Message.Status status) {
        return new Message(serial, number, true, "m" + serial, false, Instant.ofEpochMilli(2_000 + serial), "op" + serial,
                status);
    }

    private static void commit(SqliteDatabase db, WriteBatch batch) {
        db.committer().submit(batch).join();
    }

    @Test
    void messagesOfInterleavedConversationsRoundTripBySerial() {
        // Serials interleave the two conversations, as concurrent conversations do.
        List<Message> ofA = List.of(message(1, 1, Message.Status.Pending), message(3, 2, Message.Status.Pending),
                message(5, 3, Message.Status.Pending));
        List<Message> ofB = List.of(message(2, 1, Message.Status.Pending), message(4, 2, Message.Status.Pending));
        try (SqliteDatabase db = SqliteDatabase.open(dir, true)) {
            io.parley.server.store.sql.SqlConversationStore store = new io.parley.server.store.sql.SqlConversationStore(db);
            Conversation a = conversation("a", List.of());
            Conversation b = conversation("b", ofB);
            WriteBatch batch = new WriteBatch();
            store.save(batch, a);
            store.save(batch, b);
            for (int i = 0; i < 3; i++) {
                store.saveMessage(batch, a, ofA.get(i));
                if (i < 2) {
                    store.saveMessage(batch, b, ofB.get(i));
                }
            }
            commit(db, batch);

            // A status change rewrites the status only; a forgotten message and a whole conversation go.
            WriteBatch later = new WriteBatch();
            store.saveMessage(later, a, message(3, 2, Message.Status.Succeeded));
            store.deleteMessage(later, a, ofA.get(0));
            store.delete(later, b);
            commit(db, later);
        }
        try (SqliteDatabase db = SqliteDatabase.open(dir, true)) {
            Map<String, Conversation> loaded = new io.parley.server.store.sql.SqlConversationStore(db).loadConversations().stream()
                    .collect(Collectors.toMap(Conversation::id, Function.identity()));
            assertThat(loaded).containsOnlyKeys("a");
            List<Message> kept = loaded.get("a").messages().all();
            assertThat(kept).extracting(Message::serial).containsExactly(3L, 5L);
            assertThat(kept).extracting(Message::number).containsExactly(2, 3);
            assertThat(kept).extracting(Message::status).containsExactly(Message.Status.Succeeded, Message.Status.Pending);
            assertThat(kept).extracting(Message::text).containsExactly("m3", "m5");
            assertThat(loaded.get("a").lastMessageNumber()).isEqualTo(3);
            assertThat(db.query("SELECT COUNT(*) FROM messages WHERE conversation_id = 'b'", rs -> rs.getInt(1)))
                    .containsExactly(0);
        }
    }

    @Test
    void aVersionOneStoreKeepsEveryMessageAndEventWhenMigrated() throws Exception {
        String url = createVersionOneStore(dir);
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("INSERT INTO conversations (id, app_id, local_address, remote_address, thread_id, importance, "
                    + "state, messaging, formats, remote_joined, last_message, created_at) VALUES "
                    + "('x', 'app-x', 'a@example.com', 'b@example.com', 't', 'Normal', 'Connected', 'Connected', "
                    + "'Plain', 1, 2, 1000), ('y', 'app-y', 'b@example.com', 'a@example.com', 't', 'Normal', "
                    + "'Connected', 'Connected', 'Plain', 1, 1, 1000)");
            // Written in time order x1, y1, x2; V1 kept them by (conversation, number).
            st.execute("INSERT INTO messages (conversation_id, number, outgoing, text, html, sent_at, operation_id, "
                    + "status) VALUES ('x', 1, 1, 'first', 0, 5000, 'op1', 'Succeeded'), "
                    + "('x', 2, 1, 'third', 0, 7000, null, 'Pending'), ('y', 1, 0, 'second', 0, 6000, null, 'Succeeded')");
            st.execute("INSERT INTO events (app_id, seq, priority, sender_rel, sender_href, body, appended_at, "
                    + "receipt_app, receipt_conversation, receipt_message) VALUES "
                    + "('app-y', 2, 'HIGH', 'communication', '/c', '{\"n\":2}', 8000, null, null, null), "
                    + "('app-y', 1, 'HIGH', 'communication', '/c', '{\"n\":1}', 7000, 'app-x', 'x', 2), "
                    + "('app-x', 1, 'MEDIUM', 'me', '/m', '{\"n\":0}', 9000, null, null, null)");
        }

        try (SqliteDatabase db = SqliteDatabase.open(dir, true)) {
            Map<String, Conversation> loaded = new io.parley.server.store.sql.SqlConversationStore(db).loadConversations().stream()
                    .collect(Collectors.toMap(Conversation::id, Function.identity()));
            List<Message> x = loaded.get("x").messages().all();
            assertThat(x).extracting(Message::text).containsExactly("first", "third");
            assertThat(x).extracting(Message::number).containsExactly(1, 2);
            assertThat(x).extracting(Message::operationId).containsExactly("op1", null);
            assertThat(x.get(1).status()).isEqualTo(Message.Status.Pending);
            Message y = loaded.get("y").messages().all().get(0);
            // Serials follow the time the messages were sent.
            assertThat(List.of(x.get(0).serial(), y.serial(), x.get(1).serial())).isSorted().doesNotHaveDuplicates();

            List<QueuedEvent> events = new io.parley.server.store.sql.SqlEventStore(db).loadEvents();
            List<String> order = new ArrayList<>();
            events.forEach(e -> order.add(e.appId() + "#" + e.seq()));
            assertThat(order).containsExactly("app-x#1", "app-y#1", "app-y#2");
            assertThat(events.get(1).receipt().senderConversationId()).isEqualTo("x");
            assertThat(events.get(1).receipt().messageNumber()).isEqualTo(2);
        }
    }

    /**
     * A store as schema version 1 made it: Flyway with only V1 in sight (with the whole set it would start a new
     * store from the baseline script, at version 2). Returns its JDBC URL.
     */
    static String createVersionOneStore(Path dataDir) throws Exception {
        Path v1Only = java.nio.file.Files.createTempDirectory("parley-v1");
        try (var in = SqliteMessageLayoutTest.class.getResourceAsStream("/db/migration/sqlite/V1__initial.sql")) {
            java.nio.file.Files.copy(in, v1Only.resolve("V1__initial.sql"));
        }
        String url = "jdbc:sqlite:" + dataDir.resolve("parley.db").toAbsolutePath();
        SqliteNativeLibrary.prepare();
        try {
            Flyway.configure().dataSource(url, null, null).locations("filesystem:" + v1Only).load().migrate();
        } finally {
            java.nio.file.Files.delete(v1Only.resolve("V1__initial.sql"));
            java.nio.file.Files.delete(v1Only);
        }
        return url;
    }
}
