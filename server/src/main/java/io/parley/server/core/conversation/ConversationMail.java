package io.parley.server.core.conversation;

import io.parley.server.core.Tx;
import io.parley.server.core.routing.Envelope;
import io.parley.server.core.routing.Mail;
import io.parley.server.core.routing.PostOffice;

/** A routing group's mail slot: hands each mail about a conversation to the part of the core it concerns. */
public final class ConversationMail implements PostOffice.Receiver {
    private final Invitations invitations;
    private final MessagingSessions messaging;

    public ConversationMail(Invitations invitations, MessagingSessions messaging) {
        this.invitations = invitations;
        this.messaging = messaging;
    }

    @Override
    public void apply(Tx tx, Envelope envelope) {
        int from = envelope.sourceGroup();
        switch (envelope.mail()) {
            case Mail.Ring r -> invitations.ring(tx, r, from);
            case Mail.RingFailed f -> invitations.ringFailed(tx, f);
            case Mail.Accepted a -> invitations.accepted(tx, a, from);
            case Mail.Declined d -> invitations.declined(tx, d);
            case Mail.StopRinging s -> invitations.stopRinging(tx, s);
            case Mail.PeerLeft p -> messaging.peerLeft(tx, p);
            case Mail.Deliver d -> messaging.deliver(tx, d, from);
            case Mail.Delivered d -> messaging.confirm(tx, d);
            case Mail.Undeliverable u -> messaging.undeliverable(tx, u);
            case Mail.Typing t -> messaging.typed(tx, t);
        }
    }
}
