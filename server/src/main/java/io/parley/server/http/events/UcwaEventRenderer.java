package io.parley.server.http.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.protocol.UcwaJson;
import io.parley.server.core.auth.Directory;
import io.parley.server.core.conversation.Conversation;
import io.parley.server.core.events.Notice;
import io.parley.server.core.events.NoticeRenderer;
import io.parley.server.core.events.Priority;
import io.parley.server.core.events.RenderedEvent;
import io.parley.server.http.Links;
import io.parley.server.http.render.ApplicationResources;
import io.parley.server.http.render.ConversationResources;

/**
 * Turns core notices into UCWA event objects: {@code link} (rel, href, title), {@code type}, optional
 * {@code in}, {@code status}/{@code reason} and {@code _embedded}, plus the sender block and priority
 * (protocol sheet §5.2, §5.4). Embedded resources are rendered now, so the event shows the state at
 * the moment it happened.
 */
public final class UcwaEventRenderer implements NoticeRenderer {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final ApplicationResources apps;
    private final ConversationResources conversations;
    private final Directory directory;

    public UcwaEventRenderer(ApplicationResources apps, ConversationResources conversations, Directory directory) {
        this.apps = apps;
        this.conversations = conversations;
        this.directory = directory;
    }

    @Override
    public RenderedEvent render(Notice n) {
        String app = n.appId();
        ObjectNode event = NODES.objectNode();
        Sender sender;
        switch (n.subject()) {
            case Notice.Me me -> {
                sender = Sender.me(app);
                link(event, "me", Links.me(app), null);
            }
            case Notice.Presence p -> {
                sender = Sender.me(app);
                link(event, "presence", Links.presence(app), null);
                if (n.change() != Notice.Change.deleted) {
                    embed(event, "presence", apps.presence(p.app()).toNode());
                }
            }
            case Notice.Note note -> {
                sender = Sender.me(app);
                link(event, "note", Links.note(app), null);
            }
            case Notice.Location location -> {
                sender = Sender.me(app);
                link(event, "location", Links.location(app), null);
            }
            case Notice.Communication c -> {
                sender = Sender.communication(app, Priority.MEDIUM);
                link(event, "communication", Links.communication(app), null);
                embed(event, "communication", apps.communication(c.app()).toNode());
            }
            case Notice.MessagingInvitation i -> {
                sender = Sender.communication(app, Priority.HIGH);
                link(event, "messagingInvitation", Links.invitation(app, i.invitation().id()), null);
                embed(event, "messagingInvitation", conversations.invitation(i.invitation(), i.conversation()).toNode());
            }
            case Notice.ConversationSubject cs -> {
                sender = Sender.communication(app, Priority.HIGH);
                link(event, "conversation", Links.conversation(app, cs.conversation().id()), null);
                if (n.change() != Notice.Change.deleted) {
                    embed(event, "conversation", conversations.conversation(cs.conversation()).toNode());
                }
            }
            case Notice.LocalParticipant lp -> {
                Conversation c = lp.conversation();
                sender = Sender.conversation(app, c);
                link(event, "localParticipant", Links.participant(app, c.id(), c.localAddress()),
                        directory.displayName(c.localAddress()));
                if (n.change() != Notice.Change.deleted) {
                    embed(event, "localParticipant", conversations.participant(c, true).toNode());
                }
            }
            case Notice.RemoteParticipant rp -> {
                Conversation c = rp.conversation();
                sender = Sender.conversation(app, c);
                link(event, "participant", Links.participant(app, c.id(), c.remoteAddress()),
                        directory.displayName(c.remoteAddress()));
            }
            case Notice.ParticipantMessaging pm -> {
                Conversation c = pm.conversation();
                String address = pm.local() ? c.localAddress() : c.remoteAddress();
                sender = Sender.conversation(app, c);
                link(event, "participantMessaging", Links.participantMessaging(app, c.id(), address), null);
                ObjectNode in = event.putObject("in");
                in.put("rel", pm.local() ? "localParticipant" : "participant");
                in.put("href", Links.participant(app, c.id(), address));
                in.put("title", directory.displayName(address));
                if (n.change() != Notice.Change.deleted) {
                    embed(event, "participantMessaging", conversations.participantMessaging(c, pm.local()).toNode());
                }
            }
            case Notice.Messaging m -> {
                Conversation c = m.conversation();
                sender = Sender.conversation(app, c);
                link(event, "messaging", Links.messaging(app, c.id()), null);
                embed(event, "messaging", conversations.messaging(c).toNode());
            }
            case Notice.MessageSubject ms -> {
                Conversation c = ms.conversation();
                sender = Sender.conversation(app, c);
                link(event, "message", Links.message(app, c.id(), ms.message().number()), null);
                embed(event, "message", conversations.message(c, ms.message()).toNode());
            }
            case Notice.TypingParticipant tp -> {
                Conversation c = tp.conversation();
                sender = Sender.conversation(app, c);
                link(event, "participant", Links.participant(app, c.id(), c.remoteAddress()),
                        directory.displayName(c.remoteAddress()));
                ObjectNode in = event.putObject("in");
                in.put("rel", "typingParticipants");
                in.put("href", Links.typingParticipants(app, c.id()));
            }
        }
        if (n.outcome() != null) {
            event.put("status", n.outcome().success() ? "Success" : "Failure");
            if (!n.outcome().success() && n.outcome().reason() != null) {
                event.set("reason", UcwaJson.mapper().valueToTree(n.outcome().reason()));
            }
        }
        event.put("type", n.change().name());
        try {
            return new RenderedEvent(sender.priority(), sender.rel(), sender.href(),
                    UcwaJson.mapper().writeValueAsString(event));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The block an event goes in, and its priority (protocol sheet §5.2, §5.4): {@code me} and
     * {@code communication} updates are medium; invitations, conversations and everything inside them high.
     */
    private record Sender(String rel, String href, Priority priority) {
        static Sender me(String app) {
            return new Sender("me", Links.me(app), Priority.MEDIUM);
        }

        static Sender communication(String app, Priority priority) {
            return new Sender("communication", Links.communication(app), priority);
        }

        static Sender conversation(String app, Conversation c) {
            return new Sender("conversation", Links.conversation(app, c.id()), Priority.HIGH);
        }
    }

    private static void link(ObjectNode event, String rel, String href, String title) {
        ObjectNode link = event.putObject("link");
        link.put("rel", rel);
        link.put("href", href);
        if (title != null) {
            link.put("title", title);
        }
    }

    private static void embed(ObjectNode event, String rel, ObjectNode resource) {
        ObjectNode embedded = (ObjectNode) event.get("_embedded");
        if (embedded == null) {
            embedded = event.putObject("_embedded");
        }
        embedded.set(rel, resource);
    }
}
