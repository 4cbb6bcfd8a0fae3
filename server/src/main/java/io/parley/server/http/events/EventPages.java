package io.parley.server.http.events;

import io.parley.server.core.events.EventPackage;
import io.parley.server.core.events.QueuedEvent;
import io.parley.server.http.JsonText;
import io.parley.server.http.Links;

/**
 * Writes an event package as the events answer: {@code self} and {@code next} links and the sender
 * blocks. Consecutive events of one sender share a block; the same sender appears again when another
 * came between, which keeps the global order (protocol sheet §5.2). {@code "sender": []} when empty.
 */
public final class EventPages {
    private EventPages() {}

    public static String page(EventPackage pkg) {
        String app = pkg.appId();
        StringBuilder out = new StringBuilder(256 + pkg.events().size() * 512);
        out.append("{\"_links\":{\"self\":{\"href\":").append(JsonText.quote(Links.events(app, pkg.number())))
                .append("},\"next\":{\"href\":").append(JsonText.quote(Links.events(app, pkg.number() + 1)))
                .append("}},\"sender\":[");
        String currentRel = null;
        String currentHref = null;
        boolean firstBlock = true;
        boolean firstEvent = true;
        for (QueuedEvent e : pkg.events()) {
            if (!e.senderRel().equals(currentRel) || !e.senderHref().equals(currentHref)) {
                if (!firstBlock) {
                    out.append("]},");
                }
                firstBlock = false;
                firstEvent = true;
                currentRel = e.senderRel();
                currentHref = e.senderHref();
                out.append("{\"rel\":").append(JsonText.quote(currentRel))
                        .append(",\"href\":").append(JsonText.quote(currentHref))
                        .append(",\"events\":[");
            }
            if (!firstEvent) {
                out.append(',');
            }
            firstEvent = false;
            out.append(e.body());
        }
        if (!firstBlock) {
            out.append("]}");
        }
        return out.append("]}").toString();
    }

    public static String resync(String appId, long ack) {
        return "{\"_links\":{\"resync\":{\"href\":" + JsonText.quote(Links.events(appId, ack)) + "}}}";
    }
}
