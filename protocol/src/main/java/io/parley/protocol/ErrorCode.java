package io.parley.protocol;

/** UCWA error {@code code} values with their HTTP status (protocol sheet §9.2). */
public enum ErrorCode {
    BadRequest(400),
    Forbidden(403),
    NotFound(404),
    MethodNotAllowed(405),
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
}
