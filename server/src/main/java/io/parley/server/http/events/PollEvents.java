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

/**
 * GET .../events?ack=N (protocol sheet §5): the event channel. The request parks as a future (no thread
 * is held) until events are due or the timeout passes. A replaced poll gets 409 PGetReplaced; an
 * application that goes away while parked gets its 404/410.
 */
public final class PollEvents {
    private final Services s;

    public PollEvents(Services s) {
        this.s = s;
    }

    public void poll(Context ctx) {
        User user = Caller.user(ctx);
        String appId = Caller.app(ctx);
        String ackParam = ctx.queryParam("ack");
        long ack;
        try {
            ack = ackParam == null ? -1 : Long.parseLong(ackParam.trim());
        } catch (NumberFormatException e) {
            throw UcwaException.badRequest("ParameterValidationFailure", "ack must be a number; follow the next link.");
        }
        Integer timeout = intParam(ctx, "timeout");
        Integer medium = intParam(ctx, "medium");
        Integer low = intParam(ctx, "low");
        CompletableFuture<PollOutcome> outcome = s.registry().mutateAsync(tx -> {
            var app = s.applications().require(user.address(), appId);
            s.applications().pollSeen(tx, app);
            return s.channels().poll(tx, app.id(), ack, timeout, medium, low);
        }).thenCompose(f -> f);
        ctx.future(() -> outcome.handle((result, error) -> {
            try {
                answer(ctx, result, error);
            } catch (RuntimeException e) {
                if (!Exchanges.gone(ctx)) {
                    throw e;
                } // else the client hung up meanwhile; an answered package stays for its retry
            }
            return null;
        }));
    }

    private void answer(Context ctx, PollOutcome result, Throwable error) {
        if (Exchanges.gone(ctx)) {
            return;
        }
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            UcwaErrors.render(ctx, cause);
            return;
        }
        switch (result) {
            case PollOutcome.Package p -> {
                s.metrics().eventAnswer();
                Replies.json(ctx, EventPages.page(p.events()));
            }
            case PollOutcome.Resync r -> Replies.json(ctx, EventPages.resync(r.appId(), r.ack()));
            case PollOutcome.Replaced r -> UcwaErrors.render(ctx, UcwaException.conflict("PGetReplaced",
                    "A newer events request replaced this one."));
        }
    }

    private static Integer intParam(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw UcwaException.badRequest("ParameterValidationFailure", name + " must be a number of seconds.");
        }
    }
}
