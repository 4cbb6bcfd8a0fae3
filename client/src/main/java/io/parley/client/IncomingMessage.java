package io.parley.client;

import java.time.Instant;

/**
 * An IM someone sent: who, when, the text, and the HTML when it was sent as HTML ({@code null} otherwise;
 * {@link #text()} is always there, as plain text).
 */
public record IncomingMessage(Conversation conversation, String fromUri, String fromName, Instant timestamp, String text,
                              String html) {
    public boolean isHtml() {
        return html != null;
    }
}
