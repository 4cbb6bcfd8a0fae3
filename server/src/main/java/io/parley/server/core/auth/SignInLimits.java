package io.parley.server.core.auth;

import java.time.Duration;

/**
 * How much password checking the server accepts (docs/security.md, "Sign-in").
 *
 * @param hashThreads     threads that run Argon2; each check holds ~19 MiB and ~40 ms of one core
 * @param hashQueue       sign-ins that may wait for a hash thread; past that the token endpoint answers 503
 * @param accountFailures wrong passwords an account name may take in a burst before 429
 * @param accountRefill   after the burst, one more attempt per this period
 * @param addressFailures wrong passwords one client address may send in a burst before 429
 * @param addressRefill   after the burst, one more attempt per this period
 * @param throttleLoopback whether the per-address rule also applies to loopback clients. Off by default: on
 *                         loopback the client is a reverse proxy on the same host, which brings every user's
 *                         sign-ins, so one attacker behind it would lock everyone out of signing in
 */
public record SignInLimits(int hashThreads, int hashQueue, int accountFailures, Duration accountRefill,
                           int addressFailures, Duration addressRefill, boolean throttleLoopback) {

    public static SignInLimits defaults() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        return new SignInLimits(threads, 16 * threads, 10, Duration.ofSeconds(30), 30, Duration.ofSeconds(10), false);
    }
}
