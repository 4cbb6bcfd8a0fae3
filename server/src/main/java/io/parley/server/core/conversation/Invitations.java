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
import io.parley.server.core.routing.GroupMap;
import io.parley.server.core.routing.Mail;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Messaging invitations: an outgoing invitation rings every application of the callee that made itself
 * available for Messaging; the first accept wins and the other rings complete with a failure; decline,
 * cancel and the unanswered timeout end it. A callee that does not exist fails the invitation at once, one
 * with no available application as soon as the callee's group has looked; never a hang.
 *
 * <p>The caller's side (the conversation and the outgoing invitation) lives in the caller's routing group,
 * the rings (one conversation leg and incoming invitation per endpoint) in the callee's; the two sides tell
 * each other what happened by {@link Mail}, even when both users are in the same group.
 */
public final class Invitations {
    private final Registry registry;
    private final Conversations conversations;
    private final Applications applications;
    private final UserStore users;
    private final EventChannels channels;
    private final GroupMap groups;

    /** Rings left after their deadline (their caller's group said nothing) fail after this much more. */
    static final java.time.Duration RING_GRACE = java.time.Duration.ofSeconds(5);

    public Invitations(Registry registry, Conversations conversations, Applications applications, UserStore users,
                       EventChannels channels, GroupMap groups) {
        this.registry = registry;
        this.conversations = conversations;
        this.applications = applications;
        this.users = users;
        this.channels = channels;
        this.groups = groups;
    }

    /** startMessaging: a new conversation and its outgoing invitation. */
    public Invitation start(User caller, String appId, StartMessaging request) {
        String to = Address.parse(request.to()).orElseThrow(() -> UcwaException.badRequest(
                "ParameterValidationFailure", "'to' must be a SIP URI such as sip:alice@example.com."));
        String importance = importance(request.importance());
        boolean calleeExists = users.find(to).isPresent();
        return registry.mutate(tx -> {
            Application app = applications.require(caller.address(), appId);
            String threadId = UUID.randomUUID().toString().replace("-", "");
            Conversation c = conversations.open(tx, app.id(), caller.address(), to, threadId, request.subject(),
                    importance, Conversation.State.Connecting);
            return invite(tx, app, c, calleeExists, request, true);
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
            return invite(tx, app, c, users.find(c.remoteAddress()).isPresent(), request, false);
        });
    }

    private Invitation invite(Tx tx, Application app, Conversation c, boolean calleeExists, StartMessaging request,
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

        if (!calleeExists) {
            failOutgoing(tx, out, Invitation.State.Failed, UcwaError.of(ErrorCode.NotFound, "DestinationNotFound",
                    c.remoteAddress() + " is not a user of this server."), false);
            return out;
        }
        tx.send(groups.groupOf(c.remoteAddress()), new Mail.Ring(out.id(), app.id(), c.id(), c.localAddress(),
                c.remoteAddress(), c.subject(), out.importance(), c.threadId(), out.firstMessage(),
                out.isFirstMessageHtml(), out.deadline().toEpochMilli(), app.messageFormats()));
        return out;
    }

    /** Callee's group: rings every available endpoint of the callee, or tells the caller nobody can be rung. */
    void ring(Tx tx, Mail.Ring r, int callerGroup) {
        List<Application> endpoints = applications.ofUser(r.to()).stream()
                .filter(Application::acceptsMessaging)
                .filter(a -> !a.id().equals(r.callerAppId()))
                .toList();
        if (endpoints.isEmpty()) {
            tx.send(callerGroup, new Mail.RingFailed(r.outgoingId(), "Unreachable",
                    r.to() + " has no application available for instant messaging."));
            return;
        }
        for (Application endpoint : endpoints) {
            Conversation d = conversations.open(tx, endpoint.id(), endpoint.userAddress(), r.from(), r.threadId(),
                    r.subject(), importance(r.importance()), Conversation.State.Incoming);
            d.expectPeer(r.callerAppId(), r.callerConversationId(), r.offeredFormats());
            Invitation in = new Invitation(newId(), endpoint.id(), d.id(), false, r.from(), endpoint.userAddress(),
                    r.subject(), r.importance(), null, r.threadId(), r.firstMessage(), r.firstMessageHtml(),
                    r.outgoingId(), tx.now(), java.time.Instant.ofEpochMilli(r.deadlineMillis()));
            conversations.addInvitation(tx, in);
            d.invitationId(in.id());
            conversations.save(tx, d);
            conversations.publish(tx, endpoint.id(), new Notice.MessagingInvitation(in, d), Notice.Change.started);
            conversations.publish(tx, endpoint.id(), new Notice.ConversationSubject(d), Notice.Change.added);
            conversations.publish(tx, endpoint.id(), new Notice.LocalParticipant(d), Notice.Change.added);
            conversations.publish(tx, endpoint.id(), new Notice.RemoteParticipant(d), Notice.Change.added);
        }
    }

    /** Caller's group: the callee's group found no endpoint to ring. */
    void ringFailed(Tx tx, Mail.RingFailed f) {
        Invitation out = conversations.invitation(f.outgoingId());
        if (out != null && out.isPending()) {
            failOutgoing(tx, out, Invitation.State.Failed, UcwaError.of(ErrorCode.NotFound, f.subcode(), f.message()),
                    false);
        }
    }

    /**
     * accept: idempotent for the endpoint that won; refused once the invitation has ended otherwise. The callee's
     * leg connects at once; the caller's connects when its group hears of it (or, if the caller gave up
     * meanwhile, the callee's leg ends again).
     */
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
            connectCallee(tx, in, conversations.require(app.id(), in.conversationId()), app);
            return null;
        });
    }

    private void connectCallee(Tx tx, Invitation in, Conversation d, Application callee) {
        List<String> formats = new ArrayList<>(List.of("Plain"));
        if (d.negotiatedFormats().contains("Html") && callee.supportsHtml()) {
            formats.add("Html");
        }
        in.connect();
        d.connect(d.peerAppId(), d.peerConversationId(), formats);
        conversations.save(tx, in);
        conversations.save(tx, d);

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
        for (Invitation other : conversations.ringsOf(in.ringOf())) {
            if (other != in && other.isPending()) {
                failIncoming(tx, other, Invitation.State.Failed, UcwaError.of(ErrorCode.Conflict,
                        "ConnectedElsewhere", "The invitation was accepted on another endpoint."));
            }
        }
        tx.send(groups.groupOf(in.fromAddress()), new Mail.Accepted(in.ringOf(), callee.id(), d.id(), formats));
    }

    /** Caller's group: an endpoint accepted. Connects the caller's leg, or ends the callee's if the caller is gone. */
    void accepted(Tx tx, Mail.Accepted a, int calleeGroup) {
        Invitation out = conversations.invitation(a.outgoingId());
        Conversation c = out == null ? null : conversations.find(out.conversationId());
        Application caller = c == null ? null : applications.find(c.appId());
        if (c == null || caller == null || !caller.isActive() || !out.isPending()) {
            tx.send(calleeGroup, new Mail.PeerLeft(a.calleeConversationId()));
            return;
        }
        out.connect();
        c.connect(a.calleeAppId(), a.calleeConversationId(), a.formats());
        conversations.save(tx, out);
        conversations.save(tx, c);

        // The caller's side (protocol sheet §8, sender-side counterpart).
        String id = caller.id();
        conversations.publish(tx, id, new Notice.ConversationSubject(c), Notice.Change.updated);
        conversations.publish(tx, id, new Notice.RemoteParticipant(c), Notice.Change.added);
        conversations.publish(tx, id, new Notice.ParticipantMessaging(c, true), Notice.Change.added);
        conversations.publish(tx, id, new Notice.ParticipantMessaging(c, false), Notice.Change.added);
        conversations.publish(tx, id, new Notice.Messaging(c), Notice.Change.updated);
        channels.publish(tx, new Notice(id, new Notice.MessagingInvitation(out, c), Notice.Change.completed,
                Notice.Outcome.ok()));
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
        boolean othersRinging = conversations.ringsOf(in.ringOf()).stream().anyMatch(Invitation::isPending);
        if (!localOnly || !othersRinging) {
            tx.send(groups.groupOf(in.fromAddress()), new Mail.Declined(in.ringOf()));
        }
    }

    /** Caller's group: the callee declined. */
    void declined(Tx tx, Mail.Declined d) {
        Invitation out = conversations.invitation(d.outgoingId());
        if (out != null && out.isPending()) {
            failOutgoing(tx, out, Invitation.State.Declined, UcwaError.of(ErrorCode.Forbidden, "Declined",
                    out.toAddress() + " declined the invitation."), true);
        }
    }

    /** Cancels a pending outgoing invitation (its {@code cancel} link, or stopMessaging while connecting). */
    void cancelLocked(Tx tx, Invitation out) {
        failOutgoing(tx, out, Invitation.State.Cancelled, UcwaError.of(ErrorCode.Conflict, "Canceled",
                "The invitation was cancelled by the caller."), true);
    }

    /**
     * Fails invitations nobody answered in time (sweeper): outgoing ones at their deadline, and rings whose caller's
     * group said nothing {@link #RING_GRACE} after it.
     */
    public void expireUnanswered(Tx tx) {
        for (Invitation i : conversations.pendingInvitations()) {
            if (i.isOutgoing() && !i.deadline().isAfter(tx.now())) {
                failOutgoing(tx, i, Invitation.State.Failed, UcwaError.of(ErrorCode.Timeout, "Timeout",
                        i.toAddress() + " did not answer the invitation in time."), true);
            } else if (!i.isOutgoing() && !i.deadline().plus(RING_GRACE).isAfter(tx.now())) {
                failIncoming(tx, i, Invitation.State.Failed, UcwaError.of(ErrorCode.Timeout, "Missed",
                        "The invitation was not answered in time."));
            }
        }
    }

    /**
     * The caller's invitation fails: its conversation ends, and (when rings went out) the callee's group stops
     * ringing.
     */
    void failOutgoing(Tx tx, Invitation out, Invitation.State state, UcwaError reason, boolean rung) {
        out.fail(state, reason);
        conversations.save(tx, out);
        Conversation c = conversations.find(out.conversationId());
        channels.publish(tx, new Notice(out.appId(), new Notice.MessagingInvitation(out, c), Notice.Change.completed,
                Notice.Outcome.failed(reason)));
        if (c != null) {
            conversations.end(tx, c);
        }
        if (rung) {
            tx.send(groups.groupOf(out.toAddress()), new Mail.StopRinging(out.id(), state.name()));
        }
    }

    /** Callee's group: the caller's invitation ended; the rings still pending stop. */
    void stopRinging(Tx tx, Mail.StopRinging s) {
        UcwaError reason = switch (s.reason()) {
            case "Cancelled" -> UcwaError.of(ErrorCode.Conflict, "Canceled", "The caller cancelled the invitation.");
            case "Declined" -> UcwaError.of(ErrorCode.Forbidden, "Declined", "The invitation was declined on another endpoint.");
            default -> UcwaError.of(ErrorCode.Timeout, "Missed", "The invitation was not answered in time.");
        };
        for (Invitation ring : conversations.ringsOf(s.outgoingId())) {
            if (ring.isPending()) {
                failIncoming(tx, ring, Invitation.State.Failed, reason);
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
