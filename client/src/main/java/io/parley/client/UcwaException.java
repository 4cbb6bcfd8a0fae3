package io.parley.client;

/**
 * A UCWA server refused something, or could not be reached: the HTTP status (0 when there was no answer)
 * and the UCWA error's {@code code}, {@code subcode} and {@code message} when the server sent one.
 */
public class UcwaException extends RuntimeException {
    private final int status;
    private final String code;
    private final String subcode;

    public UcwaException(int status, String code, String subcode, String message) {
        super(message == null ? code + (subcode == null ? "" : "/" + subcode) : message);
        this.status = status;
        this.code = code;
        this.subcode = subcode;
    }

    public UcwaException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.code = null;
        this.subcode = null;
    }

    /** HTTP status, or 0 when the server did not answer. */
    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String subcode() {
        return subcode;
    }
}
