package io.parley.server.core.conversation;

import io.parley.protocol.ErrorCode;
import io.parley.protocol.UcwaError;
import io.parley.server.core.Registry;
import io.parley.server.core.Tx;
import io.parley.server.core.UcwaException;
import io.parley.server.core.application.Application;
import io.parley.server.core.application.Applications;
import io.parley.server.core.auth.User;
import io.parley.server.core.events.EventChannels;
import io.parley.server.core.events.Notice;
import io.parley.server.core.events.Receipt;
import io.parley.server.core.routing.GroupMap;
import io.parley.server.core.routing.Mail;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * IM inside a connected conversation: sendMessage (delivered to the other side's event channel, confirmed
 * to the sender when that channel's client acknowledged it, failed after the delivery timeout), typing, and
 * stopMessaging / leaving, which ends both sides. The other side is told by {@link Mail}: it may live in
 * another routing group.
 */
public final class MessagingSessions {
    private final Registry registry;
    private final Conversations conversations;
    private final Invitations invitations;
    private final Applications applications;
    private final EventChannels channels;
    private final GroupMap groups;
    // Ephemeral: conversations where someone is shown as typing (typing is never persisted).
    private final Set<String> typing = new HashSet<>();
    // Outgoing messages waiting for delivery, oldest first (rebuilt from the store at start-up), so the
    // sweeper looks at what is due instead of at every message ever sent.
    private final java.util.ArrayDeque<Receipt> awaitingDelivery = new java.util.ArrayDeque<>();

    public MessagingSessions(Registry registry, Conversations conversations, Invitations invitations,
                             Applications applications, EventChannels channels, GroupMap groups) {
        this.groups = groups;
        this.registry = registry;
        this.conversations = conversations;
        this.invitations = invitations;
        this.applications = applications;
        this.channels = channels;
    }

    /** How many of a conversation's newest messages a repeated sendMessage is matched against. */
    static final int REPEAT_WINDOW = 50;

    /**
     * sendMessage: returns the number of the sender's new message (its Location). A request repeating one of the
     * conversation's last {@value #REPEAT_WINDOW} messages (same operationId, same text and format) is a retry:
     * it gets that message's number again, and nothing is sent twice. Clients that reuse one operationId for
     * different texts lose nothing, since the text must match too.
     */
    public int send(User sender, String appId, String conversationId, String text, boolean html, String operationId) {
        return registry.mutate(tx -> {
            Application app = applications.require(sender.address(), appId);
            Conversation c = conversations.require(app.id(), conversationId);
            if (!c.isConnected()) {
                throw UcwaException.conflict("InvalidState",
                        "Messaging is not connected in this conversation (it is " + c.messaging() + ").");
            }
            if (html && !c.allowsHtml()) {
                throw new UcwaException(ErrorCode.UnsupportedMediaType, "HtmlNotNegotiated",
                        "HTML was not negotiated in this conversation: both sides must list Html in "
                                + "makeMeAvailable's supportedMessageFormats. Send text/plain instead.");
            }
            Message repeated = operationId == null ? null
                    : c.messages().repeatOf(operationId, text, html, REPEAT_WINDOW);
            if (repeated != null) {
                return repeated.number(); // a client's retry (a lost answer, a node lost): sent once, answered again
            }
            Message out = conversations.addMessage(c, true, text, html, tx.now(), operationId, Message.Status.Pending);
            conversations.save(tx, c, out);
            awaitingDelivery.addLast(new Receipt(tx.group(), app.id(), c.id(), out.number()));
            tx.send(groups.groupOf(c.remoteAddress()), new Mail.Deliver(c.peerConversationId(), text, html, app.id(),
                    c.id(), out.number()));
            return out.number();
        });
    }

    /** Recipient's group: the IM joins the recipient's leg, or goes back undeliverable if that leg has ended. */
    void deliver(Tx tx, Mail.Deliver m, int senderGroup) {
        Conversation d = conversations.find(m.conversationId());
        if (d == null || d.isEnded()) {
            tx.send(senderGroup, new Mail.Undeliverable(m.senderConversationId(), m.messageNumber()));
            return;
        }
        clearTyping(tx, d);
        Message in = conversations.addMessage(d, false, m.text(), m.html(), tx.now(), null, Message.Status.Succeeded);
        conversations.save(tx, d, in);
        channels.publish(tx, new Notice(d.appId(), new Notice.MessageSubject(d, in), Notice.Change.completed,
                Notice.Outcome.ok()), new Receipt(senderGroup, m.senderAppId(), m.senderConversationId(),
                m.messageNumber()));
    }

    /** Forgets the ephemeral typing marks and the delivery index (before a reload from the store). */
    public void unload() {
        typing.clear();
        awaitingDelivery.clear();
    }

    /** Rebuilds the index of undelivered messages from the loaded conversations (start-up). */
    public void load() {
        List<Receipt> pending = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        for (Conversation c : conversations.all()) {
            for (Message m : c.messages().all()) {
                if (m.isOutgoing() && m.status() == Message.Status.Pending) {
                    pending.add(new Receipt(registry.group(), c.appId(), c.id(), m.number()));
                    times.add(m.timestamp());
                }
            }
        }
        Integer[] order = new Integer[pending.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparing(times::get));
        for (Integer i : order) {
            awaitingDelivery.addLast(pending.get(i));
        }
    }

    /** The recipient's client acknowledged the package that carried the message: its sender's group is told. */
    public void delivered(Tx tx, Receipt receipt) {
        tx.send(receipt.senderGroup(), new Mail.Delivered(receipt.senderConversationId(), receipt.messageNumber()));
    }

    /** Sender's group: the recipient got the message, so it succeeded. */
    void confirm(Tx tx, Mail.Delivered delivered) {
        Conversation c = conversations.find(delivered.conversationId());
        if (c == null) {
            return;
        }
        Message m = c.messages().get(delivered.messageNumber());
        if (m == null || m.status() != Message.Status.Pending) {
            return;
        }
        m.status(Message.Status.Succeeded);
        conversations.save(tx, c, m);
        channels.publish(tx, new Notice(c.appId(), new Notice.MessageSubject(c, m), Notice.Change.completed,
                Notice.Outcome.ok()));
    }

    /** setIsTyping: the other side lists this user in typingParticipants for a short while. */
    public void typing(User user, String appId, String conversationId) {
        registry.mutate(tx -> {
            Application app = applications.require(user.address(), appId);
            Conversation c = conversations.require(app.id(), conversationId);
            if (!c.isConnected()) {
                throw UcwaException.conflict("InvalidState", "Messaging is not connected in this conversation.");
            }
            tx.send(groups.groupOf(c.remoteAddress()), new Mail.Typing(c.peerConversationId()));
            return null;
        });
    }

    /** Recipient's group: the other side is typing. */
    void typed(Tx tx, Mail.Typing t) {
        Conversation d = conversations.find(t.conversationId());
        if (d != null && d.isConnected()) {
            boolean wasTyping = d.remoteTypingUntil() != null;
            d.remoteTypingUntil(tx.now().plus(conversations.limits().typingTimeout()));
            typing.add(d.id());
            if (!wasTyping) {
                conversations.publish(tx, d.appId(), new Notice.TypingParticipant(d), Notice.Change.added);
            }
        }
    }

    /** Sender's group: the other leg had ended before the message reached it. */
    void undeliverable(Tx tx, Mail.Undeliverable u) {
        Conversation c = conversations.find(u.conversationId());
        Message m = c == null ? null : c.messages().get(u.messageNumber());
        if (m != null && m.status() == Message.Status.Pending) {
            fail(tx, c, m);
        }
    }

    /** The other leg ended (or its caller gave up before the accept arrived): this leg ends too. */
    void peerLeft(Tx tx, Mail.PeerLeft p) {
        Conversation d = conversations.find(p.conversationId());
        if (d != null) {
            conversations.end(tx, d);
        }
    }

    /**
     * stopMessaging (and DELETE conversation): cancels a pending outgoing invitation, declines a pending
     * incoming one on this endpoint, or ends a connected conversation on both sides. Ending an ended one
     * is not an error.
     */
    public void stop(User user, String appId, String conversationId) {
        registry.mutate(tx -> {
            Application app = applications.require(user.address(), appId);
            Conversation c = conversations.require(app.id(), conversationId);
            stopLocked(tx, c);
            return null;
        });
    }

    private void stopLocked(Tx tx, Conversation c) {
        if (c.isEnded()) {
            return;
        }
        Invitation inv = conversations.invitation(c.invitationId());
        if (inv != null && inv.isPending()) {
            if (inv.isOutgoing()) {
                invitations.cancelLocked(tx, inv);
            } else {
                invitations.declineLocked(tx, inv, true);
            }
            return;
        }
        conversations.end(tx, c);
        if (c.peerConversationId() != null) {
            tx.send(groups.groupOf(c.remoteAddress()), new Mail.PeerLeft(c.peerConversationId()));
        }
    }

    /** Ends everything an application was part of (it was deleted or expired). */
    public void teardown(Tx tx, Application app) {
        for (Conversation c : conversations.ofApp(app.id(), true)) {
            stopLocked(tx, c);
        }
    }

    /** Fails undelivered messages, ends stale typing marks, forgets old conversations (sweeper). */
    public void sweep(Tx tx) {
        Instant now = tx.now();
        Instant sentBefore = now.minus(conversations.limits().deliveryTimeout());
        while (!awaitingDelivery.isEmpty()) {
            Receipt r = awaitingDelivery.peekFirst();
            Conversation c = conversations.find(r.senderConversationId());
            Message m = c == null ? null : c.messages().get(r.messageNumber());
            if (m != null && m.status() == Message.Status.Pending && m.timestamp().isAfter(sentBefore)) {
                break; // the oldest pending one is not due yet, so none behind it is
            }
            awaitingDelivery.removeFirst();
            if (m != null && m.status() == Message.Status.Pending) {
                fail(tx, c, m);
            }
        }
        List<String> stale = new ArrayList<>();
        for (String id : typing) {
            Conversation c = conversations.find(id);
            if (c == null || c.remoteTypingUntil() == null || !c.remoteTypingUntil().isAfter(now)) {
                stale.add(id);
            }
        }
        for (String id : stale) {
            Conversation c = conversations.find(id);
            if (c != null) {
                clearTyping(tx, c);
            }
            typing.remove(id);
        }
        conversations.forgetOld(tx);
    }

    private void fail(Tx tx, Conversation c, Message m) {
        m.status(Message.Status.Failed);
        conversations.save(tx, c, m);
        channels.publish(tx, new Notice(c.appId(), new Notice.MessageSubject(c, m), Notice.Change.completed,
                Notice.Outcome.failed(UcwaError.of(ErrorCode.Timeout, "DeliveryFailed",
                        c.remoteAddress() + " did not receive the message in time."))));
    }

    private void clearTyping(Tx tx, Conversation c) {
        if (c.remoteTypingUntil() != null) {
            c.remoteTypingUntil(null);
            typing.remove(c.id());
            conversations.publish(tx, c.appId(), new Notice.TypingParticipant(c), Notice.Change.deleted);
        }
    }
}
