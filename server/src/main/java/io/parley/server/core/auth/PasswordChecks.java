package io.parley.server.core.auth;

import io.parley.protocol.ErrorCode;
import io.parley.server.core.UcwaException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs Argon2 password checks on a small pool of their own, never on the threads that carry requests: a
 * check costs ~40 ms of CPU and ~19 MiB, so a storm of sign-ins run on request carriers delayed every IM
 * (64 wrong-password attackers pushed the median IM delivery from 4.5 ms to 2.2 s). The pool and its queue
 * are bounded; a sign-in that finds the queue full is refused at once with 503 and Retry-After, and the
 * memory Argon2 holds at any moment is bounded by the number of threads.
 *
 * <p>The caller blocks until its check is done; that is cheap on a virtual thread (it unmounts from its
 * carrier). Unknown accounts are checked against a dummy hash, so they take as long as known ones.
 */
public final class PasswordChecks implements AutoCloseable {
    private final PasswordHasher hasher;
    private final ThreadPoolExecutor pool;
    private final CompletableFuture<String> dummyHash;

    public PasswordChecks(PasswordHasher hasher, SignInLimits limits) {
        this.hasher = hasher;
        this.pool = new ThreadPoolExecutor(limits.hashThreads(), limits.hashThreads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, limits.hashQueue())),
                Thread.ofPlatform().name("parley-password-", 0).daemon(true).factory(),
                new ThreadPoolExecutor.AbortPolicy());
        // Made once, with the same parameters as real hashes, on the pool (it also warms Argon2 up).
        this.dummyHash = CompletableFuture.supplyAsync(() -> hasher.hash("no such account"), pool);
    }

    /**
     * Whether {@code password} matches {@code encoded}; a null {@code encoded} (no such account) costs the same
     * and never matches.
     *
     * @throws UcwaException 503 ServiceUnavailable with Retry-After when too many checks are waiting already
     */
    public boolean matches(String password, String encoded) {
        CompletableFuture<Boolean> check;
        try {
            check = CompletableFuture.supplyAsync(() -> {
                boolean matches = hasher.matches(password, encoded == null ? dummyHash.join() : encoded);
                return encoded != null && matches;
            }, pool);
        } catch (RejectedExecutionException full) {
            throw new UcwaException(ErrorCode.ServiceUnavailable, "SignInBusy",
                    "Too many sign-ins are waiting for a password check; try again in a second.", 1);
        }
        try {
            return check.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UcwaException(ErrorCode.ServiceUnavailable, "SignInBusy", "The sign-in was interrupted.", 1);
        } catch (ExecutionException e) {
            throw new IllegalStateException("password check failed", e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
