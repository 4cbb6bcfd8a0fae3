package io.parley.server.core.conversation;

import io.parley.server.core.store.WriteBatch;
import java.util.List;

/** Conversations with their messages, and invitations. */
public interface ConversationStore {
    void save(WriteBatch batch, Conversation conversation);

    /** Saves a new message, or the new status of a saved one. */
    void saveMessage(WriteBatch batch, Conversation conversation, Message message);

    /** Deletes a conversation and every message still in its log. */
    void delete(WriteBatch batch, Conversation conversation);

    /** Deletes one message, forgotten as too old (it is no longer in the conversation's log). */
    void deleteMessage(WriteBatch batch, Conversation conversation, Message message);

    void saveInvitation(WriteBatch batch, Invitation invitation);

    void deleteInvitation(WriteBatch batch, String invitationId);

    /** Conversations with their messages restored. */
    List<Conversation> loadConversations();

    List<Invitation> loadInvitations();
}
