package io.parley.server.core;

import io.parley.protocol.ErrorCode;
import io.parley.server.core.routing.PostOffice;
import io.parley.server.core.store.Committer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the server back after a failed commit (PostgreSQL restarted or unreachable, a full disk) without a
 * restart. From the failure on, every change is refused with 503 (the committer says it is unavailable); each
 * {@link #attempt} then tries to read the whole stored state, and once that works, replaces the live state of
 * every group with it, answers parked polls with 503 so that clients poll again, and accepts changes again.
 * Clients continue with the same tokens, applications and acks: the store is the truth, and a package a client
 * saw was stored before it was handed out.
 */
public final class StoreRecovery {
    private static final Logger log = LoggerFactory.getLogger(StoreRecovery.class);
    private final Committer committer;
    private final RoutingGroups groups;
    private final PostOffice postOffice;
    private final Supplier<RoutingGroups.Stored> stored;
    private boolean reported;

    public StoreRecovery(Committer committer, RoutingGroups groups, PostOffice postOffice,
                         Supplier<RoutingGroups.Stored> stored) {
        this.committer = committer;
        this.groups = groups;
        this.postOffice = postOffice;
        this.stored = stored;
    }

    /** Reloads and resumes if a commit failed and the store answers again; otherwise does nothing. */
    public synchronized void attempt() {
        if (committer.isAvailable()) {
            return;
        }
        if (!reported) {
            log.warn("A commit failed: changes are refused (503) until the state is reloaded from the store");
            reported = true;
        }
        RoutingGroups.Stored state;
        try {
            state = stored.get();
        } catch (RuntimeException stillDown) {
            return; // the store does not answer yet; the next attempt tries again
        }
        groups.reload(state, postOffice, new UcwaException(ErrorCode.ServiceUnavailable, "StoreUnavailable",
                "The server reloaded its state from the store; poll again with the same ack.", 1));
        committer.resume();
        groups.deliverStoredMail(postOffice);
        reported = false;
        log.warn("Reloaded the live state from the store; changes are accepted again");
    }
}
