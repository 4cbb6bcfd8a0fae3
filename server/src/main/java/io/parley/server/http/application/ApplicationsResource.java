package io.parley.server.http.application;

import io.javalin.http.Context;
import io.parley.protocol.InputBag;
import io.parley.server.core.UcwaException;
import io.parley.server.core.application.Application;
import io.parley.server.core.application.Applications;
import io.parley.server.core.auth.User;
import io.parley.server.http.Caller;
import io.parley.server.http.Replies;
import io.parley.server.http.Services;

/**
 * The applications collection and one application (protocol sheet §2): POST creates (201, or 200 with
 * the existing one for the same user and endpointId), GET reads, DELETE signs the endpoint out (204).
 */
public final class ApplicationsResource {
    private static final int MAX_INPUT = 100;
    private final Services s;

    public ApplicationsResource(Services s) {
        this.s = s;
    }

    /** POST /ucwa/oauth/v1/applications. */
    public void create(Context ctx) {
        User user = Caller.user(ctx);
        InputBag in = s.bodies().json(ctx);
        String endpointId = required(in, "endpointId");
        String userAgent = required(in, "userAgent");
        String culture = in.string("culture").filter(v -> !v.isBlank()).orElse("en-US");
        if (culture.length() > MAX_INPUT) {
            throw UcwaException.badRequest("ParameterValidationFailure", "culture is limited to 100 characters.");
        }
        Applications.Created created = s.group(user).applications().create(user, endpointId, userAgent, culture);
        String json = render(created.application());
        Replies.json(ctx, created.isNew() ? 201 : 200, json);
        // Also for an endpointId seen before (200): a script that re-runs its sign-in reads the Location either way.
        ctx.header("Location", io.parley.server.http.Links.application(created.application().id()));
    }

    /** GET /ucwa/oauth/v1/applications/{app}. */
    public void get(Context ctx) {
        User user = Caller.user(ctx);
        Application app = s.group(user).applications().get(user.address(), Caller.app(ctx));
        Replies.json(ctx, render(app));
    }

    /** DELETE /ucwa/oauth/v1/applications/{app}: ends its conversations and its event channel. */
    public void delete(Context ctx) {
        s.group(Caller.user(ctx)).applications().delete(Caller.user(ctx).address(), Caller.app(ctx));
        Replies.noContent(ctx);
    }

    /** GET .../policies: the policy bag clients read before enabling features. */
    public void policies(Context ctx) {
        s.group(Caller.user(ctx)).applications().get(Caller.user(ctx).address(), Caller.app(ctx));
        Replies.resource(ctx, io.parley.protocol.HalResource.of("policies")
                .property("htmlMessaging", "Enabled")
                .property("emoticons", "Disabled")
                .property("photos", "Disabled")
                .property("logging", "Disabled")
                .link("self", io.parley.server.http.Links.policies(Caller.app(ctx))));
    }

    private String render(Application app) {
        var group = s.groups().of(app.userAddress());
        return group.registry().read(() ->
                s.appResources().application(app, group.channels().firstUnacknowledged(app.id())).toJson());
    }

    private static String required(InputBag in, String name) {
        String value = in.string(name).filter(v -> !v.isBlank()).orElseThrow(() -> UcwaException.missingParameter(name));
        if (value.length() > MAX_INPUT) {
            throw UcwaException.badRequest("ParameterValidationFailure", name + " is limited to 100 characters.");
        }
        return value;
    }
}
