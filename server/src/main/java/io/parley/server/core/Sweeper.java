package io.parley.server.core;

import io.parley.server.core.application.RevokedCredentials;
import io.parley.server.core.auth.Accounts;
import io.parley.server.core.auth.Revocation;
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
 * One pass is one change per routing group, so everything it does in a group is durable together.
 */
public final class Sweeper {
    private static final Logger log = LoggerFactory.getLogger(Sweeper.class);
    private final RoutingGroups groups;
    private final Accounts accounts;
    private final RevokedCredentials revoked;
    private final Duration interval;
    private ScheduledFuture<?> task;
    private long passes;

    public Sweeper(RoutingGroups groups, Accounts accounts, RevokedCredentials revoked, Duration interval) {
        this.groups = groups;
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
        List<Revocation> revocations = revoked.unseen(); // a store read: kept out of the groups' locks
        boolean live = revoked.live();
        for (RoutingGroup g : groups.all()) {
            List<Revocation> mine = revocations.stream()
                    .filter(r -> groups.map().groupOf(r.address()) == g.id()).toList();
            g.registry().mutate(tx -> {
                revoked.apply(tx, g.applications(), g.presences(), mine, live);
                g.invitations().expireUnanswered(tx);
                g.messaging().sweep(tx);
                g.applications().sweep(tx);
                return null;
            });
        }
        revoked.seen(revocations);
        if (++passes % 3600 == 0) {
            accounts.purgeExpired();
        }
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (UcwaException e) {
            // The store is unavailable (StoreRecovery says so once and brings the server back).
            log.debug("Sweep refused: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("Sweep failed; timers (invitation, delivery, expiry) will retry on the next pass", e);
        }
    }
}
