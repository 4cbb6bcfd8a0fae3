package io.parley.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.protocol.UcwaJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The signed-in HTTP session: resolves the server's hrefs against the UCWA origin, adds the bearer token,
 * and on a 401 signs in again once (tokens expire after hours) before giving up.
 */
final class Session {
    /** One answer: status, Location and body. */
    record Response(int status, String location, String contentType, String body) {
        JsonNode json() {
            try {
                return body == null || body.isBlank() ? UcwaJson.mapper().createObjectNode() : UcwaJson.mapper().readTree(body);
            } catch (IOException e) {
                throw new UcwaException(status, null, null, "The server's answer is not JSON: " + abbreviate(body));
            }
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The UCWA error this answer carries, for callers that treat it as a failure. */
        UcwaException error(String what) {
            String code = null;
            String subcode = null;
            String message = null;
            if (contentType != null && contentType.contains("json") && body != null && !body.isBlank()) {
                try {
                    JsonNode e = UcwaJson.mapper().readTree(body);
                    code = e.path("code").asText(null);
                    subcode = e.path("subcode").asText(null);
                    message = e.path("message").asText(null);
                } catch (IOException ignored) {
                    // not a UCWA error body
                }
            }
            return new UcwaException(status, code, subcode,
                    what + " failed: HTTP " + status + (message == null ? "" : " " + message));
        }

        private static String abbreviate(String s) {
            return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
        }
    }

    private final HttpClient http;
    private final Discovery discovery;
    private volatile Discovery.Signed signed;

    Session(HttpClient http, Discovery discovery, Discovery.Signed signed) {
        this.http = http;
        this.discovery = discovery;
        this.signed = signed;
    }

    URI applicationsUrl() {
        return signed.applicationsUrl();
    }

    /** An href from the server: absolute, or relative to the UCWA host. */
    URI resolve(String href) {
        return signed.applicationsUrl().resolve(href);
    }

    Response get(String href, Duration timeout) {
        return send("GET", href, null, null, timeout);
    }

    Response postJson(String href, String json) {
        return send("POST", href, "application/json", json, Duration.ofSeconds(60));
    }

    Response post(String href) {
        return send("POST", href, null, null, Duration.ofSeconds(60));
    }

    Response postText(String href, String contentType, String text) {
        return send("POST", href, contentType, text, Duration.ofSeconds(60));
    }

    Response delete(String href) {
        return send("DELETE", href, null, null, Duration.ofSeconds(60));
    }

    /** Sends with the token; a 401 gets one fresh sign-in and one retry. */
    Response send(String method, String href, String contentType, String body, Duration timeout) {
        Response r = sendOnce(method, href, contentType, body, timeout, signed.token());
        if (r.status() == 401) {
            signed = discovery.signInAgain(signed);
            r = sendOnce(method, href, contentType, body, timeout, signed.token());
        }
        return r;
    }

    private Response sendOnce(String method, String href, String contentType, String body, Duration timeout, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(resolve(href)).timeout(timeout)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
        try {
            HttpResponse<String> r = pending.get();
            return new Response(r.statusCode(), r.headers().firstValue("Location").orElse(null),
                    r.headers().firstValue("Content-Type").orElse(null), r.body());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new UcwaException("Interrupted while waiting for " + method + " " + href, e);
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new UcwaException("No answer from the server for " + method + " " + href + ": " + cause, cause);
        }
    }
}
