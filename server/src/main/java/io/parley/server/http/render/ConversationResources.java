package io.parley.server.http.render;

import io.parley.protocol.DataUri;
import io.parley.protocol.HalResource;
import io.parley.protocol.Link;
import io.parley.protocol.UcwaDate;
import io.parley.server.core.auth.Address;
import io.parley.server.core.auth.Directory;
import io.parley.server.core.conversation.Conversation;
import io.parley.server.core.conversation.Invitation;
import io.parley.server.core.conversation.Message;
import io.parley.server.http.Links;
import java.util.ArrayList;
import java.util.List;

/**
 * Conversations and everything inside them: participants, messaging, messages, messaging invitations.
 * Capability links follow state (sendMessage only while Connected, accept/decline only while pending).
 */
public final class ConversationResources {
    private final Directory directory;

    public ConversationResources(Directory directory) {
        this.directory = directory;
    }

    public HalResource conversation(Conversation c) {
        String app = c.appId();
        String id = c.id();
        HalResource r = HalResource.of("conversation")
                .property("state", c.state().name())
                .property("threadId", c.threadId())
                .property("subject", c.subject() == null ? "" : c.subject())
                .property("activeModalities", c.activeModalities())
                .property("importance", c.importance())
                .property("recording", false)
                .property("participantCount", c.isRemoteJoined() ? 2 : 1)
                .link("self", Links.conversation(app, id))
                .link("applicationSharing", Links.modality(app, id, "applicationSharing"))
                .link("audioVideo", Links.modality(app, id, "audioVideo"))
                .link("dataCollaboration", Links.modality(app, id, "dataCollaboration"))
                .link("messaging", Links.messaging(app, id))
                .link("phoneAudio", Links.modality(app, id, "phoneAudio"))
                .link("participants", Links.participants(app, id));
        if (c.state() != Conversation.State.Incoming) {
            r.link("localParticipant", Links.participant(app, id, c.localAddress()), directory.displayName(c.localAddress()))
                    .link("addParticipant", Links.addParticipant(app, id));
        }
        return r;
    }

    public HalResource participant(Conversation c, boolean local) {
        String app = c.appId();
        String address = local ? c.localAddress() : c.remoteAddress();
        HalResource r = HalResource.of("participant")
                .property("sourceNetwork", "SameEnterprise")
                .property("anonymous", false)
                .property("local", local)
                .property("name", directory.displayName(address))
                .property("uri", Address.sipUri(address))
                .link("self", Links.participant(app, c.id(), address))
                .link("conversation", Links.conversation(app, c.id()));
        if (local) {
            r.link("me", Links.me(app));
        } else {
            r.link("contact", Links.contact(app, address))
                    .link("contactPresence", Links.contactPresence(app, address))
                    .link("contactPhoto", Links.photo(app, address));
        }
        if (c.isConnected()) {
            r.link("participantMessaging", Links.participantMessaging(app, c.id(), address));
        }
        return r;
    }

    public HalResource participantMessaging(Conversation c, boolean local) {
        String address = local ? c.localAddress() : c.remoteAddress();
        return HalResource.of("participantMessaging")
                .link("self", Links.participantMessaging(c.appId(), c.id(), address))
                .link(local ? "localParticipant" : "participant", Links.participant(c.appId(), c.id(), address),
                        directory.displayName(address));
    }

    public HalResource participants(Conversation c) {
        List<Link> people = new ArrayList<>();
        if (!c.isEnded()) {
            people.add(new Link(Links.participant(c.appId(), c.id(), c.localAddress()), directory.displayName(c.localAddress())));
        }
        if (c.isRemoteJoined() || c.state() == Conversation.State.Incoming) {
            people.add(new Link(Links.participant(c.appId(), c.id(), c.remoteAddress()), directory.displayName(c.remoteAddress())));
        }
        return HalResource.of("participants").link("self", Links.participants(c.appId(), c.id())).links("participant", people);
    }

    public HalResource typingParticipants(Conversation c) {
        List<Link> typing = c.remoteTypingUntil() == null ? List.of()
                : List.of(new Link(Links.participant(c.appId(), c.id(), c.remoteAddress()), directory.displayName(c.remoteAddress())));
        return HalResource.of("typingParticipants").link("self", Links.typingParticipants(c.appId(), c.id()))
                .links("participant", typing);
    }

    public HalResource messaging(Conversation c) {
        String app = c.appId();
        String id = c.id();
        HalResource r = HalResource.of("messaging")
                .property("state", c.messaging().name())
                .property("negotiatedMessageFormats", c.negotiatedFormats())
                .link("self", Links.messaging(app, id))
                .link("conversation", Links.conversation(app, id));
        switch (c.messaging()) {
            case Connecting -> r.link("stopMessaging", Links.stopMessaging(app, id));
            case Connected -> r.link("stopMessaging", Links.stopMessaging(app, id))
                    .link("sendMessage", Links.messages(app, id))
                    .link("setIsTyping", Links.setIsTyping(app, id))
                    .link("typingParticipants", Links.typingParticipants(app, id));
            case Disconnected -> r.link("addMessaging", Links.addMessaging(app, id));
        }
        return r;
    }

    /**
     * COMPAT: outgoing messages carry no plainMessage/htmlMessage link (clients that do not check the
     * direction would answer their own messages); incoming ones carry URL-encoded data URIs with
     * {@code ;charset=utf-8} (tolerances, "Responses").
     */
    public HalResource message(Conversation c, Message m) {
        String app = c.appId();
        HalResource r = HalResource.of("message")
                .property("direction", m.isOutgoing() ? "Outgoing" : "Incoming")
                .property("timeStamp", UcwaDate.format(m.timestamp()))
                .property("status", m.status().name())
                .property("operationId", m.operationId())
                .link("self", Links.message(app, c.id(), m.number()))
                .link("messaging", Links.messaging(app, c.id()));
        if (m.isOutgoing()) {
            if (m.status() == Message.Status.Failed) {
                r.links("failedDeliveryParticipant", List.of(new Link(
                        Links.participant(app, c.id(), c.remoteAddress()), directory.displayName(c.remoteAddress()))));
            }
            return r;
        }
        r.link("contact", Links.contact(app, c.remoteAddress()))
                .link("participant", Links.participant(app, c.id(), c.remoteAddress()), directory.displayName(c.remoteAddress()));
        if (m.isHtml()) {
            r.link("plainMessage", DataUri.encode("text/plain", HtmlText.plain(m.text())));
            r.link("htmlMessage", DataUri.encode("text/html", m.text()));
        } else {
            r.link("plainMessage", DataUri.encode("text/plain", m.text()));
        }
        return r;
    }

    public HalResource messages(Conversation c) {
        List<Link> all = c.messages().all().stream()
                .map(m -> Link.to(Links.message(c.appId(), c.id(), m.number()))).toList();
        return HalResource.of("messages").link("self", Links.messages(c.appId(), c.id())).links("message", all);
    }

    public HalResource conversations(String appId, List<Conversation> list) {
        return HalResource.of("conversations")
                .link("self", Links.conversations(appId))
                .links("conversation", list.stream().map(c -> Link.to(Links.conversation(appId, c.id()))).toList());
    }

    /**
     * COMPAT: an incoming invitation always has a {@code message} link (an empty data URI when there was
     * no first message) and embeds {@code from}; accept/decline only while pending; the operationId is
     * echoed (tolerances, "Invitation events").
     */
    public HalResource invitation(Invitation i, Conversation c) {
        String app = i.appId();
        String conv = i.conversationId();
        HalResource r = HalResource.of("messagingInvitation")
                .property("direction", i.isOutgoing() ? "Outgoing" : "Incoming")
                .property("importance", i.importance())
                .property("threadId", i.threadId())
                .property("state", i.state().name())
                .property("subject", i.subject() == null ? "" : i.subject())
                .property("operationId", i.operationId())
                .property("to", Address.sipUri(i.toAddress()))
                .link("self", Links.invitation(app, i.id()))
                .link("to", Links.contact(app, i.toAddress()))
                .link("conversation", Links.conversation(app, conv))
                .link("messaging", Links.messaging(app, conv));
        if (i.isOutgoing()) {
            r.link("from", Links.participant(app, conv, i.fromAddress()), directory.displayName(i.fromAddress()));
            if (i.isPending()) {
                r.link("cancel", Links.stopMessaging(app, conv));
            }
            if (i.state() == Invitation.State.Connected && c != null) {
                r.embedAll("acceptedByParticipant", List.of(participant(c, false)));
            }
            if (i.firstMessage() != null) {
                r.link("message", firstMessage(i));
            }
        } else {
            if (i.isPending()) {
                r.link("accept", Links.accept(app, i.id())).link("decline", Links.decline(app, i.id()));
            }
            r.link("message", firstMessage(i));
            if (c != null) {
                r.embed("from", participant(c, false));
            }
        }
        return r;
    }

    private static String firstMessage(Invitation i) {
        String text = i.firstMessage() == null ? "" : i.firstMessage();
        return DataUri.encode(i.isFirstMessageHtml() ? "text/html" : "text/plain", text);
    }
}
