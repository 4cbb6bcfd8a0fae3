package io.parley.server.core.presence;

import io.parley.server.core.Tx;
import io.parley.server.core.application.Application;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Presence per user, aggregated over the user's applications: {@code Offline} when none is available;
 * otherwise the chosen availability, or (automatic) {@code Online} while some application reported
 * activity within the idle time and {@code Away} after it. Guarded by the registry lock.
 */
public final class Presences {
    private final PresenceStore store;
    private final Duration idleAfter;
    private final Map<String, UserPresence> byUser = new HashMap<>();

    public Presences(PresenceStore store, Duration idleAfter) {
        this.store = store;
        this.idleAfter = idleAfter;
    }

    /** Forgets everything (before a reload from the store). */
    public void unload() {
        byUser.clear();
    }

    /** Takes this group's stored presence choices (start-up). */
    public void load(List<UserPresence> stored) {
        stored.forEach(p -> byUser.put(p.address(), p));
    }

    public UserPresence of(String address) {
        return byUser.getOrDefault(address, UserPresence.automatic(address));
    }

    /** Forgets a user's choices: the address changed hands (removed, or added again). */
    public void forget(Tx tx, String address) {
        byUser.remove(address);
        store.delete(tx.batch(), address);
    }

    public void save(Tx tx, UserPresence presence) {
        byUser.put(presence.address(), presence);
        store.save(tx.batch(), presence);
    }

    /** The chosen (not yet reported) availability; Offline when no application is available. */
    public String chosen(String address, List<Application> apps, Instant now) {
        List<Application> available = apps.stream().filter(a -> a.isActive() && a.isAvailable()).toList();
        if (available.isEmpty()) {
            return "Offline";
        }
        String preferred = of(address).preferredAvailability();
        if (preferred != null) {
            return preferred;
        }
        boolean active = available.stream().anyMatch(a -> a.lastActivityAt().plus(idleAfter).isAfter(now));
        return active ? "Online" : "Away";
    }

    public String availability(String address, List<Application> apps, Instant now) {
        return Availability.reported(chosen(address, apps, now));
    }
}
