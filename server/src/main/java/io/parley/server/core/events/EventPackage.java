package io.parley.server.core.events;

import java.util.List;

/** Package {@code number} of an application's event channel: what one events answer carries. */
public record EventPackage(String appId, long number, List<QueuedEvent> events) {}
