package io.parley.server.core.conversation;

import io.parley.protocol.ErrorCode;
import io.parley.protocol.UcwaError;
import io.parley.server.core.Registry;
import io.parley.server.core.Tx;
import io.parley.server.core.UcwaException;
import io.parley.server.core.application.Application;
import io.parley.server.core.application.Applications;
import io.parley.server.core.auth.Address;
import io.parley.server.core.auth.User;
import io.parley.server.core.auth.UserStore;
import io.parley.server.core.events.EventChannels;
import io.parley.server.core.events.Notice;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Messaging invitations: an outgoing invitation rings every application of the callee that made itself
 * available for Messaging; the first accept wins and the other rings complete with a failure; decline,
 * cancel and the unanswered timeout end it. A callee that does not exist or has no available application
 * fails the invitation at once, never a hang.
 */
public final class Invitations {
    private final Registry registry;
    private final Conversations conversations;
    private final Applications applications;
    private final UserStore users;
    private final EventChannels channels;

    public Invitations(Registry registry, Conversations conversations, Applications applications, UserStore users,
                       EventChannels channels) {
        this.registry = registry;
        this.conversations = conversations;
        this.applications = applications;
        this.users = users;
        this.channels = channels;
    }

    /** startMessaging: a new conversation and its outgoing invitation. */
    public Invitation start(User caller, String appId, StartMessaging request) {
        String to = Address.parse(request.to()).orElseThrow(() -> UcwaException.badRequest(
                "ParameterValidationFailure", "'to' must be a SIP URI such as sip:alice@example.com."));
        String importance = importance(request.importance());
        Optional<User> callee = users.find(to);
        return registry.mutate(tx -> {
            Application app = applications.require(caller.address(), appId);
            String threadId = UUID.randomUUID().toString().replace("-", "");
            Conversation c = conversations.open(tx, app.id(), caller.address(), to, threadId, request.subject(),
                    importance, Conversation.State.Connecting);
            return invite(tx, app, c, callee, request, true);
        });
    }

    /** addMessaging: re-opens IM in an ended conversation by inviting the same person again. */
    public Invitation addMessaging(User caller, String appId, String conversationId, StartMessaging request) {
        return registry.mutate(tx -> {
            Application app = applications.require(caller.address(), appId);
            Conversation c = conversations.require(app.id(), conversationId);
            if (!c.isEnded()) {
                throw UcwaException.conflict("AnotherOperationPending",
                        "Messaging is not disconnected in this conversation; addMessaging is for re-opening it.");
            }
            c.reopen(request.subject(), c.importance());
            conversations.save(tx, c);
            return invite(tx, app, c, users.find(c.remoteAddress()), request, false);
        });
    }

    private Invitation invite(Tx tx, Application app, Conversation c, Optional<User> callee, StartMessaging request,
                              boolean isNewConversation) {
        Invitation out = new Invitation(newId(), app.id(), c.id(), true, c.localAddress(), c.remoteAddress(),
                c.subject(), request.importance() == null ? "Normal" : request.importance(), request.operationId(),
                c.threadId(), request.firstMessage(), request.firstMessageHtml(), null, tx.now(),
                tx.now().plus(conversations.limits().invitationTimeout()));
        conversations.addInvitation(tx, out);
        c.invitationId(out.id());
        conversations.save(tx, c);
        conversations.publish(tx, app.id(), new Notice.MessagingInvitation(out, c), Notice.Change.started);
        conversations.publish(tx, app.id(), new Notice.ConversationSubject(c),
                isNewConversation ? Notice.Change.added : Notice.Change.updated);
        conversations.publish(tx, app.id(), new Notice.LocalParticipant(c), Notice.Change.added);
        conversations.publish(tx, app.id(), new Notice.Messaging(c), Notice.Change.updated);

        if (callee.isEmpty()) {
            failOutgoing(tx, out, Invitation.State.Failed, UcwaError.of(ErrorCode.NotFound, "DestinationNotFound",
                    c.remoteAddress() + " is not a user of this server."));
            return out;
        }
        List<Application> endpoints = applications.ofUser(callee.get().address()).stream()
                .filter(Application::acceptsMessaging)
                .filter(a -> !a.id().equals(app.id()))
                .toList();
        if (endpoints.isEmpty()) {
            failOutgoing(tx, out, Invitation.State.Failed, UcwaError.of(ErrorCode.NotFound, "Unreachable",
                    c.remoteAddress() + " has no application available for instant messaging."));
            return out;
        }
        for (Application endpoint : endpoints) {
            ring(tx, out, c, endpoint);
        }
        return out;
    }

    private void ring(Tx tx, Invitation out, Conversation caller, Application endpoint) {
        Conversation d = conversations.open(tx, endpoint.id(), endpoint.userAddress(), caller.localAddress(),
                caller.threadId(), caller.subject(), caller.importance(), Conversation.State.Incoming);
        Invitation in = new Invitation(newId(), endpoint.id(), d.id(), false, caller.localAddress(),
                endpoint.userAddress(), caller.subject(), out.importance(), null, caller.threadId(),
                out.firstMessage(), out.isFirstMessageHtml(), out.id(), tx.now(), out.deadline());
        conversations.addInvitation(tx, in);
        d.invitationId(in.id());
        conversations.save(tx, d);
        conversations.publish(tx, endpoint.id(), new Notice.MessagingInvitation(in, d), Notice.Change.started);
        conversations.publish(tx, endpoint.id(), new Notice.ConversationSubject(d), Notice.Change.added);
        conversations.publish(tx, endpoint.id(), new Notice.LocalParticipant(d), Notice.Change.added);
        conversations.publish(tx, endpoint.id(), new Notice.RemoteParticipant(d), Notice.Change.added);
    }

    /** accept: idempotent for the endpoint that won; refused once the invitation has ended otherwise. */
    public void accept(User callee, String appId, String invitationId) {
        registry.mutate(tx -> {
            Application app = applications.require(callee.address(), appId);
            Invitation in = conversations.requireInvitation(app.id(), invitationId);
            if (in.isOutgoing()) {
                throw UcwaException.conflict(null, "Only an incoming invitation can be accepted.");
            }
            if (in.state() == Invitation.State.Connected) {
                return null;
            }
            if (!in.isPending()) {
                throw UcwaException.conflict(null, "The invitation has already ended (" + in.state() + ").");
            }
            Invitation out = conversations.invitation(in.ringOf());
            Conversation d = conversations.require(app.id(), in.conversationId());
            Conversation c = out == null ? null : conversations.find(out.conversationId());
            Application caller = c == null ? null : applications.find(c.appId());
            if (c == null || caller == null || !out.isPending()) {
                throw UcwaException.conflict(null, "The caller is no longer waiting for this invitation.");
            }
            connect(tx, out, c, caller, in, d, app);
            return null;
        });
    }

    private void connect(Tx tx, Invitation out, Conversation c, Application caller, Invitation in, Conversation d,
                         Application callee) {
        List<String> formats = new ArrayList<>(List.of("Plain"));
        if (caller.supportsHtml() && callee.supportsHtml()) {
            formats.add("Html");
        }
        in.connect();
        out.connect();
        d.connect(caller.id(), c.id(), formats);
        c.connect(callee.id(), d.id(), formats);
        conversations.save(tx, in);
        conversations.save(tx, out);
        conversations.save(tx, d);
        conversations.save(tx, c);

        // The callee's side, in the order of Microsoft's capture (protocol sheet §8 step 5).
        String b = callee.id();
        conversations.publish(tx, b, new Notice.Messaging(d), Notice.Change.updated);
        conversations.publish(tx, b, new Notice.ConversationSubject(d), Notice.Change.updated);
        conversations.publish(tx, b, new Notice.ParticipantMessaging(d, true), Notice.Change.added);
        conversations.publish(tx, b, new Notice.ParticipantMessaging(d, false), Notice.Change.added);
        conversations.publish(tx, b, new Notice.RemoteParticipant(d), Notice.Change.updated);
        channels.publish(tx, new Notice(b, new Notice.MessagingInvitation(in, d), Notice.Change.completed,
                Notice.Outcome.ok()));
        if (in.firstMessage() != null && !in.firstMessage().isEmpty()) {
            // COMPAT: the first message is delivered again as an ordinary incoming message after accept
            // (tolerances, "Invitation events"; Microsoft's ReceiveAnIM capture).
            Message first = conversations.addMessage(d, false, in.firstMessage(), in.isFirstMessageHtml(), tx.now(), null,
                    Message.Status.Succeeded);
            conversations.save(tx, d, first);
            channels.publish(tx, new Notice(b, new Notice.MessageSubject(d, first), Notice.Change.completed,
                    Notice.Outcome.ok()));
        }

        // The caller's side (protocol sheet §8, sender-side counterpart).
        String a = caller.id();
        conversations.publish(tx, a, new Notice.ConversationSubject(c), Notice.Change.updated);
        conversations.publish(tx, a, new Notice.RemoteParticipant(c), Notice.Change.added);
        conversations.publish(tx, a, new Notice.ParticipantMessaging(c, true), Notice.Change.added);
        conversations.publish(tx, a, new Notice.ParticipantMessaging(c, false), Notice.Change.added);
        conversations.publish(tx, a, new Notice.Messaging(c), Notice.Change.updated);
        channels.publish(tx, new Notice(a, new Notice.MessagingInvitation(out, c), Notice.Change.completed,
                Notice.Outcome.ok()));

        for (Invitation other : conversations.ringsOf(out.id())) {
            if (other != in && other.isPending()) {
                failIncoming(tx, other, Invitation.State.Failed, UcwaError.of(ErrorCode.Conflict,
                        "ConnectedElsewhere", "The invitation was accepted on another endpoint."));
            }
        }
    }

    /**
     * decline: {@code Local} declines on this endpoint only (the others keep ringing); anything else
     * declines for the user everywhere.
     */
    public void decline(User callee, String appId, String invitationId, String reason) {
        registry.mutate(tx -> {
            Application app = applications.require(callee.address(), appId);
            Invitation in = conversations.requireInvitation(app.id(), invitationId);
            if (in.isOutgoing()) {
                throw UcwaException.conflict(null, "Only an incoming invitation can be declined; cancel an outgoing one.");
            }
            if (!in.isPending()) {
                throw UcwaException.conflict(null, "The invitation has already ended (" + in.state() + ").");
            }
            declineLocked(tx, in, reason != null && reason.equalsIgnoreCase("Local"));
            return null;
        });
    }

    void declineLocked(Tx tx, Invitation in, boolean localOnly) {
        failIncoming(tx, in, Invitation.State.Declined, UcwaError.of(ErrorCode.Forbidden, "Declined",
                "The invitation was declined."));
        Invitation out = conversations.invitation(in.ringOf());
        if (out == null || !out.isPending()) {
            return;
        }
        boolean othersRinging = conversations.ringsOf(out.id()).stream().anyMatch(Invitation::isPending);
        if (!localOnly || !othersRinging) {
            failOutgoing(tx, out, Invitation.State.Declined, UcwaError.of(ErrorCode.Forbidden, "Declined",
                    out.toAddress() + " declined the invitation."));
        }
    }

    /** Cancels a pending outgoing invitation (its {@code cancel} link, or stopMessaging while connecting). */
    void cancelLocked(Tx tx, Invitation out) {
        failOutgoing(tx, out, Invitation.State.Cancelled, UcwaError.of(ErrorCode.Conflict, "Canceled",
                "The invitation was cancelled by the caller."));
    }

    /** Fails invitations nobody answered in time (sweeper). */
    public void expireUnanswered(Tx tx) {
        for (Invitation i : conversations.pendingInvitations()) {
            if (i.isOutgoing() && !i.deadline().isAfter(tx.now())) {
                failOutgoing(tx, i, Invitation.State.Failed, UcwaError.of(ErrorCode.Timeout, "Timeout",
                        i.toAddress() + " did not answer the invitation in time."));
            } else if (!i.isOutgoing() && conversations.invitation(i.ringOf()) == null) {
                failIncoming(tx, i, Invitation.State.Failed, UcwaError.of(ErrorCode.Conflict, "Canceled",
                        "The caller is gone."));
            }
        }
    }

    /** The caller's invitation fails: its conversation ends, and every ring still pending stops. */
    void failOutgoing(Tx tx, Invitation out, Invitation.State state, UcwaError reason) {
        out.fail(state, reason);
        conversations.save(tx, out);
        Conversation c = conversations.find(out.conversationId());
        channels.publish(tx, new Notice(out.appId(), new Notice.MessagingInvitation(out, c), Notice.Change.completed,
                Notice.Outcome.failed(reason)));
        if (c != null) {
            conversations.end(tx, c);
        }
        UcwaError ringReason = switch (state) {
            case Cancelled -> UcwaError.of(ErrorCode.Conflict, "Canceled", "The caller cancelled the invitation.");
            case Declined -> UcwaError.of(ErrorCode.Forbidden, "Declined", "The invitation was declined on another endpoint.");
            default -> UcwaError.of(ErrorCode.Timeout, "Missed", "The invitation was not answered in time.");
        };
        for (Invitation ring : conversations.ringsOf(out.id())) {
            if (ring.isPending()) {
                failIncoming(tx, ring, Invitation.State.Failed, ringReason);
            }
        }
    }

    private void failIncoming(Tx tx, Invitation in, Invitation.State state, UcwaError reason) {
        in.fail(state, reason);
        conversations.save(tx, in);
        Conversation d = conversations.find(in.conversationId());
        channels.publish(tx, new Notice(in.appId(), new Notice.MessagingInvitation(in, d), Notice.Change.completed,
                Notice.Outcome.failed(reason)));
        if (d != null) {
            conversations.end(tx, d);
        }
    }

    /**
     * COMPAT: the documented importance values are Normal, Urgent and Emergency, but a widely read
     * tutorial sends Low and High (tolerances, "importance"): Low counts as Normal, High as Urgent.
     */
    static String importance(String value) {
        if (value == null || value.isBlank()) {
            return "Normal";
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "normal", "low" -> "Normal";
            case "urgent", "high" -> "Urgent";
            case "emergency" -> "Emergency";
            default -> throw UcwaException.badRequest("ParameterValidationFailure",
                    "importance must be Normal, Urgent or Emergency.");
        };
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
