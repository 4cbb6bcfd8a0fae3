package io.parley.server.http;

import io.parley.protocol.ErrorCode;
import io.parley.protocol.UcwaError;
import io.parley.protocol.UcwaJson;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answer to a request that Jetty itself refused, before or beside any Parley code: a request line or
 * header it could not parse (400), a URI or header block over the limit (414, 431), an ambiguous path, a
 * failure inside the servlet layer. Jetty's own page is HTML; UCWA clients tell a server's error from a
 * proxy's by its JSON body, so this answers every one of them as a UCWA error with the status Jetty chose
 * (protocol sheet §9.1).
 *
 * <p>Installed on the server and on the servlet context. The message says what was wrong, never echoing
 * the request (a hostile request line would otherwise be reflected).
 */
public final class ContainerErrors extends ErrorHandler {

    /** The UCWA error for a status Jetty chose. */
    static UcwaError errorFor(int status) {
        return UcwaError.of(ErrorCode.forStatus(status), subcode(status), message(status));
    }

    /** Jetty writes an error body only for GET, POST and HEAD; UCWA wants one for every method. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) {
        byte[] body = HttpMethod.HEAD.is(request.getMethod()) ? new byte[0]
                : errorFor(status).toJson().getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, UcwaJson.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** For a request too broken to become a request at all (Jetty answers it straight from the parser). */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, UcwaJson.CONTENT_TYPE);
        return ByteBuffer.wrap(errorFor(status).toJson().getBytes(StandardCharsets.UTF_8));
    }

    private static String subcode(int status) {
        return switch (status) {
            case 404 -> "ResourceNotFound";
            case 413 -> "EntityTooLarge";
            case 414 -> "UriTooLong";
            case 431 -> "HeadersTooLarge";
            case 505 -> "HttpVersionNotSupported";
            case 400 -> "BadRequest";
            default -> null;
        };
    }

    private static String message(int status) {
        return switch (status) {
            case 400 -> "The request is not well-formed HTTP (request line, header, path or encoding).";
            case 404 -> "There is no resource at this path.";
            case 405, 501 -> "This method is not allowed on this resource.";
            case 408 -> "The request did not arrive in time.";
            case 413 -> "The request body is too large.";
            case 414 -> "The request URI is too long.";
            case 431 -> "The request headers are too large.";
            case 505 -> "Use HTTP/1.1."; // the one 5xx a client can cause (RFC 9110 §15.6.6); code BadRequest
            default -> status >= 500 ? "The server failed to handle the request; repeat it later."
                    : "The request was refused (HTTP " + status + ").";
        };
    }
}
