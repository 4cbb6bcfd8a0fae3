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
 * another process takes effect within a tick; at start-up the whole log is replayed (a revocation made while
 * the server was down still ends the applications it stored).
 *
 * <p>Not thread-safe: {@link #unseen} and {@link #apply} are called by the sweeper only.
 */
public final class RevokedCredentials {
    private final RevocationStore store;
    private final Accounts accounts;
    private final Applications applications;
    private final Presences presences;
    private long seen;

    public RevokedCredentials(RevocationStore store, Accounts accounts, Applications applications, Presences presences) {
        this.store = store;
        this.accounts = accounts;
        this.applications = applications;
        this.presences = presences;
    }

    /** Revocations not applied yet; read outside the registry lock. */
    public List<Revocation> unseen() {
        return store.after(seen);
    }

    /**
     * Applies revocations read by {@link #unseen} (in one change, under the registry lock). Live (on a tick),
     * an address that changed hands also loses its presence choices; at start-up that is already so in the
     * store (the command deleted them), and choices made since by a user added again must stay.
     */
    public void apply(Tx tx, List<Revocation> revocations, boolean live) {
        for (Revocation r : revocations) {
            accounts.forget(r.address());
            if (live && r.endsPresence()) {
                presences.forget(tx, r.address());
            }
            applications.revoke(tx, r.address(), r.revokedAt());
            seen = Math.max(seen, r.id());
        }
    }
}
