package io.parley.server.core.auth;

import java.util.List;
import java.util.Optional;

/**
 * Users live in the store only (no cache): the {@code parley user} commands change them while a server
 * runs on the same data directory, and the server must see that at once.
 */
public interface UserStore {
    Optional<User> find(String address);

    List<User> all();

    /** Users whose address or display name contains the text (case-insensitive), by address. */
    List<User> search(String text, int limit);

    /** Adds or replaces a user; returns true when the user is new. */
    boolean save(User user);

    /** Removes a user and the user's tokens; returns false when there was none. */
    boolean remove(String address);
}
