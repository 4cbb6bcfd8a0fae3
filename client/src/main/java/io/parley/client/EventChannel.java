package io.parley.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The event-channel loop of one application, on its own virtual thread. It follows {@code next} (or
 * {@code resync}, {@code resume}) verbatim and hands each answer to the dispatcher in order.
 *
 * <p>How it recovers:
 * <ul>
 *   <li>a transport error, or a 5xx: the same URL again, after a backoff that grows with repeated
 *       failures (the server keeps the package, so nothing is lost or doubled);</li>
 *   <li>404 or 410: the application is gone; a new one is created and the loop starts on its channel;</li>
 *   <li>409 PGetReplaced: another instance took the channel over, so this loop stops and says so.</li>
 * </ul>
 * A 401 is handled by {@link Session} (one fresh sign-in); if that fails too, the loop stops.
 */
final class EventChannel implements Runnable {
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1900);
    private final UcwaClient client;
    private final Consumer<JsonNode> dispatch;
    private volatile String next;
    private volatile boolean open = true;
    private volatile Thread thread;

    EventChannel(UcwaClient client, String first, Consumer<JsonNode> dispatch) {
        this.client = client;
        this.next = first;
        this.dispatch = dispatch;
    }

    void start() {
        thread = Thread.ofVirtual().name("ucwa-events").start(this);
    }

    void close() {
        open = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The URL the next poll will use (for tests and diagnostics). */
    String next() {
        return next;
    }

    void restartAt(String eventsHref) {
        this.next = eventsHref;
    }

    @Override
    public void run() {
        int failures = 0;
        while (open) {
            Session.Response r;
            try {
                r = client.session().get(next, POLL_TIMEOUT);
            } catch (UcwaException e) {
                if (!open || Thread.currentThread().isInterrupted()) {
                    return;
                }
                failures++;
                backoff(failures);
                continue;
            }
            if (r.status() == 200) {
                failures = 0;
                JsonNode page = r.json();
                JsonNode links = page.path("_links");
                if (links.has("resync")) {
                    next = links.path("resync").path("href").asText();
                    client.listener().onResync();
                    continue;
                }
                dispatch.accept(page);
                String follow = links.has("next") ? links.path("next").path("href").asText()
                        : links.path("resume").path("href").asText(null);
                if (follow == null) {
                    failures++;
                    backoff(failures);
                    continue;
                }
                next = follow;
            } else if (r.status() == 404 || r.status() == 410) {
                try {
                    next = client.recreateApplication();
                    client.listener().onApplicationRecreated();
                    failures = 0;
                } catch (UcwaException e) {
                    failures++;
                    backoff(failures);
                }
            } else if (r.status() == 409) {
                stop(r.error("events"));
                return;
            } else if (r.status() == 401) {
                stop(r.error("events (signing in again did not help)"));
                return;
            } else {
                failures++;
                backoff(failures);
            }
        }
    }

    private void stop(UcwaException reason) {
        open = false;
        client.listener().onChannelClosed(reason);
    }

    private void backoff(int failures) {
        long millis = Math.min(30_000, 100L << Math.min(failures, 9));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            open = false;
        }
    }
}
