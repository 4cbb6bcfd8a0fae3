package io.parley.server.http.people;

import io.javalin.http.Context;
import io.parley.protocol.HalResource;
import io.parley.server.core.UcwaException;
import io.parley.server.core.auth.Address;
import io.parley.server.core.auth.User;
import io.parley.server.http.Caller;
import io.parley.server.http.Links;
import io.parley.server.http.Replies;
import io.parley.server.http.Services;
import java.util.List;
import java.util.function.BiFunction;

/**
 * {@code people}: directory search, contact cards and contact presence/note/location, and the contact-list
 * collections (empty but valid until contact lists exist).
 */
public final class PeopleResource {
    private static final int MAX_LIMIT = 100;
    private final Services s;

    public PeopleResource(Services s) {
        this.s = s;
    }

    public void people(Context ctx) {
        User user = Caller.user(ctx);
        var group = s.group(user);
        String json = group.registry().read(() ->
                s.appResources().people(group.applications().require(user.address(), Caller.app(ctx))).toJson());
        Replies.json(ctx, json);
    }

    /** GET .../people/search?query=...&limit=N. */
    public void search(Context ctx) {
        String app = checkedApp(ctx);
        String query = ctx.queryParam("query");
        if (query == null) {
            throw UcwaException.missingParameter("query");
        }
        int limit = MAX_LIMIT;
        String limitParam = ctx.queryParam("limit");
        if (limitParam != null) {
            try {
                limit = Math.max(1, Math.min(MAX_LIMIT, Integer.parseInt(limitParam.trim())));
            } catch (NumberFormatException e) {
                throw UcwaException.badRequest("ParameterValidationFailure", "limit must be a number from 1 to 100.");
            }
        }
        List<User> hits = s.directory().search(query, limit);
        Replies.resource(ctx, s.appResources().search(app, query, hits));
    }

    /** GET .../people/{user@domain}. */
    public void contact(Context ctx) {
        String app = checkedApp(ctx);
        User contact = person(ctx);
        Replies.resource(ctx, s.appResources().contact(app, contact));
    }

    public void contactPresence(Context ctx) {
        contactPart(ctx, (app, address) -> s.appResources().contactPresence(app, address));
    }

    public void contactNote(Context ctx) {
        contactPart(ctx, (app, address) -> s.appResources().contactNote(app, address));
    }

    public void contactLocation(Context ctx) {
        contactPart(ctx, (app, address) -> s.appResources().contactLocation(app, address));
    }

    public void contactSupportedModalities(Context ctx) {
        contactPart(ctx, (app, address) -> s.appResources().contactSupportedModalities(app, address));
    }

    /** GET .../people/{contacts|groups|presenceSubscriptions|...}: empty but valid collections for now. */
    public io.javalin.http.Handler collectionHandler(String rel, String path, String itemRel) {
        return ctx -> {
            String app = checkedApp(ctx);
            Replies.resource(ctx, s.appResources().emptyCollection(rel, Links.peopleCollection(app, path), itemRel));
        };
    }

    private void contactPart(Context ctx, BiFunction<String, String, HalResource> render) {
        String app = checkedApp(ctx);
        User contact = person(ctx);
        // The contact's presence lives in the contact's routing group, read under that group's lock.
        String json = s.groups().of(contact).registry().read(() -> render.apply(app, contact.address()).toJson());
        Replies.json(ctx, json);
    }

    private User person(Context ctx) {
        String raw = ctx.pathParam("person");
        return Address.parse(raw).flatMap(s.directory()::find)
                .orElseThrow(() -> UcwaException.notFound("No user " + raw + " on this server."));
    }

    private String checkedApp(Context ctx) {
        User user = Caller.user(ctx);
        var group = s.group(user);
        return group.registry().read(() -> group.applications().require(user.address(), Caller.app(ctx)).id());
    }
}
