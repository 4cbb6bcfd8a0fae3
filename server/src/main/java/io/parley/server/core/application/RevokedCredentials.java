package io.parley.server.core.application;

import io.parley.server.core.Tx;
import io.parley.server.core.auth.Accounts;
import io.parley.server.core.auth.Revocation;
import io.parley.server.core.auth.RevocationStore;
import io.parley.server.core.presence.Presences;
import java.util.List;

/**
 * Applies the revocation log ({@link RevocationStore}) to the running server: for each revocation not seen
 * yet, the user's cached tokens are dropped and the user's applications created before it end. The log is
 * read by increasing id on every sweeper tick, so a {@code parley user passwd} or {@code remove} run in
 * another process takes effect within a tick; the first read replays the whole log (a revocation made while
 * the server was down still ends the applications it stored).
 *
 * <p>Not thread-safe: called by the sweeper only.
 */
public final class RevokedCredentials {
    private final RevocationStore store;
    private final Accounts accounts;
    private long seen;
    private boolean live;

    public RevokedCredentials(RevocationStore store, Accounts accounts) {
        this.store = store;
        this.accounts = accounts;
    }

    /** Revocations not applied yet; read outside any group's lock. */
    public List<Revocation> unseen() {
        return store.after(seen);
    }

    /** False until the first read was applied: that read is the replay of the whole log at start-up. */
    public boolean live() {
        return live;
    }

    /**
     * Applies revocations of users in one routing group (in one change, under that group's lock). Live (on a
     * tick), an address that changed hands also loses its presence choices; in the replay that is already so in
     * the store (the command deleted them), and choices made since by a user added again must stay.
     */
    public void apply(Tx tx, Applications applications, Presences presences, List<Revocation> revocations,
                      boolean live) {
        for (Revocation r : revocations) {
            accounts.forget(r.address());
            if (live && r.endsPresence()) {
                presences.forget(tx, r.address());
            }
            applications.revoke(tx, r.address(), r.revokedAt());
        }
    }

    /** Marks revocations applied in every group (they are applied again otherwise, which changes nothing). */
    public void seen(List<Revocation> revocations) {
        for (Revocation r : revocations) {
            seen = Math.max(seen, r.id());
        }
        live = true;
    }
}
