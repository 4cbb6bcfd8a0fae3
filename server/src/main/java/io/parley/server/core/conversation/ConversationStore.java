package io.parley.server.core.conversation;

import io.parley.server.core.store.WriteBatch;
import java.util.List;

/** Conversations with their messages, and invitations. */
public interface ConversationStore {
    void save(WriteBatch batch, Conversation conversation);

    void saveMessage(WriteBatch batch, Conversation conversation, Message message);

    void delete(WriteBatch batch, Conversation conversation);

    void deleteMessage(WriteBatch batch, Conversation conversation, int number);

    void saveInvitation(WriteBatch batch, Invitation invitation);

    void deleteInvitation(WriteBatch batch, String invitationId);

    /** Conversations with their messages restored. */
    List<Conversation> loadConversations();

    List<Invitation> loadInvitations();
}
