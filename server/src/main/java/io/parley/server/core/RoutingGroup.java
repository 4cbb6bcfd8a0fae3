package io.parley.server.core;

import io.parley.server.core.application.Applications;
import io.parley.server.core.conversation.Conversations;
import io.parley.server.core.conversation.Invitations;
import io.parley.server.core.conversation.MessagingSessions;
import io.parley.server.core.events.EventChannels;
import io.parley.server.core.presence.Presences;

/**
 * One routing group: the live state of the users hashed into it (their applications, event channels,
 * conversation legs, invitations and presence) under one lock of its own, its {@link Registry}. A request works
 * in its caller's group only; what concerns a user of another group goes there by mail.
 */
public record RoutingGroup(int id, Registry registry, Presences presences, Applications applications,
                           EventChannels channels, Conversations conversations, Invitations invitations,
                           MessagingSessions messaging) {}
