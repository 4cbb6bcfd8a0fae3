package io.parley.server.core.events;

/** Turns a notice into the UCWA event object (implemented by the HTTP layer, which owns URL shapes). */
public interface NoticeRenderer {
    RenderedEvent render(Notice notice);
}
