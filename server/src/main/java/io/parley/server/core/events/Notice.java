package io.parley.server.core.events;

import io.parley.protocol.UcwaError;
import io.parley.server.core.application.Application;
import io.parley.server.core.conversation.Conversation;
import io.parley.server.core.conversation.Invitation;
import io.parley.server.core.conversation.Message;

/**
 * Something an application must be told about, in domain terms: what changed ({@link Subject}), how
 * ({@link Change}) and, for completed operations, the outcome. The renderer turns it into the UCWA event
 * object at once (under the lock), so the event shows the state at that moment.
 */
public record Notice(String appId, Subject subject, Change change, Outcome outcome) {

    public enum Change { added, updated, deleted, started, completed }

    /** The outcome of a completed operation: success, or failure with a reason. */
    public record Outcome(boolean success, UcwaError reason) {
        public static Outcome ok() {
            return new Outcome(true, null);
        }

        public static Outcome failed(UcwaError reason) {
            return new Outcome(false, reason);
        }
    }

    public static Notice of(String appId, Subject subject, Change change) {
        return new Notice(appId, subject, change, null);
    }

    /** The resource an event is about. */
    public sealed interface Subject {}

    public record Me(Application app) implements Subject {}

    public record Presence(Application app) implements Subject {}

    public record Note(Application app) implements Subject {}

    public record Location(Application app) implements Subject {}

    public record Communication(Application app) implements Subject {}

    public record MessagingInvitation(Invitation invitation, Conversation conversation) implements Subject {}

    public record ConversationSubject(Conversation conversation) implements Subject {}

    public record LocalParticipant(Conversation conversation) implements Subject {}

    public record RemoteParticipant(Conversation conversation) implements Subject {}

    public record ParticipantMessaging(Conversation conversation, boolean local) implements Subject {}

    public record Messaging(Conversation conversation) implements Subject {}

    public record MessageSubject(Conversation conversation, Message message) implements Subject {}

    public record TypingParticipant(Conversation conversation) implements Subject {}
}
