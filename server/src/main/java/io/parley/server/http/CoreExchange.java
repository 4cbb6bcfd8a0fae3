package io.parley.server.http;

import io.parley.protocol.UcwaJson;
import io.parley.server.core.auth.User;
import io.parley.server.http.discovery.Discovery;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What the fast paths ({@code EventChannelFastPath}, {@code SendMessageFastPath}) share on Jetty's core API:
 * the caller, the path segments they accept, and answers spelled exactly as {@link Replies} and
 * {@link UcwaErrors} spell them on the Javalin routes.
 */
public final class CoreExchange {
    private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, UcwaJson.CONTENT_TYPE);
    private static final HttpField NO_CACHE = new HttpField(HttpHeader.CACHE_CONTROL, "no-cache");

    private CoreExchange() {}

    /** The user of the request's bearer token, or empty (the Javalin route then answers the challenge). */
    public static Optional<User> caller(Services s, Request request) {
        return s.accounts().authenticate(Discovery.bearer(request.getHeaders().get(HttpHeader.AUTHORIZATION)));
    }

    /** A path segment a fast path takes as an id: not empty, no slash, no escape, no path parameter. */
    public static boolean plainSegment(String segment) {
        if (segment == null || segment.isEmpty()) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '/' || c == '%' || c == ';') {
                return false;
            }
        }
        return true;
    }

    /** 200 with JSON and {@code Cache-Control: no-cache}, as {@link Replies#json}. */
    public static void page(Response response, Callback callback, String json) {
        json(response, callback, 200, json, true);
    }

    /** A UCWA error body, as {@link UcwaErrors#write}. */
    public static void error(Response response, Callback callback, UcwaErrors.Failure failure) {
        if (failure.retryAfterSeconds() > 0) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(failure.retryAfterSeconds()));
        }
        json(response, callback, failure.status(), failure.error().toJson(), false);
    }

    /** 201 with a Location, no body and no Content-Type, as {@link Replies#created}. */
    public static void created(Response response, Callback callback, String location) {
        response.setStatus(201);
        response.getHeaders().put(HttpHeader.LOCATION, location);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
        response.write(true, ByteBuffer.allocate(0), callback);
    }

    private static void json(Response response, Callback callback, int status, String json, boolean noCache) {
        try {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            response.setStatus(status);
            if (noCache) {
                response.getHeaders().put(NO_CACHE);
            }
            response.getHeaders().put(JSON);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
        } catch (RuntimeException e) {
            callback.failed(e); // the client is gone; an answered event package stays for its retry
        }
    }
}
