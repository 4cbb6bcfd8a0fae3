package io.parley.server.core.presence;

/**
 * What a user chose about presence, shared by all the user's applications: a preferred availability
 * ({@code null} = automatic), the personal note and the location.
 */
public record UserPresence(String address, String preferredAvailability, String note, String location) {
    public static UserPresence automatic(String address) {
        return new UserPresence(address, null, "", "");
    }

    public UserPresence withPreferred(String availability) {
        return new UserPresence(address, availability, note, location);
    }

    public UserPresence withNote(String text) {
        return new UserPresence(address, preferredAvailability, text, location);
    }

    public UserPresence withLocation(String text) {
        return new UserPresence(address, preferredAvailability, note, text);
    }
}
