package io.parley.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.protocol.UcwaJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finding the server and signing in, the way UCWA describes it (protocol sheet §1): from a domain try
 * {@code lyncdiscoverinternal.<domain>} then {@code lyncdiscover.<domain>}; follow {@code redirect} links;
 * GET the user resource, read the token URL from the 401 {@code MsRtcOAuth} challenge, use the password
 * grant, and GET the user resource again for the {@code applications} link.
 */
final class Discovery {
    private static final Pattern MSRTC = Pattern.compile("MsRtcOAuth\\s+href=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final int MAX_HOPS = 8;
    private final HttpClient http;
    private final String server;
    private final String username;
    private final String password;

    /** The result of signing in: the token and where applications are created. */
    record Signed(String token, URI userUrl, URI tokenUrl, URI applicationsUrl) {}

    Discovery(HttpClient http, String server, String username, String password) {
        this.http = http;
        this.server = server;
        this.username = username;
        this.password = password;
    }

    Signed signIn() {
        UcwaException last = null;
        for (URI start : candidates(server)) {
            try {
                return signInFrom(start);
            } catch (AuthenticationException e) {
                throw e;
            } catch (UcwaException e) {
                last = e;
            }
        }
        throw last != null ? last : new UcwaException(0, null, null, "No discovery URL to try for " + server);
    }

    /** A fresh token from the same token URL (after a 401 on a resource). */
    Signed signInAgain(Signed old) {
        String token = grant(old.tokenUrl());
        return new Signed(token, old.userUrl(), old.tokenUrl(), old.applicationsUrl());
    }

    private Signed signInFrom(URI start) {
        URI current = start;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            HttpResponse<String> r = get(current, null);
            if (r.statusCode() == 401) {
                return signInAtUser(current, r);
            }
            if (r.statusCode() != 200) {
                throw new UcwaException(r.statusCode(), null, null, "Discovery at " + current + " answered " + r.statusCode());
            }
            JsonNode links = json(r).path("_links");
            if (links.has("redirect")) {
                current = current.resolve(links.path("redirect").path("href").asText());
            } else if (links.has("user")) {
                current = current.resolve(links.path("user").path("href").asText());
            } else {
                throw new UcwaException(200, null, null, "Discovery at " + current + " has neither user nor redirect link");
            }
        }
        throw new UcwaException(0, null, null, "Too many discovery redirects from " + start);
    }

    private Signed signInAtUser(URI userUrl, HttpResponse<String> challenge) {
        URI current = userUrl;
        HttpResponse<String> unauthorized = challenge;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            URI tokenUrl = tokenUrl(current, unauthorized);
            String token = grant(tokenUrl);
            HttpResponse<String> user = get(current, token);
            if (user.statusCode() != 200) {
                throw new UcwaException(user.statusCode(), null, null, "The user resource refused the new token");
            }
            JsonNode links = json(user).path("_links");
            if (links.has("applications")) {
                return new Signed(token, current, tokenUrl, current.resolve(links.path("applications").path("href").asText()));
            }
            // Homed on another pool: follow redirect (or user) and sign in there (the token audience differs).
            String next = links.has("redirect") ? links.path("redirect").path("href").asText()
                    : links.path("user").path("href").asText(null);
            if (next == null) {
                throw new UcwaException(200, null, null, "The user resource has no applications link");
            }
            current = current.resolve(next);
            unauthorized = get(current, null);
            if (unauthorized.statusCode() == 200) {
                JsonNode redirect = json(unauthorized).path("_links");
                if (redirect.has("user")) {
                    current = current.resolve(redirect.path("user").path("href").asText());
                    unauthorized = get(current, null);
                }
            }
        }
        throw new UcwaException(0, null, null, "Too many user redirects");
    }

    private static URI tokenUrl(URI userUrl, HttpResponse<String> challenge) {
        for (String header : challenge.headers().allValues("WWW-Authenticate")) {
            Matcher m = MSRTC.matcher(header);
            if (m.find()) {
                return userUrl.resolve(m.group(1));
            }
        }
        throw new UcwaException(401, null, null, "The server sent no MsRtcOAuth challenge at " + userUrl);
    }

    private String grant(URI tokenUrl) {
        String form = "grant_type=password&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(tokenUrl).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> r = send(request);
        if (r.statusCode() == 200) {
            String token = json(r).path("access_token").asText(null);
            if (token != null) {
                return token;
            }
        }
        String error = r.statusCode() == 400 ? json(r).path("error").asText("") : "";
        if (error.equals("invalid_grant") || r.statusCode() == 400 || r.statusCode() == 401) {
            throw new AuthenticationException("Sign-in as " + username + " failed (" + (error.isEmpty() ? r.statusCode() : error) + ")");
        }
        throw new UcwaException(r.statusCode(), null, null, "The token endpoint answered " + r.statusCode());
    }

    private HttpResponse<String> get(URI uri, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UcwaException("Cannot reach " + request.uri() + ": " + reason(e)
                    + " (is the server running, and is --server right?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UcwaException("Interrupted while signing in", e);
        }
    }

    /** What went wrong, in words: several network exceptions carry no message of their own. */
    static String reason(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
            if (t instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (t instanceof java.net.http.HttpTimeoutException) {
                return "no answer in time";
            }
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
        }
        return e.getClass().getSimpleName();
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return UcwaJson.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new UcwaException(r.statusCode(), null, null, "Not a UCWA answer from " + r.uri());
        }
    }

    /** A URL is tried as given; a bare domain goes through lyncdiscoverinternal, then lyncdiscover. */
    static List<URI> candidates(String server) {
        List<URI> out = new ArrayList<>();
        if (server.contains("://")) {
            out.add(URI.create(server));
            return out;
        }
        String domain = server.trim();
        for (String scheme : new String[] {"https", "http"}) {
            out.add(URI.create(scheme + "://lyncdiscoverinternal." + domain + "/"));
            out.add(URI.create(scheme + "://lyncdiscover." + domain + "/"));
        }
        return out;
    }
}
