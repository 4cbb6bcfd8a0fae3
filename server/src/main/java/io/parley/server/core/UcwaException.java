package io.parley.server.core;

import io.parley.protocol.ErrorCode;
import io.parley.protocol.UcwaError;

/**
 * A request the core refuses: carries the UCWA code, subcode and message. The HTTP layer turns it into the
 * error body and status with one exception mapper; nothing else needs to know about statuses.
 */
public final class UcwaException extends RuntimeException {
    private final ErrorCode code;
    private final String subcode;
    private final long retryAfterSeconds;

    public UcwaException(ErrorCode code, String subcode, String message) {
        this(code, subcode, message, 0);
    }

    /** A refusal that may succeed if repeated later: answered with {@code Retry-After: retryAfterSeconds}. */
    public UcwaException(ErrorCode code, String subcode, String message, long retryAfterSeconds) {
        super(message);
        this.code = code;
        this.subcode = subcode;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static UcwaException notFound(String message) {
        return new UcwaException(ErrorCode.NotFound, "ResourceNotFound", message);
    }

    public static UcwaException badRequest(String subcode, String message) {
        return new UcwaException(ErrorCode.BadRequest, subcode, message);
    }

    public static UcwaException conflict(String subcode, String message) {
        return new UcwaException(ErrorCode.Conflict, subcode, message);
    }

    public static UcwaException missingParameter(String name) {
        return badRequest("ParameterValidationFailure", "The required parameter '" + name + "' is missing.");
    }

    public ErrorCode code() {
        return code;
    }

    public String subcode() {
        return subcode;
    }

    /** Seconds for the Retry-After header, or 0 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public UcwaError toError() {
        return UcwaError.of(code, subcode, getMessage());
    }
}
