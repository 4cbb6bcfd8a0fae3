package io.parley.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parley.protocol.UcwaJson;

/** A JSON string literal for hand-assembled answers (event pages, challenges). */
public final class JsonText {
    private JsonText() {}

    public static String quote(String value) {
        try {
            return UcwaJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
