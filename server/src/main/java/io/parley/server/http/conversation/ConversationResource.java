package io.parley.server.http.conversation;

import io.javalin.http.Context;
import io.parley.protocol.HalResource;
import io.parley.server.core.UcwaException;
import io.parley.server.core.auth.Address;
import io.parley.server.core.auth.User;
import io.parley.server.core.conversation.Conversation;
import io.parley.server.http.Caller;
import io.parley.server.http.Replies;
import io.parley.server.http.Services;
import java.util.function.Function;

/**
 * A conversation and its participants (protocol sheet §6). Ended conversations stay readable for the
 * retention time (tolerances, "Lifetimes"). DELETE leaves the conversation (204).
 */
public final class ConversationResource {
    private final Services s;

    public ConversationResource(Services s) {
        this.s = s;
    }

    /** GET .../conversations/{conversation}. */
    public void conversation(Context ctx) {
        read(ctx, c -> s.conversationResources().conversation(c));
    }

    /** DELETE .../conversations/{conversation}: leave; for two people that ends it on both sides. */
    public void leave(Context ctx) {
        s.group(Caller.user(ctx)).messaging().stop(Caller.user(ctx), Caller.app(ctx), ctx.pathParam("conversation"));
        Replies.noContent(ctx);
    }

    /** GET .../participants. */
    public void participants(Context ctx) {
        read(ctx, c -> s.conversationResources().participants(c));
    }

    /** GET .../participants/{person}: the local participant or the remote one. */
    public void participant(Context ctx) {
        read(ctx, c -> s.conversationResources().participant(c, isLocal(ctx, c)));
    }

    /** GET .../participants/{person}/messaging. */
    public void participantMessaging(Context ctx) {
        read(ctx, c -> s.conversationResources().participantMessaging(c, isLocal(ctx, c)));
    }

    /** Resolves the caller's conversation and renders it under the lock. */
    public void read(Context ctx, Function<Conversation, HalResource> render) {
        User user = Caller.user(ctx);
        var group = s.group(user);
        Replies.json(ctx, group.registry().read(() -> {
            String app = group.applications().require(user.address(), Caller.app(ctx)).id();
            return render.apply(group.conversations().require(app, ctx.pathParam("conversation"))).toJson();
        }));
    }

    private static boolean isLocal(Context ctx, Conversation c) {
        String who = Address.parse(ctx.pathParam("person")).orElse("");
        if (who.equals(c.localAddress())) {
            return true;
        }
        if (who.equals(c.remoteAddress())) {
            return false;
        }
        throw UcwaException.notFound("No such participant in this conversation.");
    }
}
