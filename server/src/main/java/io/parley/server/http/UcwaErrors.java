package io.parley.server.http;

import io.javalin.http.Context;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.UcwaError;
import io.parley.server.core.UcwaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become UCWA error bodies ({@code code}, {@code subcode}, {@code message})
 * with the matching status. Anything unexpected is logged and answered 500 ServiceFailure: it is a bug,
 * and the change it interrupted either committed whole or not at all.
 */
public final class UcwaErrors {
    private static final Logger log = LoggerFactory.getLogger(UcwaErrors.class);

    private UcwaErrors() {}

    /** A failure as UCWA answers it: the status and the error body. */
    public record Failure(int status, UcwaError error, long retryAfterSeconds) {
        public Failure(int status, UcwaError error) {
            this(status, error, 0);
        }
    }

    public static void render(Context ctx, Throwable error) {
        if (Exchanges.gone(ctx)) {
            log.debug("No answer for a request whose client is gone: {}", error.toString());
            return;
        }
        Failure f = of(error, ctx.method().name(), ctx.path());
        write(ctx, f);
    }

    /** How {@code error}, raised while serving {@code method path}, is answered; an unexpected one is logged. */
    public static Failure of(Throwable error, String method, String path) {
        if (error instanceof UcwaException e) {
            return new Failure(e.code().status(), e.toError(), e.retryAfterSeconds());
        }
        if (error instanceof io.parley.protocol.InputBag.MalformedInputException e) {
            return new Failure(400, UcwaError.of(ErrorCode.BadRequest, "ParameterValidationFailure", e.getMessage()));
        }
        if (error instanceof io.javalin.http.HttpResponseException e && e.getStatus() >= 400 && e.getStatus() < 500) {
            // Javalin refusing input it parses itself (a form, a query): the client's fault, not a bug
            return new Failure(e.getStatus(), ContainerErrors.errorFor(e.getStatus()));
        }
        log.error("Unexpected failure on {} {}: answered 500; please report it", method, path, error);
        return new Failure(500, UcwaError.of(ErrorCode.ServiceFailure, null,
                "The server failed to handle the request; nothing was changed by it unless it succeeded."));
    }

    /**
     * For error answers Javalin produced itself (no route: 404; route with another method: 405; a body over its
     * limit, a method it does not know). A UCWA error a handler already wrote is left alone.
     */
    public static void fallback(Context ctx, int status) {
        if (Exchanges.gone(ctx) || ctx.attribute(WRITTEN) != null) {
            return;
        }
        write(ctx, status, ContainerErrors.errorFor(status));
    }

    /** Statuses Javalin or the servlet layer may answer on their own; each gets {@link #fallback}. */
    static final int[] FALLBACK_STATUSES = {400, 403, 404, 405, 406, 408, 411, 413, 414, 415, 416, 417, 429, 431, 500,
            501, 503, 505};

    /** Marks an error answer written by a handler in its own shape (the token endpoint's OAuth body). */
    public static void markWritten(Context ctx) {
        ctx.attribute(WRITTEN, Boolean.TRUE);
    }

    private static final String WRITTEN = "parley.error.written";

    /** Writes a failure, with {@code Retry-After} when it says when to try again. */
    public static void write(Context ctx, Failure f) {
        if (f.retryAfterSeconds() > 0) {
            ctx.header("Retry-After", Long.toString(f.retryAfterSeconds()));
        }
        write(ctx, f.status(), f.error());
    }

    public static void write(Context ctx, int status, UcwaError error) {
        ctx.attribute(WRITTEN, Boolean.TRUE);
        ctx.status(status);
        ctx.contentType(io.parley.protocol.UcwaJson.CONTENT_TYPE);
        ctx.result(error.toJson());
    }
}
