package io.parley.server.http.messaging;

import io.parley.protocol.ErrorCode;
import io.parley.server.core.UcwaException;
import io.parley.server.core.auth.User;
import io.parley.server.http.Bodies;
import io.parley.server.http.Links;
import io.parley.server.http.Services;

/**
 * sendMessage itself (protocol sheet §7), for both of its HTTP paths: the Javalin route in
 * {@link MessagingResource} and {@link SendMessageFastPath}. Checks the type, reads the body, sends, and
 * returns the new message's Location. COMPAT: the body is text/plain or text/html with or without a charset,
 * and a missing Content-Type means text/plain (tolerances, "sendMessage").
 */
final class SendMessage {
    /** Reads the request body when asked: only after the Content-Type passed (415 before 413). */
    interface Body {
        byte[] read();
    }

    private final Services s;

    SendMessage(Services s) {
        this.s = s;
    }

    String send(User user, String app, String conversation, String contentType, Body body, String operationId) {
        String type = Bodies.mediaType(contentType);
        boolean html;
        if (type == null || type.equals("text/plain")) {
            html = false;
        } else if (type.equals("text/html")) {
            html = true;
        } else {
            throw new UcwaException(ErrorCode.UnsupportedMediaType, "UnsupportedMediaType",
                    "Send the message as text/plain or text/html; got " + type + ".");
        }
        String text = new String(body.read(), Bodies.charset(contentType));
        if (text.isEmpty()) {
            throw UcwaException.badRequest("ParameterValidationFailure", "The message is empty.");
        }
        int number = s.group(user).messaging().send(user, app, conversation, text, html, operationId);
        s.metrics().messageSent();
        return Links.message(app, conversation, number);
    }
}
