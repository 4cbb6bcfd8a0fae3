package io.parley.server.core.auth;

/** A user who can sign in: address ({@code alice@example.com}), display name and password hash. */
public record User(String address, String displayName, String passwordHash) {
    public String sipUri() {
        return Address.sipUri(address);
    }
}
