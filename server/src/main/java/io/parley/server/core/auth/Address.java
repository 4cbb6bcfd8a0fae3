package io.parley.server.core.auth;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A user's address, {@code alice@example.com}; its SIP URI is {@code sip:alice@example.com}. Stored and
 * compared in lower case, so {@code sip:Alice@Example.com} and {@code alice@example.com} are one user.
 */
public final class Address {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9._%+'-]+@[a-z0-9-]+(\\.[a-z0-9-]+)*");

    private Address() {}

    /** Normalizes {@code sip:alice@example.com} or {@code alice@example.com}; empty if it is neither. */
    public static Optional<String> parse(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String s = input.trim();
        if (s.regionMatches(true, 0, "sip:", 0, 4)) {
            s = s.substring(4);
        }
        s = s.toLowerCase(Locale.ROOT);
        return SHAPE.matcher(s).matches() ? Optional.of(s) : Optional.empty();
    }

    public static String sipUri(String address) {
        return "sip:" + address;
    }

    public static String localPart(String address) {
        return address.substring(0, address.indexOf('@'));
    }
}
