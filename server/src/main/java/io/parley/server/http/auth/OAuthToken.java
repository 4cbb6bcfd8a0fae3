package io.parley.server.http.auth;

import io.javalin.http.Context;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.UcwaJson;
import io.parley.server.core.UcwaException;
import io.parley.server.core.auth.Accounts;
import io.parley.server.http.Bodies;
import io.parley.server.http.Services;
import io.parley.server.http.UcwaErrors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * POST /WebTicket/oauthtoken (protocol sheet §1.4): the password grant. COMPAT: form-encoded with any
 * charset spelling or multipart; unknown fields ignored; usernames in three shapes (tolerances,
 * "Token endpoint"). The body is at most {@link #MAX_FORM_BYTES}, read into memory (413 past that).
 *
 * <p>Errors are OAuth's {@code {"error": ...}} with 400, as the protocol sheet documents, and carry the UCWA
 * error fields ({@code code}, {@code subcode}, {@code message}) beside it, so that every error answer of the
 * server is a UCWA error (docs/protocol-decisions.md). Throttled and busy sign-ins are 429 and 503 with
 * Retry-After, answered after a second's delay (a tarpit).
 */
public final class OAuthToken {
    /** A token form is a few fields of a few dozen bytes; 8 KiB leaves room for long passwords. */
    public static final int MAX_FORM_BYTES = 8 * 1024;
    private static final java.time.Duration REFUSAL_DELAY = java.time.Duration.ofSeconds(1);
    private final Services s;
    private final Bodies bodies = new Bodies(MAX_FORM_BYTES);

    public OAuthToken(Services s) {
        this.s = s;
    }

    public void post(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
        Map<String, String> form;
        try {
            form = form(ctx);
        } catch (TokenForm.MalformedFormException e) {
            error(ctx, "invalid_request", "DeserializationFailure", e.getMessage());
            return;
        }
        String grantType = form.get("grant_type");
        if (grantType == null) {
            error(ctx, "invalid_request", "ParameterValidationFailure", "grant_type is required.");
            return;
        }
        if (!grantType.equals("password")) {
            error(ctx, "unsupported_grant_type", "ParameterValidationFailure", "Parley supports grant_type=password.");
            return;
        }
        if (form.get("username") == null || form.get("password") == null) {
            error(ctx, "invalid_request", "ParameterValidationFailure", "username and password are required.");
            return;
        }
        Optional<Accounts.Grant> grant;
        try {
            grant = s.accounts().grant(form.get("username"), form.get("password"), ctx.ip());
        } catch (UcwaException refused) {
            tarpit(refused);
            throw refused;
        }
        if (grant.isEmpty()) {
            error(ctx, "invalid_grant", "InvalidGrant", "The user name or password is incorrect.");
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", grant.get().accessToken());
        body.put("expires_in", grant.get().expiresInSeconds());
        body.put("ms_rtc_identityscope", "local");
        body.put("token_type", "Bearer");
        ctx.status(200).contentType(UcwaJson.CONTENT_TYPE).result(write(body));
    }

    /**
     * Holds a throttled or busy answer for {@link #REFUSAL_DELAY} before sending it. An attacker who ignores
     * Retry-After and asks again at once otherwise gets thousands of cheap refusals a second, and answering
     * them (and his own asking, when he shares the host) is what then slows everyone else; held, each of his
     * connections asks once a second. Costs nothing but a parked virtual thread (handlers run on them).
     */
    private static void tarpit(UcwaException refused) {
        if (refused.retryAfterSeconds() > 0) {
            try {
                Thread.sleep(REFUSAL_DELAY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Map<String, String> form(Context ctx) {
        byte[] body = bodies.bytes(ctx);
        String type = Bodies.mediaType(ctx);
        if (type != null && type.startsWith("multipart/")) {
            return TokenForm.multipart(body, Bodies.rawContentType(ctx));
        }
        return TokenForm.urlEncoded(body);
    }

    private static void error(Context ctx, String oauthError, String subcode, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", oauthError);
        body.put("error_description", description);
        body.put("code", ErrorCode.BadRequest.name());
        body.put("subcode", subcode);
        body.put("message", description);
        UcwaErrors.markWritten(ctx);
        ctx.status(400).contentType(UcwaJson.CONTENT_TYPE).result(write(body));
    }

    private static String write(Object body) {
        try {
            return UcwaJson.mapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
