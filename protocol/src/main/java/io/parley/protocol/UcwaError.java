package io.parley.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The UCWA error body: {@code {"code":..., "subcode":..., "message":...}}. Only {@code code} is mandatory
 * on the wire. The same shape is the {@code reason} of a failed operation in the event channel.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UcwaError(String code, String subcode, String message) {

    public static UcwaError of(ErrorCode code, String subcode, String message) {
        return new UcwaError(code.name(), subcode, message);
    }

    public String toJson() {
        try {
            return UcwaJson.mapper().writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
