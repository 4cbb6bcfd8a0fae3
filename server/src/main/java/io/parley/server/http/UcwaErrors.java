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
    public record Failure(int status, UcwaError error) {}

    public static void render(Context ctx, Throwable error) {
        if (Exchanges.gone(ctx)) {
            log.debug("No answer for a request whose client is gone: {}", error.toString());
            return;
        }
        Failure f = of(error, ctx.method().name(), ctx.path());
        write(ctx, f.status(), f.error());
    }

    /** How {@code error}, raised while serving {@code method path}, is answered; an unexpected one is logged. */
    public static Failure of(Throwable error, String method, String path) {
        if (error instanceof UcwaException e) {
            return new Failure(e.code().status(), e.toError());
        }
        if (error instanceof io.parley.protocol.InputBag.MalformedInputException e) {
            return new Failure(400, UcwaError.of(ErrorCode.BadRequest, "ParameterValidationFailure", e.getMessage()));
        }
        log.error("Unexpected failure on {} {}: answered 500; please report it", method, path, error);
        return new Failure(500, UcwaError.of(ErrorCode.ServiceFailure, null,
                "The server failed to handle the request; nothing was changed by it unless it succeeded."));
    }

    /**
     * For answers Javalin produced itself (no route: 404; route with another method: 405). A UCWA error a
     * handler already wrote is left alone.
     */
    public static void fallback(Context ctx, int status) {
        if (Exchanges.gone(ctx) || ctx.attribute(WRITTEN) != null) {
            return;
        }
        if (status == 405) {
            write(ctx, 405, UcwaError.of(ErrorCode.MethodNotAllowed, null,
                    ctx.method() + " is not allowed on this resource."));
        } else {
            write(ctx, 404, UcwaError.of(ErrorCode.NotFound, "ResourceNotFound", "There is no resource at this path."));
        }
    }

    private static final String WRITTEN = "parley.error.written";

    public static void write(Context ctx, int status, UcwaError error) {
        ctx.attribute(WRITTEN, Boolean.TRUE);
        ctx.status(status);
        ctx.contentType(io.parley.protocol.UcwaJson.CONTENT_TYPE);
        ctx.result(error.toJson());
    }
}
