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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * IM inside a connected conversation: sendMessage (delivered to the other side's event channel, confirmed
 * to the sender when that channel handed it out, failed after the delivery timeout), typing, and
 * stopMessaging / leaving, which ends both sides.
 */
public final class MessagingSessions {
    private final Registry registry;
    private final Conversations conversations;
    private final Invitations invitations;
    private final Applications applications;
    private final EventChannels channels;
    // Ephemeral: conversations where someone is shown as typing (typing is never persisted).
    private final Set<String> typing = new HashSet<>();
    // Outgoing messages waiting for delivery, oldest first (rebuilt from the store at start-up), so the
    // sweeper looks at what is due instead of at every message ever sent.
    private final java.util.ArrayDeque<Receipt> awaitingDelivery = new java.util.ArrayDeque<>();

    public MessagingSessions(Registry registry, Conversations conversations, Invitations invitations,
                             Applications applications, EventChannels channels) {
        this.registry = registry;
        this.conversations = conversations;
        this.invitations = invitations;
        this.applications = applications;
        this.channels = channels;
    }

    /** sendMessage: returns the number of the sender's new message (its Location). */
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
            Message out = conversations.addMessage(c, true, text, html, tx.now(), operationId, Message.Status.Pending);
            conversations.save(tx, c, out);
            awaitingDelivery.addLast(new Receipt(app.id(), c.id(), out.number()));
            Conversation peer = conversations.find(c.peerConversationId());
            if (peer == null || peer.isEnded()) {
                fail(tx, c, out);
                return out.number();
            }
            clearTyping(tx, peer);
            Message in = conversations.addMessage(peer, false, text, html, tx.now(), null, Message.Status.Succeeded);
            conversations.save(tx, peer, in);
            channels.publish(tx, new Notice(peer.appId(), new Notice.MessageSubject(peer, in), Notice.Change.completed,
                    Notice.Outcome.ok()), new Receipt(app.id(), c.id(), out.number()));
            return out.number();
        });
    }

    /** Rebuilds the index of undelivered messages from the loaded conversations (start-up). */
    public void load() {
        List<Receipt> pending = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        for (Conversation c : conversations.all()) {
            for (Message m : c.messages().all()) {
                if (m.isOutgoing() && m.status() == Message.Status.Pending) {
                    pending.add(new Receipt(c.appId(), c.id(), m.number()));
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

    /** The recipient's event channel handed the message out: the sender's message succeeded. */
    public void delivered(Tx tx, Receipt receipt) {
        Conversation c = conversations.find(receipt.senderConversationId());
        if (c == null) {
            return;
        }
        Message m = c.messages().get(receipt.messageNumber());
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
            Conversation peer = conversations.find(c.peerConversationId());
            if (peer != null && peer.isConnected()) {
                boolean wasTyping = peer.remoteTypingUntil() != null;
                peer.remoteTypingUntil(tx.now().plus(conversations.limits().typingTimeout()));
                typing.add(peer.id());
                if (!wasTyping) {
                    conversations.publish(tx, peer.appId(), new Notice.TypingParticipant(peer), Notice.Change.added);
                }
            }
            return null;
        });
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
        Conversation peer = conversations.find(c.peerConversationId());
        conversations.end(tx, c);
        if (peer != null) {
            conversations.end(tx, peer);
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
