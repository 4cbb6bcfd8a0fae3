package io.parley.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.protocol.UcwaJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Plain HTTP for tests: every call returns status, headers and body, nothing is hidden. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private Http() {}

    public record Response(int status, Map<String, List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return UcwaJson.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        public List<String> headerValues(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).toList();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public static Response send(String method, String url, String token, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.header("Accept", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Response get(String url, String token) {
        return send("GET", url, token, null, null);
    }

    public static Response post(String url, String token, String contentType, String body) {
        return send("POST", url, token, contentType, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static Response postJson(String url, String token, String json) {
        return post(url, token, "application/json", json);
    }

    public static Response delete(String url, String token) {
        return send("DELETE", url, token, null, null);
    }
}
