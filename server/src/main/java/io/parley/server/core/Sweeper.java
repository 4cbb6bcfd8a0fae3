package io.parley.server.core;

import io.parley.server.core.application.Applications;
import io.parley.server.core.application.RevokedCredentials;
import io.parley.server.core.auth.Revocation;
import io.parley.server.core.auth.Accounts;
import io.parley.server.core.conversation.Invitations;
import io.parley.server.core.conversation.MessagingSessions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clock-driven side of the core, run every {@code interval}: unanswered invitations fail, undelivered
 * messages fail, typing marks lapse, idle applications expire, old conversations and tokens are forgotten,
 * and credentials revoked by another process ({@code parley user passwd|remove}) end their applications.
 * One pass is one change, so everything it does is durable together.
 */
public final class Sweeper {
    private static final Logger log = LoggerFactory.getLogger(Sweeper.class);
    private final Registry registry;
    private final Invitations invitations;
    private final MessagingSessions messaging;
    private final Applications applications;
    private final Accounts accounts;
    private final RevokedCredentials revoked;
    private final Duration interval;
    private ScheduledFuture<?> task;
    private long passes;

    public Sweeper(Registry registry, Invitations invitations, MessagingSessions messaging, Applications applications,
                   Accounts accounts, RevokedCredentials revoked, Duration interval) {
        this.registry = registry;
        this.invitations = invitations;
        this.messaging = messaging;
        this.applications = applications;
        this.accounts = accounts;
        this.revoked = revoked;
        this.interval = interval;
    }

    public void start(ScheduledExecutorService timers) {
        task = timers.scheduleWithFixedDelay(this::sweepQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    public void sweep() {
        List<Revocation> revocations = revoked.unseen(); // a store read: kept out of the registry lock
        registry.mutate(tx -> {
            revoked.apply(tx, revocations, true);
            invitations.expireUnanswered(tx);
            messaging.sweep(tx);
            applications.sweep(tx);
            return null;
        });
        if (++passes % 3600 == 0) {
            accounts.purgeExpired();
        }
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.error("Sweep failed; timers (invitation, delivery, expiry) will retry on the next pass", e);
        }
    }
}
