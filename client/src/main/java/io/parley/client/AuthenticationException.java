package io.parley.client;

/** Sign-in failed: wrong user name or password, or the server offers no password grant. */
public final class AuthenticationException extends UcwaException {
    public AuthenticationException(String message) {
        super(400, "invalid_grant", null, message);
    }
}
