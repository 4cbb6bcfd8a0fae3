package io.parley.server.http.me;

import io.javalin.http.Context;
import io.parley.protocol.HalResource;
import io.parley.protocol.InputBag;
import io.parley.server.core.application.Application;
import io.parley.server.core.auth.User;
import io.parley.server.http.Caller;
import io.parley.server.http.Links;
import io.parley.server.http.Replies;
import io.parley.server.http.Services;
import java.util.List;
import java.util.function.Function;

/**
 * {@code me} and its operations (protocol sheet §3): makeMeAvailable, presence, note, location,
 * reportMyActivity. Inputs may come as JSON or as query parameters ({@code POST .../note?message=...}).
 */
public final class MeResource {
    private final Services s;

    public MeResource(Services s) {
        this.s = s;
    }

    /** GET .../me. */
    public void me(Context ctx) {
        read(ctx, app -> s.appResources().me(app));
    }

    /** POST .../me/makeMeAvailable (204; 409 AlreadyExists when repeated). */
    public void makeMeAvailable(Context ctx) {
        InputBag in = input(ctx);
        List<String> modalities = in.strings("supportedModalities");
        List<String> formats = in.strings("supportedMessageFormats");
        s.group(Caller.user(ctx)).applications().makeMeAvailable(Caller.user(ctx).address(), Caller.app(ctx), modalities, formats,
                in.string("signInAs").orElse(null));
        Replies.noContent(ctx);
    }

    /** GET .../me/presence (409 MakeMeAvailableRequired before makeMeAvailable). */
    public void presence(Context ctx) {
        readAvailable(ctx, app -> s.appResources().presence(app));
    }

    /** POST .../me/presence {"availability": ...}; an empty body resets to automatic. */
    public void setPresence(Context ctx) {
        InputBag in = input(ctx);
        s.group(Caller.user(ctx)).applications().setPresence(Caller.user(ctx).address(), Caller.app(ctx), in.string("availability").orElse(null));
        Replies.noContent(ctx);
    }

    public void note(Context ctx) {
        readAvailable(ctx, app -> s.appResources().note(app));
    }

    public void setNote(Context ctx) {
        InputBag in = input(ctx);
        s.group(Caller.user(ctx)).applications().setNote(Caller.user(ctx).address(), Caller.app(ctx), in.string("message").orElse(""));
        Replies.noContent(ctx);
    }

    public void location(Context ctx) {
        readAvailable(ctx, app -> s.appResources().location(app));
    }

    public void setLocation(Context ctx) {
        InputBag in = input(ctx);
        s.group(Caller.user(ctx)).applications().setLocation(Caller.user(ctx).address(), Caller.app(ctx), in.string("location").orElse(""));
        Replies.noContent(ctx);
    }

    /**
     * POST .../me/reportMyActivity and POST .../{app}/reportMyActivity. COMPAT: clients post to both
     * (tolerances, "reportMyActivity").
     */
    public void reportMyActivity(Context ctx) {
        s.group(Caller.user(ctx)).applications().reportActivity(Caller.user(ctx).address(), Caller.app(ctx));
        Replies.noContent(ctx);
    }

    /** GET .../me/phones: Parley keeps no phone numbers; an empty list. */
    public void phones(Context ctx) {
        read(ctx, app -> HalResource.of("phones").link("self", Links.phones(app.id())).links("phone", List.of()));
    }

    /** GET .../me/callForwardingSettings: no telephony, so forwarding is off. */
    public void callForwardingSettings(Context ctx) {
        read(ctx, app -> HalResource.of("callForwardingSettings").property("activeSetting", "CallForwardingOff")
                .link("self", Links.callForwardingSettings(app.id())));
    }

    private InputBag input(Context ctx) {
        InputBag in = s.bodies().json(ctx);
        ctx.queryParamMap().forEach((k, v) -> {
            if (!v.isEmpty()) {
                in.withFallback(k, v.get(0));
            }
        });
        return in;
    }

    private void read(Context ctx, Function<Application, HalResource> render) {
        User user = Caller.user(ctx);
        var group = s.group(user);
        String json = group.registry().read(() ->
                render.apply(group.applications().require(user.address(), Caller.app(ctx))).toJson());
        Replies.json(ctx, json);
    }

    private void readAvailable(Context ctx, Function<Application, HalResource> render) {
        User user = Caller.user(ctx);
        var group = s.group(user);
        String json = group.registry().read(() ->
                render.apply(group.applications().requireAvailable(user.address(), Caller.app(ctx))).toJson());
        Replies.json(ctx, json);
    }
}
