package io.parley.server.store.sql;

import io.parley.protocol.UcwaError;
import io.parley.server.core.conversation.Conversation;
import io.parley.server.core.conversation.ConversationStore;
import io.parley.server.core.conversation.Invitation;
import io.parley.server.core.conversation.Message;
import io.parley.server.core.store.WriteBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public final class SqlConversationStore implements ConversationStore {
    private static final String SAVE_CONVERSATION = Upsert.into("conversations", "id", "app_id", "local_address",
            "remote_address", "thread_id", "subject", "importance", "state", "messaging", "formats", "peer_app_id",
            "peer_conversation_id", "invitation_id", "remote_joined", "last_message", "created_at", "ended_at");
    private static final String SAVE_INVITATION = Upsert.into("invitations", "id", "app_id", "conversation_id",
            "outgoing", "from_address", "to_address", "subject", "importance", "operation_id", "thread_id",
            "first_message", "first_message_html", "ring_of", "created_at", "deadline", "state", "failure_code",
            "failure_subcode", "failure_message");
    private final SqlDatabase db;

    public SqlConversationStore(SqlDatabase db) {
        this.db = db;
    }

    @Override
    public void save(WriteBatch batch, Conversation c) {
        batch.add(new SqlWrite(SAVE_CONVERSATION,
                c.id(), c.appId(), c.localAddress(), c.remoteAddress(), c.threadId(), c.subject(), c.importance(),
                c.state().name(), c.messaging().name(), Columns.join(c.negotiatedFormats()), c.peerAppId(),
                c.peerConversationId(), c.invitationId(), c.isRemoteJoined(), c.lastMessageNumber(),
                c.createdAt().toEpochMilli(), Columns.millis(c.endedAt())));
    }

    /**
     * Messages are keyed by {@link Message#serial()} (schema V2): a new one goes to the end of the table next to
     * the others written in the same commit; a status change (the only change a message sees) updates one
     * column of a row that is usually still on a recently written page.
     */
    @Override
    public void saveMessage(WriteBatch batch, Conversation c, Message m) {
        batch.add(new SqlWrite("INSERT INTO messages (serial, conversation_id, number, outgoing, text, html, sent_at, "
                + "operation_id, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (serial) DO UPDATE SET status = excluded.status",
                m.serial(), c.id(), m.number(), m.isOutgoing(), m.text(), m.isHtml(), m.timestamp().toEpochMilli(),
                m.operationId(), m.status().name()));
        // No UPDATE of conversations.last_message here: at load it is derived from the newest message kept.
    }

    @Override
    public void deleteMessage(WriteBatch batch, Conversation c, Message m) {
        batch.add(new SqlWrite("DELETE FROM messages WHERE serial = ?", m.serial()));
    }

    /**
     * The conversation's messages are exactly those in its log (older ones were deleted when forgotten), so they
     * lie between its first and last serial; the range is walked by key, with no index by conversation.
     */
    @Override
    public void delete(WriteBatch batch, Conversation c) {
        List<Message> kept = c.messages().all();
        if (!kept.isEmpty()) {
            batch.add(new SqlWrite("DELETE FROM messages WHERE serial BETWEEN ? AND ? AND conversation_id = ?",
                    kept.get(0).serial(), kept.get(kept.size() - 1).serial(), c.id()));
        }
        batch.add(new SqlWrite("DELETE FROM conversations WHERE id = ?", c.id()));
    }

    @Override
    public void saveInvitation(WriteBatch batch, Invitation i) {
        UcwaError f = i.failure();
        batch.add(new SqlWrite(SAVE_INVITATION,
                i.id(), i.appId(), i.conversationId(), i.isOutgoing(), i.fromAddress(), i.toAddress(), i.subject(),
                i.importance(), i.operationId(), i.threadId(), i.firstMessage(), i.isFirstMessageHtml(), i.ringOf(),
                i.createdAt().toEpochMilli(), i.deadline().toEpochMilli(), i.state().name(),
                f == null ? null : f.code(), f == null ? null : f.subcode(), f == null ? null : f.message()));
    }

    @Override
    public void deleteInvitation(WriteBatch batch, String invitationId) {
        batch.add(new SqlWrite("DELETE FROM invitations WHERE id = ?", invitationId));
    }

    @Override
    public List<Conversation> loadConversations() {
        Map<String, List<Message>> messages = new HashMap<>();
        db.query("SELECT * FROM messages ORDER BY serial", rs -> {
            messages.computeIfAbsent(rs.getString("conversation_id"), k -> new ArrayList<>()).add(new Message(
                    rs.getLong("serial"), rs.getInt("number"), rs.getInt("outgoing") == 1, rs.getString("text"), rs.getInt("html") == 1,
                    Columns.instant(rs, "sent_at"), rs.getString("operation_id"),
                    Message.Status.valueOf(rs.getString("status"))));
            return null;
        });
        return db.query("SELECT * FROM conversations", rs -> {
            Conversation c = new Conversation(rs.getString("id"), rs.getString("app_id"), rs.getString("local_address"),
                    rs.getString("remote_address"), rs.getString("thread_id"), rs.getString("subject"),
                    rs.getString("importance"), Conversation.State.valueOf(rs.getString("state")),
                    Columns.instant(rs, "created_at"));
            c.restore(Conversation.State.valueOf(rs.getString("state")),
                    Conversation.MessagingState.valueOf(rs.getString("messaging")),
                    Columns.split(rs.getString("formats")), rs.getString("peer_app_id"),
                    rs.getString("peer_conversation_id"), rs.getString("invitation_id"),
                    rs.getInt("remote_joined") == 1, lastMessage(rs.getInt("last_message"), messages.get(rs.getString("id"))),
                    Columns.instant(rs, "ended_at"), messages.getOrDefault(rs.getString("id"), List.of()));
            return c;
        });
    }

    private static int lastMessage(int stored, List<Message> messages) {
        int newest = messages == null ? 0 : messages.stream().mapToInt(Message::number).max().orElse(0);
        return Math.max(stored, newest);
    }

    @Override
    public List<Invitation> loadInvitations() {
        return db.query("SELECT * FROM invitations", rs -> {
            Invitation i = new Invitation(rs.getString("id"), rs.getString("app_id"), rs.getString("conversation_id"),
                    rs.getInt("outgoing") == 1, rs.getString("from_address"), rs.getString("to_address"),
                    rs.getString("subject"), rs.getString("importance"), rs.getString("operation_id"),
                    rs.getString("thread_id"), rs.getString("first_message"), rs.getInt("first_message_html") == 1,
                    rs.getString("ring_of"), Columns.instant(rs, "created_at"), Columns.instant(rs, "deadline"));
            String code = rs.getString("failure_code");
            i.restore(Invitation.State.valueOf(rs.getString("state")),
                    code == null ? null : new UcwaError(code, rs.getString("failure_subcode"), rs.getString("failure_message")));
            return i;
        });
    }
}
