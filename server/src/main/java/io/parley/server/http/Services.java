package io.parley.server.http;

import io.parley.server.core.Registry;
import io.parley.server.core.application.Applications;
import io.parley.server.core.auth.Accounts;
import io.parley.server.core.auth.Directory;
import io.parley.server.core.conversation.Conversations;
import io.parley.server.core.conversation.Invitations;
import io.parley.server.core.conversation.MessagingSessions;
import io.parley.server.core.events.EventChannels;
import io.parley.server.http.render.ApplicationResources;
import io.parley.server.http.render.ConversationResources;

/** What the handlers need, built once by {@code ParleyServer} and passed to every resource class. */
public record Services(
        Registry registry,
        Accounts accounts,
        Directory directory,
        Applications applications,
        EventChannels channels,
        Conversations conversations,
        Invitations invitations,
        MessagingSessions messaging,
        ApplicationResources appResources,
        ConversationResources conversationResources,
        Bodies bodies,
        BaseUrl baseUrl,
        Challenge challenge,
        io.parley.server.metrics.ServerMetrics metrics,
        java.util.function.BooleanSupplier storeHeld) {}
