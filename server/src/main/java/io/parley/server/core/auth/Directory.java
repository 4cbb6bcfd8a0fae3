package io.parley.server.core.auth;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read-side view of users for rendering and search: display names are cached for a minute so that
 * rendering an event (which happens under the core lock) never waits on the store more than once a
 * minute per user.
 */
public final class Directory {
    private static final long TTL_MILLIS = 60_000;
    private final UserStore users;
    private final ConcurrentHashMap<String, Name> names = new ConcurrentHashMap<>();

    private record Name(String value, long at) {}

    public Directory(UserStore users) {
        this.users = users;
    }

    public Optional<User> find(String address) {
        return users.find(address);
    }

    /** The display name, or the address itself for someone unknown. */
    public String displayName(String address) {
        long now = System.currentTimeMillis();
        Name cached = names.get(address);
        if (cached == null || now - cached.at() > TTL_MILLIS) {
            String value = users.find(address).map(User::displayName).filter(n -> !n.isBlank()).orElse(address);
            cached = new Name(value, now);
            if (names.size() > 100_000) {
                names.clear();
            }
            names.put(address, cached);
        }
        return cached.value();
    }

    /**
     * COMPAT: search queries arrive as {@code sip:alice@example.com}, {@code alice@example.com}, a display
     * name or part of one (tolerances, "people/search").
     */
    public List<User> search(String query, int limit) {
        String q = query == null ? "" : query.trim();
        if (q.regionMatches(true, 0, "sip:", 0, 4)) {
            q = q.substring(4);
        }
        if (q.isEmpty()) {
            return List.of();
        }
        return users.search(q, limit);
    }
}
