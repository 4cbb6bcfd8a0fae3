package io.parley.server.http;

import io.parley.server.core.RoutingGroup;
import io.parley.server.core.RoutingGroups;
import io.parley.server.core.auth.Accounts;
import io.parley.server.core.auth.Directory;
import io.parley.server.core.auth.User;
import io.parley.server.http.render.ApplicationResources;
import io.parley.server.http.render.ConversationResources;

/** What the handlers need, built once by {@code ParleyServer} and passed to every resource class. */
public record Services(
        RoutingGroups groups,
        Accounts accounts,
        Directory directory,
        ApplicationResources appResources,
        ConversationResources conversationResources,
        Bodies bodies,
        BaseUrl baseUrl,
        Challenge challenge,
        io.parley.server.metrics.ServerMetrics metrics,
        java.util.function.BooleanSupplier storeHeld) {

    /** The caller's routing group: every request about the caller's own things works there. */
    public RoutingGroup group(User caller) {
        return groups.of(caller);
    }
}
