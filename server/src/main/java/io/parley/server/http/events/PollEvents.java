package io.parley.server.http.events;

import io.javalin.http.Context;
import io.parley.server.core.UcwaException;
import io.parley.server.core.auth.User;
import io.parley.server.core.events.PollOutcome;
import io.parley.server.http.Caller;
import io.parley.server.http.Exchanges;
import io.parley.server.http.Replies;
import io.parley.server.http.Services;
import io.parley.server.http.UcwaErrors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;

/**
 * GET .../events?ack=N (protocol sheet §5): the event channel. The request parks as a future (no thread
 * is held) until events are due or the timeout passes. A replaced poll gets 409 PGetReplaced; an
 * application that goes away while parked gets its 404/410.
 *
 * <p>Two HTTP paths share this class: {@link EventChannelFastPath}, which serves the plain, well-formed
 * request on Jetty directly (two of the three requests every IM costs), and the Javalin route, which serves
 * everything else (odd spellings of the path, a missing or bad token) exactly as any other resource.
 */
public final class PollEvents {
    private final Services s;

    public PollEvents(Services s) {
        this.s = s;
    }

    /** What a poll answers: 200 with an event page (or resync page), or a UCWA error. */
    record Reply(String page, UcwaErrors.Failure failure) {}

    public void poll(Context ctx) {
        User user = Caller.user(ctx);
        String appId = Caller.app(ctx);
        long ack = ack(ctx.queryParam("ack"));
        Started started = start(user, appId, ack, seconds(ctx.queryParam("timeout"), "timeout"),
                seconds(ctx.queryParam("medium"), "medium"), seconds(ctx.queryParam("low"), "low"), endPoint(ctx));
        ctx.future(() -> started.outcome().handle((result, error) -> {
            started.disarm();
            try {
                answer(ctx, reply(result, error, ctx.path()));
            } catch (RuntimeException e) {
                if (!Exchanges.gone(ctx)) {
                    throw e;
                } // else the client hung up meanwhile; an answered package stays for its retry
            }
            return null;
        }));
    }

    /**
     * A started poll: its outcome, and the watch on its connection ({@link HangUpWatch}), which must be
     * disarmed before the outcome is written.
     */
    record Started(CompletableFuture<PollOutcome> outcome, HangUpWatch watch) {
        static Started failed(RuntimeException e) {
            return new Started(CompletableFuture.failedFuture(e), null);
        }

        void disarm() {
            if (watch != null) {
                watch.disarm();
            }
        }
    }

    /**
     * Starts a poll: the outcome completes once it is durable, or when the parked poll is answered, replaced or
     * its application goes away, or its client (on {@code endPoint}) hangs up while it is parked.
     */
    Started start(User user, String appId, long ack, Integer timeout, Integer medium, Integer low, EndPoint endPoint) {
        var group = s.group(user);
        CompletableFuture<CompletableFuture<PollOutcome>> parked = group.registry().mutateAsync(tx -> {
            var app = group.applications().require(user.address(), appId);
            group.applications().pollSeen(tx, app);
            return group.channels().poll(tx, app.id(), ack, timeout, medium, low);
        });
        HangUpWatch watch = HangUpWatch.of(endPoint);
        if (watch != null) {
            parked.thenAccept(answer -> {
                if (!answer.isDone()) {
                    watch.arm(() -> group.registry().mutateAsync(tx -> {
                        group.channels().abandon(tx, appId, answer);
                        return null;
                    }));
                }
            });
        }
        return new Started(parked.thenCompose(f -> f), watch);
    }

    /** The connection's endpoint under a Javalin request, or null when there is none to watch. */
    private static EndPoint endPoint(Context ctx) {
        try {
            return ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData().getConnection()
                    .getEndPoint();
        } catch (RuntimeException e) {
            return null;
        }
    }

    Reply reply(PollOutcome result, Throwable error, String path) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            return new Reply(null, UcwaErrors.of(cause, "GET", path));
        }
        return switch (result) {
            case PollOutcome.Package p -> {
                s.metrics().eventAnswer();
                yield new Reply(EventPages.page(p.events()), null);
            }
            case PollOutcome.Resync r -> new Reply(EventPages.resync(r.appId(), r.ack()), null);
            case PollOutcome.Replaced r -> new Reply(null, UcwaErrors.of(UcwaException.conflict("PGetReplaced",
                    "A newer events request replaced this one."), "GET", path));
        };
    }

    private static void answer(Context ctx, Reply reply) {
        if (Exchanges.gone(ctx)) {
            return;
        }
        if (reply.page() != null) {
            Replies.json(ctx, reply.page());
        } else {
            UcwaErrors.write(ctx, reply.failure());
        }
    }

    /** The {@code ack} parameter (-1 when absent: the channel then resyncs the client). */
    static long ack(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw UcwaException.badRequest("ParameterValidationFailure", "ack must be a number; follow the next link.");
        }
    }

    /** A {@code timeout}, {@code medium} or {@code low} parameter, or null when absent. */
    static Integer seconds(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw UcwaException.badRequest("ParameterValidationFailure", name + " must be a number of seconds.");
        }
    }
}
