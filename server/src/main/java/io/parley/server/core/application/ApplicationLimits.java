package io.parley.server.core.application;

import java.time.Duration;

/**
 * How many applications a user may hold and when an idle one expires: {@code idleTimeout} after the
 * last events request (UCWA's web default, 300 s), {@code initialIdleTimeout} when it never polled, and
 * how long an expired one is remembered so that its requests get 410 rather than 404.
 */
public record ApplicationLimits(int perUser, Duration idleTimeout, Duration initialIdleTimeout,
                                Duration tombstoneRetention) {
    public static ApplicationLimits defaults() {
        return new ApplicationLimits(20, Duration.ofSeconds(300), Duration.ofSeconds(900), Duration.ofHours(24));
    }
}
