package io.parley.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One HAL link: {@code {"href": ..., "title": ...}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Link(String href, String title) {
    public static Link to(String href) {
        return new Link(href, null);
    }
}
