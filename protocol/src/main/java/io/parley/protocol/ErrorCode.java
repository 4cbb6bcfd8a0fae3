package io.parley.protocol;

/** UCWA error {@code code} values with their HTTP status (protocol sheet §9.2). */
public enum ErrorCode {
    BadRequest(400),
    Forbidden(403),
    NotFound(404),
    MethodNotAllowed(405),
    NotAcceptable(406),
    ClientTimeout(408),
    Conflict(409),
    Gone(410),
    PreconditionFailed(412),
    EntityTooLarge(413),
    UnsupportedMediaType(415),
    PreconditionRequired(428),
    TooManyRequests(429),
    ServiceFailure(500),
    ServiceUnavailable(503),
    Timeout(504),
    RemoteFailure(500),
    LocalFailure(500);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /**
     * The code for an HTTP status that a layer below the resources chose (the web container, the router, a
     * limit): the exact one where UCWA has it, else the nearest (414 and 431 are EntityTooLarge; any other 4xx
     * BadRequest, any other 5xx ServiceFailure).
     */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 403 -> Forbidden;
            case 404 -> NotFound;
            case 405, 501 -> MethodNotAllowed;
            case 406 -> NotAcceptable;
            case 408 -> ClientTimeout;
            case 409 -> Conflict;
            case 410 -> Gone;
            case 412 -> PreconditionFailed;
            case 413, 414, 431 -> EntityTooLarge;
            case 415 -> UnsupportedMediaType;
            case 428 -> PreconditionRequired;
            case 429 -> TooManyRequests;
            case 503 -> ServiceUnavailable;
            case 505 -> BadRequest; // the client's HTTP version: its fault, not the server's
            case 504 -> Timeout;
            default -> status >= 500 ? ServiceFailure : BadRequest;
        };
    }
}
