package io.parley.server.core.application;

import io.parley.protocol.ErrorCode;
import io.parley.server.core.Registry;
import io.parley.server.core.Tx;
import io.parley.server.core.UcwaException;
import io.parley.server.core.auth.User;
import io.parley.server.core.events.EventChannels;
import io.parley.server.core.events.Notice;
import io.parley.server.core.presence.Availability;
import io.parley.server.core.presence.Presences;
import io.parley.server.core.presence.UserPresence;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The applications of all users: create (one per user and endpointId), find, delete, expire when idle, and
 * the {@code me} operations (makeMeAvailable, presence, note, location, reportMyActivity). Presence
 * changes are announced to every available application of the user.
 */
public final class Applications {
    private final Registry registry;
    private final ApplicationStore store;
    private final EventChannels channels;
    private final Presences presences;
    private final ApplicationLimits limits;
    private final Map<String, Application> byId = new HashMap<>();
    private final Map<String, List<Application>> byUser = new HashMap<>();
    private final Map<String, String> lastAnnounced = new HashMap<>();
    private final SecureRandom random = new SecureRandom();
    private BiConsumer<Tx, Application> teardown = (tx, app) -> {};

    public record Created(Application application, boolean isNew) {}

    public Applications(Registry registry, ApplicationStore store, EventChannels channels, Presences presences,
                        ApplicationLimits limits) {
        this.registry = registry;
        this.store = store;
        this.channels = channels;
        this.presences = presences;
        this.limits = limits;
    }

    /** Who ends an application's conversations when it goes away (set by the conversation core). */
    public void onTeardown(BiConsumer<Tx, Application> teardown) {
        this.teardown = teardown;
    }

    /** Forgets everything (before a reload from the store). */
    public void unload() {
        byId.clear();
        byUser.clear();
        lastAnnounced.clear();
    }

    /** Takes this group's stored applications (start-up). */
    public void load(List<Application> stored) {
        stored.forEach(this::index);
        Instant now = registry.clock().instant();
        // The restart itself is not the clients' fault: every application gets a fresh idle period.
        byId.values().stream().filter(Application::hasPolled).forEach(a -> a.pollSeen(now));
    }

    public Created create(User user, String endpointId, String userAgent, String culture) {
        return registry.mutate(tx -> {
            List<Application> mine = ofUser(user.address());
            for (Application a : mine) {
                if (a.endpointId().equals(endpointId)) {
                    return new Created(a, false);
                }
            }
            long count = mine.size();
            if (count >= limits.perUser()) {
                throw new UcwaException(ErrorCode.Gone, "TooManyApplications",
                        "This user already has " + count + " applications; delete one (DELETE its href) first.");
            }
            Application app = new Application(newId(), user.address(), endpointId, userAgent, culture, tx.now());
            index(app);
            store.save(tx.batch(), app);
            channels.open(tx, app.id());
            return new Created(app, true);
        });
    }

    /** The caller's active application, or the UCWA error for a gone one (never another user's). */
    public Application require(String userAddress, String appId) {
        Application app = byId.get(appId);
        if (app == null || !app.userAddress().equals(userAddress)) {
            throw new UcwaException(ErrorCode.NotFound, "ApplicationNotFound",
                    "The application does not exist; create a new one (POST applications).");
        }
        if (!app.isActive()) {
            throw new UcwaException(ErrorCode.Gone, "InactiveApplicationExpired",
                    "The application expired because its event channel was idle; create a new one.");
        }
        return app;
    }

    /** Active applications (call under the registry lock). */
    public int activeCount() {
        return (int) byId.values().stream().filter(Application::isActive).count();
    }

    public Application find(String appId) {
        return byId.get(appId);
    }

    /** Reads the caller's application under the lock (for GETs). */
    public Application get(String userAddress, String appId) {
        return registry.read(() -> require(userAddress, appId));
    }

    public List<Application> ofUser(String address) {
        List<Application> out = new ArrayList<>();
        for (Application a : byUser.getOrDefault(address, List.of())) {
            if (a.isActive()) {
                out.add(a);
            }
        }
        return out;
    }

    private void index(Application a) {
        byId.put(a.id(), a);
        byUser.computeIfAbsent(a.userAddress(), k -> new ArrayList<>()).add(a);
    }

    private void unindex(Application a) {
        byId.remove(a.id());
        List<Application> list = byUser.get(a.userAddress());
        if (list != null) {
            list.remove(a);
            if (list.isEmpty()) {
                byUser.remove(a.userAddress());
            }
        }
    }

    public void delete(String userAddress, String appId) {
        registry.mutate(tx -> {
            Application app = require(userAddress, appId);
            end(tx, app);
            unindex(app);
            store.delete(tx.batch(), app.id());
            channels.close(tx, app.id(), new UcwaException(ErrorCode.NotFound, "ApplicationNotFound",
                    "The application was deleted."));
            announcePresence(tx, app.userAddress());
            return null;
        });
    }

    /**
     * Ends every application of this user created before {@code before}, because the user's credentials were
     * revoked (password changed, user removed): their conversations end, a parked poll is answered 404
     * ApplicationNotFound, and the ids are forgotten, so a user added again under the same address never sees
     * them. Applications created after {@code before} (signed in with the new password) stay.
     */
    public void revoke(Tx tx, String userAddress, Instant before) {
        List<Application> revoked = new ArrayList<>();
        for (Application a : byUser.getOrDefault(userAddress, List.of())) {
            if (a.createdAt().isBefore(before)) {
                revoked.add(a);
            }
        }
        for (Application app : revoked) {
            boolean wasActive = app.isActive();
            if (wasActive) {
                end(tx, app);
            }
            unindex(app);
            store.delete(tx.batch(), app.id());
            if (wasActive) {
                channels.close(tx, app.id(), new UcwaException(ErrorCode.NotFound, "ApplicationNotFound",
                        "The application ended because the user's credentials changed; sign in again."));
            }
        }
        if (!revoked.isEmpty()) {
            announcePresence(tx, userAddress);
        }
    }

    public void pollSeen(Tx tx, Application app) {
        app.pollSeen(tx.now());
    }

    public void makeMeAvailable(String userAddress, String appId, List<String> modalities, List<String> formats,
                                String signInAs) {
        registry.mutate(tx -> {
            Application app = require(userAddress, appId);
            if (app.isAvailable()) {
                throw UcwaException.conflict("AlreadyExists", "makeMeAvailable was already called for this application.");
            }
            String preferred = signInAs == null || signInAs.isBlank() ? null : Availability.settable(signInAs);
            List<String> mods = modalities.isEmpty() ? List.of("Messaging") : modalities;
            List<String> fmts = new ArrayList<>(List.of("Plain"));
            if (formats.stream().anyMatch(f -> f.equalsIgnoreCase("Html"))) {
                fmts.add("Html");
            }
            app.makeAvailable(mods, fmts, tx.now());
            store.save(tx.batch(), app);
            if (preferred != null) {
                presences.save(tx, presences.of(userAddress).withPreferred(preferred));
            }
            channels.publish(tx, Notice.of(app.id(), new Notice.Me(app), Notice.Change.updated));
            channels.publish(tx, Notice.of(app.id(), new Notice.Presence(app), Notice.Change.added));
            channels.publish(tx, Notice.of(app.id(), new Notice.Note(app), Notice.Change.added));
            channels.publish(tx, Notice.of(app.id(), new Notice.Location(app), Notice.Change.added));
            channels.publish(tx, Notice.of(app.id(), new Notice.Communication(app), Notice.Change.updated));
            announcePresence(tx, userAddress);
            return null;
        });
    }

    /** An application that is not available yet may not read or set presence, note or location. */
    public Application requireAvailable(String userAddress, String appId) {
        Application app = require(userAddress, appId);
        if (!app.isAvailable()) {
            throw UcwaException.conflict("MakeMeAvailableRequired", "Call makeMeAvailable first.");
        }
        return app;
    }

    public void setPresence(String userAddress, String appId, String availability) {
        registry.mutate(tx -> {
            requireAvailable(userAddress, appId);
            String preferred = availability == null || availability.isBlank() ? null : Availability.settable(availability);
            presences.save(tx, presences.of(userAddress).withPreferred(preferred));
            announcePresence(tx, userAddress);
            return null;
        });
    }

    public void setNote(String userAddress, String appId, String message) {
        registry.mutate(tx -> {
            requireAvailable(userAddress, appId);
            presences.save(tx, presences.of(userAddress).withNote(message == null ? "" : message));
            announce(tx, userAddress, Notice.Note::new);
            return null;
        });
    }

    public void setLocation(String userAddress, String appId, String location) {
        if (location != null && location.length() > 60) {
            throw UcwaException.badRequest("ParameterValidationFailure", "location is limited to 60 characters.");
        }
        registry.mutate(tx -> {
            requireAvailable(userAddress, appId);
            presences.save(tx, presences.of(userAddress).withLocation(location == null ? "" : location));
            announce(tx, userAddress, Notice.Location::new);
            return null;
        });
    }

    public void reportActivity(String userAddress, String appId) {
        registry.mutate(tx -> {
            Application app = requireAvailable(userAddress, appId);
            app.reportActivity(tx.now());
            store.save(tx.batch(), app);
            announcePresence(tx, userAddress);
            return null;
        });
    }

    public UserPresence presenceOf(String address) {
        return presences.of(address);
    }

    public String availabilityOf(String address, Instant now) {
        return presences.availability(address, ofUser(address), now);
    }

    public String chosenAvailabilityOf(String address, Instant now) {
        return presences.chosen(address, ofUser(address), now);
    }

    /**
     * Expires idle applications, forgets old tombstones, and announces presence that went idle
     * (called by the sweeper).
     */
    public void sweep(Tx tx) {
        Instant now = tx.now();
        List<Application> expired = new ArrayList<>();
        for (Application app : byId.values()) {
            if (app.isActive()) {
                Instant last = app.hasPolled()
                        ? later(app.lastPollAt(), Instant.ofEpochMilli(channels.lastAnsweredMillis(app.id(), now.toEpochMilli())))
                        : app.createdAt();
                var timeout = app.hasPolled() ? limits.idleTimeout() : limits.initialIdleTimeout();
                if (!channels.hasParkedPoll(app.id()) && !last.plus(timeout).isAfter(now)) {
                    expired.add(app);
                }
            } else if (app.expiredAt().plus(limits.tombstoneRetention()).isBefore(now)) {
                expired.add(app);
            }
        }
        for (Application app : expired) {
            if (app.isActive()) {
                end(tx, app);
                app.expire(now);
                store.save(tx.batch(), app);
                channels.close(tx, app.id(), new UcwaException(ErrorCode.Gone, "InactiveApplicationExpired",
                        "The application expired because its event channel was idle."));
                announcePresence(tx, app.userAddress());
            } else {
                unindex(app);
                store.delete(tx.batch(), app.id());
            }
        }
        // Automatic presence turns Away when activity stops: announce such changes too.
        for (String user : List.copyOf(byUser.keySet())) {
            announcePresence(tx, user);
        }
    }

    private void end(Tx tx, Application app) {
        teardown.accept(tx, app);
    }

    /** Sends a presence update to the user's available applications when the aggregate changed. */
    private void announcePresence(Tx tx, String userAddress) {
        String now = presences.chosen(userAddress, ofUser(userAddress), tx.now());
        String before = lastAnnounced.put(userAddress, now);
        if (before != null && !Objects.equals(before, now)) {
            announce(tx, userAddress, Notice.Presence::new);
        }
    }

    private void announce(Tx tx, String userAddress, java.util.function.Function<Application, Notice.Subject> subject) {
        for (Application a : ofUser(userAddress)) {
            if (a.isAvailable()) {
                channels.publish(tx, Notice.of(a.id(), subject.apply(a), Notice.Change.updated));
            }
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : (a.isAfter(b) ? a : b);
    }

    private String newId() {
        String id;
        do {
            // 18 digits: ids must be unique across every routing group, which each check only their own.
            id = Long.toString(100_000_000_000_000_000L + (random.nextLong() & Long.MAX_VALUE) % 900_000_000_000_000_000L);
        } while (byId.containsKey(id));
        return id;
    }
}
