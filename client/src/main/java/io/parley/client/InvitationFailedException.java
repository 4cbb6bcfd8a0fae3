package io.parley.client;

/**
 * The invitation ended without a conversation: declined, not answered in time, an unknown or unreachable
 * recipient, or cancelled. {@link #subcode()} tells which (e.g. {@code Declined}, {@code Timeout},
 * {@code DestinationNotFound}, {@code Unreachable}, {@code Canceled}).
 */
public final class InvitationFailedException extends UcwaException {
    private final String state;

    public InvitationFailedException(String state, String code, String subcode, String message) {
        super(0, code, subcode, message);
        this.state = state;
    }

    /** The invitation's final state as the server said it ({@code Declined}, {@code Failed}, {@code Cancelled}). */
    public String state() {
        return state;
    }

    public boolean isDeclined() {
        return "Declined".equalsIgnoreCase(subcode()) || "Declined".equalsIgnoreCase(state);
    }

    public boolean isTimeout() {
        return "Timeout".equalsIgnoreCase(code()) || "Timeout".equalsIgnoreCase(subcode()) || "NoAnswer".equalsIgnoreCase(subcode());
    }

    public boolean isUnreachable() {
        return "DestinationNotFound".equalsIgnoreCase(subcode()) || "Unreachable".equalsIgnoreCase(subcode())
                || "NotFound".equalsIgnoreCase(code());
    }
}
