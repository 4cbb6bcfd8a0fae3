package io.parley.server.http.communication;

import io.javalin.http.Context;
import io.parley.protocol.DataUri;
import io.parley.protocol.InputBag;
import io.parley.server.core.UcwaException;
import io.parley.server.core.auth.User;
import io.parley.server.core.conversation.Conversation;
import io.parley.server.core.conversation.Invitation;
import io.parley.server.core.conversation.StartMessaging;
import io.parley.server.http.Caller;
import io.parley.server.http.Links;
import io.parley.server.http.Replies;
import io.parley.server.http.Services;
import java.util.Optional;

/**
 * {@code communication} (protocol sheet §4): the resource itself, the conversations list, startMessaging
 * (POST messagingInvitations: 201 + Location, no body), a messaging invitation, and accept / decline.
 */
public final class CommunicationResource {
    private static final int MAX_SUBJECT = 250;
    private static final int MAX_OPERATION_ID = 256;
    private final Services s;

    public CommunicationResource(Services s) {
        this.s = s;
    }

    /** GET .../communication. */
    public void communication(Context ctx) {
        User user = Caller.user(ctx);
        var group = s.group(user);
        Replies.json(ctx, group.registry().read(() ->
                s.appResources().communication(group.applications().require(user.address(), Caller.app(ctx))).toJson()));
    }

    /** GET .../communication/conversations[?filter=active]. */
    public void conversations(Context ctx) {
        User user = Caller.user(ctx);
        boolean activeOnly = "active".equalsIgnoreCase(ctx.queryParam("filter"));
        var group = s.group(user);
        Replies.json(ctx, group.registry().read(() -> {
            String app = group.applications().require(user.address(), Caller.app(ctx)).id();
            return s.conversationResources().conversations(app, group.conversations().ofApp(app, activeOnly)).toJson();
        }));
    }

    /**
     * POST .../communication/messagingInvitations (also .../startMessaging, any case). COMPAT: works without
     * makeMeAvailable (tolerances, "startMessaging").
     */
    public void startMessaging(Context ctx) {
        StartMessaging request = startInput(ctx);
        if (request.to() == null || request.to().isBlank()) {
            throw UcwaException.missingParameter("to");
        }
        Invitation invitation = s.group(Caller.user(ctx)).invitations().start(Caller.user(ctx), Caller.app(ctx), request);
        s.metrics().invitationStarted();
        Replies.created(ctx, Links.invitation(invitation.appId(), invitation.id()));
    }

    /** GET .../communication/messagingInvitations/{invitation}. */
    public void invitation(Context ctx) {
        User user = Caller.user(ctx);
        var group = s.group(user);
        Replies.json(ctx, group.registry().read(() -> {
            String app = group.applications().require(user.address(), Caller.app(ctx)).id();
            Invitation i = group.conversations().requireInvitation(app, ctx.pathParam("invitation"));
            Conversation c = group.conversations().find(i.conversationId());
            return s.conversationResources().invitation(i, c).toJson();
        }));
    }

    /** POST .../messagingInvitations/{invitation}/accept (204; idempotent for the winner). */
    public void accept(Context ctx) {
        s.group(Caller.user(ctx)).invitations().accept(Caller.user(ctx), Caller.app(ctx), ctx.pathParam("invitation"));
        Replies.noContent(ctx);
    }

    /** POST .../messagingInvitations/{invitation}/decline, optionally {"reason":"Local"}. */
    public void decline(Context ctx) {
        InputBag in = s.bodies().json(ctx);
        s.group(Caller.user(ctx)).invitations().decline(Caller.user(ctx), Caller.app(ctx), ctx.pathParam("invitation"),
                in.string("reason").orElse(ctx.queryParam("reason")));
        Replies.noContent(ctx);
    }

    /** The input shared by startMessaging and addMessaging; the first message is decoded here. */
    public StartMessaging startInput(Context ctx) {
        InputBag in = s.bodies().json(ctx);
        ctx.queryParamMap().forEach((k, v) -> {
            if (!v.isEmpty()) {
                in.withFallback(k, v.get(0));
            }
        });
        String subject = in.string("subject").orElse("");
        if (subject.length() > MAX_SUBJECT) {
            throw UcwaException.badRequest("ParameterValidationFailure", "subject is limited to 250 characters.");
        }
        String operationId = in.string("operationId").orElse(null);
        if (operationId != null && operationId.length() > MAX_OPERATION_ID) {
            throw UcwaException.badRequest("ParameterValidationFailure", "operationId is too long.");
        }
        Optional<String> first = in.linkHref("message");
        String text = null;
        boolean html = false;
        if (first.isPresent()) {
            try {
                DataUri uri = DataUri.decode(first.get());
                text = uri.text();
                html = uri.isHtml();
            } catch (IllegalArgumentException e) {
                throw UcwaException.badRequest("ParameterValidationFailure",
                        "_links.message.href must be a data: URI such as data:text/plain,Hello (" + e.getMessage() + ").");
            }
        }
        return new StartMessaging(in.string("to").orElse(null), subject, in.string("importance").orElse(null),
                operationId, text, html);
    }
}
