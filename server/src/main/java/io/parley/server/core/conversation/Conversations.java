package io.parley.server.core.conversation;

import io.parley.server.core.Tx;
import io.parley.server.core.UcwaException;
import io.parley.server.core.events.EventChannels;
import io.parley.server.core.events.Notice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The live conversation legs and invitations of one routing group's applications, with the lookups the HTTP
 * layer needs and the shared steps of ending a conversation. Guarded by the group's lock; every change is saved.
 */
public final class Conversations {
    private final ConversationStore store;
    private final EventChannels channels;
    private final ConversationLimits limits;
    private final Map<String, Conversation> byId = new HashMap<>();
    private final Map<String, Set<String>> byApp = new HashMap<>();
    private final Map<String, Invitation> invitations = new HashMap<>();
    private final long serialStep;
    private long nextMessageSerial;

    /**
     * @param firstSerial this group's first message serial, and {@code serialStep} the step to its next: groups deal
     *                    out disjoint serials ({@link io.parley.server.core.routing.GroupMap#firstSerialAfter})
     */
    public Conversations(ConversationStore store, EventChannels channels, ConversationLimits limits, long serialStep) {
        this.store = store;
        this.channels = channels;
        this.limits = limits;
        this.serialStep = serialStep;
    }

    /** Forgets everything (before a reload from the store). */
    public void unload() {
        byId.clear();
        byApp.clear();
        invitations.clear();
    }

    /** Takes this group's stored conversations and invitations (start-up); serials go on from {@code firstSerial}. */
    public void load(List<Conversation> stored, List<Invitation> storedInvitations, long firstSerial) {
        stored.forEach(this::index);
        storedInvitations.forEach(i -> invitations.put(i.id(), i));
        this.nextMessageSerial = firstSerial;
    }

    public ConversationLimits limits() {
        return limits;
    }

    // ---- lookups (the caller's application must already be checked) ----

    public Conversation require(String appId, String conversationId) {
        Conversation c = byId.get(conversationId);
        if (c == null || !c.appId().equals(appId)) {
            throw new UcwaException(io.parley.protocol.ErrorCode.NotFound, "ConversationNotFound",
                    "No such conversation in this application.");
        }
        return c;
    }

    public Conversation find(String conversationId) {
        return byId.get(conversationId);
    }

    public Invitation requireInvitation(String appId, String invitationId) {
        Invitation i = invitations.get(invitationId);
        if (i == null || !i.appId().equals(appId)) {
            throw UcwaException.notFound("No such messaging invitation in this application.");
        }
        return i;
    }

    public Invitation invitation(String invitationId) {
        return invitationId == null ? null : invitations.get(invitationId);
    }

    public Message requireMessage(Conversation c, int number) {
        Message m = c.messages().get(number);
        if (m == null) {
            throw UcwaException.notFound("No such message in this conversation.");
        }
        return m;
    }

    /** The application's conversations; {@code activeOnly} leaves out ended ones. */
    public List<Conversation> ofApp(String appId, boolean activeOnly) {
        List<Conversation> out = new ArrayList<>();
        for (String id : byApp.getOrDefault(appId, Set.of())) {
            Conversation c = byId.get(id);
            if (c != null && (!activeOnly || !c.isEnded())) {
                out.add(c);
            }
        }
        return out;
    }

    public List<Invitation> pendingInvitations() {
        return invitations.values().stream().filter(Invitation::isPending).toList();
    }

    public List<Invitation> ringsOf(String outgoingInvitationId) {
        return invitations.values().stream().filter(i -> outgoingInvitationId.equals(i.ringOf())).toList();
    }

    public Iterable<Conversation> all() {
        return byId.values();
    }

    // ---- changes ----

    Conversation open(Tx tx, String appId, String local, String remote, String threadId, String subject,
                      String importance, Conversation.State state) {
        Conversation c = new Conversation(UUID.randomUUID().toString(), appId, local, remote, threadId, subject,
                importance, state, tx.now());
        index(c);
        save(tx, c);
        return c;
    }

    void addInvitation(Tx tx, Invitation invitation) {
        invitations.put(invitation.id(), invitation);
        store.saveInvitation(tx.batch(), invitation);
    }

    void save(Tx tx, Conversation c) {
        store.save(tx.batch(), c);
    }

    void save(Tx tx, Invitation i) {
        store.saveInvitation(tx.batch(), i);
    }

    /** Messages kept per conversation (older ones are forgotten; their hrefs then answer 404). */
    static final int MESSAGES_KEPT = 1000;

    /** Adds a message to {@code c} (not saved yet: see {@link #save(Tx, Conversation, Message)}). */
    Message addMessage(Conversation c, boolean outgoing, String text, boolean html, Instant at, String operationId,
                       Message.Status status) {
        long serial = nextMessageSerial;
        nextMessageSerial += serialStep;
        return c.addMessage(serial, outgoing, text, html, at, operationId, status);
    }

    /** Saves a new or changed message, and forgets (and deletes) the oldest one past the number kept. */
    void save(Tx tx, Conversation c, Message m) {
        store.saveMessage(tx.batch(), c, m);
        Message forgotten = c.forgetOldest(MESSAGES_KEPT);
        if (forgotten != null) {
            store.deleteMessage(tx.batch(), c, forgotten);
        }
    }

    void publish(Tx tx, String appId, Notice.Subject subject, Notice.Change change) {
        channels.publish(tx, Notice.of(appId, subject, change));
    }

    /**
     * Ends one side of a conversation: messaging and the conversation go Disconnected and the participants
     * leave, in the order UCWA clients see it (protocol sheet §7.5).
     */
    void end(Tx tx, Conversation c) {
        if (c.isEnded()) {
            return;
        }
        boolean wasConnected = c.isConnected();
        boolean remoteWasThere = c.isRemoteJoined() || c.state() == Conversation.State.Incoming;
        boolean typing = c.remoteTypingUntil() != null;
        c.disconnect(tx.now());
        save(tx, c);
        String app = c.appId();
        if (typing) {
            publish(tx, app, new Notice.TypingParticipant(c), Notice.Change.deleted);
        }
        publish(tx, app, new Notice.Messaging(c), Notice.Change.updated);
        if (wasConnected) {
            publish(tx, app, new Notice.ParticipantMessaging(c, true), Notice.Change.deleted);
            publish(tx, app, new Notice.ParticipantMessaging(c, false), Notice.Change.deleted);
        }
        if (remoteWasThere) {
            publish(tx, app, new Notice.RemoteParticipant(c), Notice.Change.deleted);
        }
        publish(tx, app, new Notice.ConversationSubject(c), Notice.Change.updated);
        publish(tx, app, new Notice.LocalParticipant(c), Notice.Change.deleted);
        publish(tx, app, new Notice.ConversationSubject(c), Notice.Change.deleted);
    }

    /** Forgets ended conversations (and their invitations) older than the retention time. */
    void forgetOld(Tx tx) {
        Instant before = tx.now().minus(limits.retention());
        List<Conversation> old = byId.values().stream()
                .filter(c -> c.isEnded() && c.endedAt().isBefore(before)).toList();
        for (Conversation c : old) {
            forget(tx, c);
        }
    }

    /** Drops every conversation of an application that is gone for good. */
    public void forgetApp(Tx tx, String appId) {
        for (Conversation c : ofApp(appId, false)) {
            forget(tx, c);
        }
    }

    private void forget(Tx tx, Conversation c) {
        byId.remove(c.id());
        Set<String> ids = byApp.get(c.appId());
        if (ids != null) {
            ids.remove(c.id());
            if (ids.isEmpty()) {
                byApp.remove(c.appId());
            }
        }
        store.delete(tx.batch(), c);
        invitations.values().removeIf(i -> {
            boolean mine = i.conversationId().equals(c.id()) && !i.isPending();
            if (mine) {
                store.deleteInvitation(tx.batch(), i.id());
            }
            return mine;
        });
    }

    private void index(Conversation c) {
        byId.put(c.id(), c);
        byApp.computeIfAbsent(c.appId(), k -> new LinkedHashSet<>()).add(c.id());
    }
}
