package io.parley.server.http.messaging;

import io.javalin.http.Context;
import io.parley.server.core.UcwaException;
import io.parley.server.core.conversation.Invitation;
import io.parley.server.core.conversation.StartMessaging;
import io.parley.server.http.Bodies;
import io.parley.server.http.Caller;
import io.parley.server.http.Links;
import io.parley.server.http.Replies;
import io.parley.server.http.Services;
import io.parley.server.http.communication.CommunicationResource;
import io.parley.server.http.conversation.ConversationResource;
import java.util.Map;
import java.util.List;

/**
 * {@code messaging} (protocol sheet §7): the resource, sendMessage (POST text to .../messages, 201 +
 * Location), messages, typing, typingParticipants, stopMessaging (terminate) and addMessaging.
 */
public final class MessagingResource {
    private static final List<String> OPERATION_ID_NAMES =
            List.of("operationid", "operationcontext");
    private final Services s;
    private final ConversationResource conversations;
    private final CommunicationResource communication;
    private final SendMessage sendMessage;

    public MessagingResource(Services s, ConversationResource conversations, CommunicationResource communication) {
        this.s = s;
        this.conversations = conversations;
        this.communication = communication;
        this.sendMessage = new SendMessage(s);
    }

    /** GET .../messaging. */
    public void messaging(Context ctx) {
        conversations.read(ctx, c -> s.conversationResources().messaging(c));
    }

    /**
     * POST .../messaging/messages (and, COMPAT, .../messages/{n}: a send in the same conversation).
     * COMPAT: the correlation id comes as operationId, OperationId, operationContext, OperationContext or
     * not at all; the body is text/plain or text/html with or without a charset (tolerances, "sendMessage").
     */
    public void sendMessage(Context ctx) {
        Replies.created(ctx, sendMessage.send(Caller.user(ctx), Caller.app(ctx), ctx.pathParam("conversation"),
                Bodies.rawContentType(ctx), () -> s.bodies().bytes(ctx), operationId(ctx)));
    }

    /** GET .../messaging/messages. */
    public void messages(Context ctx) {
        conversations.read(ctx, c -> s.conversationResources().messages(c));
    }

    /** GET .../messaging/messages/{n}. */
    public void message(Context ctx) {
        int number;
        try {
            number = Integer.parseInt(ctx.pathParam("number"));
        } catch (NumberFormatException e) {
            throw UcwaException.notFound("No such message in this conversation.");
        }
        conversations.read(ctx, c -> s.conversationResources().message(c, s.group(Caller.user(ctx)).conversations().requireMessage(c, number)));
    }

    /** POST .../messaging/typing (setIsTyping): 204. */
    public void setIsTyping(Context ctx) {
        s.group(Caller.user(ctx)).messaging().typing(Caller.user(ctx), Caller.app(ctx), ctx.pathParam("conversation"));
        Replies.noContent(ctx);
    }

    /** GET .../messaging/typingParticipants. */
    public void typingParticipants(Context ctx) {
        conversations.read(ctx, c -> s.conversationResources().typingParticipants(c));
    }

    /** POST .../messaging/terminate (stopMessaging): 204, also when already ended. */
    public void stopMessaging(Context ctx) {
        s.group(Caller.user(ctx)).messaging().stop(Caller.user(ctx), Caller.app(ctx), ctx.pathParam("conversation"));
        Replies.noContent(ctx);
    }

    /** POST .../messaging/addMessaging: 201 + Location of a new messaging invitation. */
    public void addMessaging(Context ctx) {
        StartMessaging request = communication.startInput(ctx);
        Invitation invitation = s.group(Caller.user(ctx)).invitations().addMessaging(Caller.user(ctx), Caller.app(ctx),
                ctx.pathParam("conversation"), request);
        Replies.created(ctx, Links.invitation(invitation.appId(), invitation.id()));
    }

    private static String operationId(Context ctx) {
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            if (OPERATION_ID_NAMES.contains(e.getKey().toLowerCase()) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }
}
