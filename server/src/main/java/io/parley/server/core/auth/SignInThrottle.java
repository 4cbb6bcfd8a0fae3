package io.parley.server.core.auth;

import io.parley.protocol.ErrorCode;
import io.parley.server.core.UcwaException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Throttles wrong passwords, per account name and per client address, with a token bucket each: a burst of
 * failures is allowed, then one more attempt per refill period. A throttled attempt is refused (429 with
 * Retry-After) before any password is hashed, so it costs the server nothing.
 *
 * <p>Only new sign-ins are throttled: tokens already issued keep working, so an attacker who exhausts an
 * account's bucket cannot lock its real user out of a session in progress. Unknown account names are
 * throttled exactly like known ones (a different answer would tell which accounts exist).
 *
 * <p>Buckets live in memory (a restart forgets them) and are dropped once full again; at most
 * {@link #MAX_BUCKETS} are kept, so a flood of distinct names cannot grow the heap without bound.
 */
public final class SignInThrottle {
    static final int MAX_BUCKETS = 100_000;
    private final Clock clock;
    private final Limit account;
    private final Limit address;
    private final boolean throttleLoopback;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private record Limit(String prefix, int burst, long refillMillis) {}

    /** Failures spent, as of {@code at}: the count goes down by one every refill period. */
    private record Bucket(double spent, long at) {
        double spentAt(long now, long refillMillis) {
            return Math.max(0, spent - (double) (now - at) / refillMillis);
        }
    }

    public SignInThrottle(SignInLimits limits, Clock clock) {
        this.clock = clock;
        this.account = new Limit("account:", limits.accountFailures(), limits.accountRefill().toMillis());
        this.address = new Limit("address:", limits.addressFailures(), limits.addressRefill().toMillis());
        this.throttleLoopback = limits.throttleLoopback();
    }

    /** Refuses (429) a sign-in for this account name from this address while either bucket is empty. */
    public void check(String accountName, String clientAddress) {
        long now = clock.millis();
        long wait = waitMillis(account, accountName, now);
        if (countsAddress(clientAddress)) {
            wait = Math.max(wait, waitMillis(address, clientAddress, now));
        }
        if (wait > 0) {
            long seconds = Math.max(1, Duration.ofMillis(wait).toSeconds() + 1);
            throw new UcwaException(ErrorCode.TooManyRequests, "TooManyFailedSignIns",
                    "Too many wrong passwords for this account or from this address; try again in " + seconds
                            + " s.", seconds);
        }
    }

    public void failed(String accountName, String clientAddress) {
        long now = clock.millis();
        spend(account, accountName, now);
        if (countsAddress(clientAddress)) {
            spend(address, clientAddress, now);
        }
    }

    /** Loopback clients are a local reverse proxy or tool; they are counted only if asked (SignInLimits). */
    private boolean countsAddress(String clientAddress) {
        if (throttleLoopback || clientAddress == null) {
            return true;
        }
        String a = clientAddress.startsWith("[") ? clientAddress.substring(1, clientAddress.length() - 1) : clientAddress;
        return !(a.startsWith("127.") || a.equals("::1") || a.equals("0:0:0:0:0:0:0:1"));
    }

    /** The right password: the account's failures are forgotten (the address's are not). */
    public void succeeded(String accountName) {
        buckets.remove(account.prefix() + key(accountName));
    }

    private long waitMillis(Limit limit, String who, long now) {
        Bucket b = buckets.get(limit.prefix() + key(who));
        if (b == null) {
            return 0;
        }
        double over = b.spentAt(now, limit.refillMillis()) - (limit.burst() - 1);
        return over <= 0 ? 0 : (long) Math.ceil(over * limit.refillMillis());
    }

    private void spend(Limit limit, String who, long now) {
        if (buckets.size() >= MAX_BUCKETS) {
            forgetRefilled(now);
        }
        buckets.compute(limit.prefix() + key(who), (k, b) -> new Bucket(
                Math.min(limit.burst() + 1, (b == null ? 0 : b.spentAt(now, limit.refillMillis())) + 1), now));
    }

    /** Drops buckets that have refilled completely; if that is not enough, all of them (a flood is going on). */
    private void forgetRefilled(long now) {
        buckets.entrySet().removeIf(e -> e.getValue().spentAt(now, limitOf(e.getKey()).refillMillis()) == 0);
        if (buckets.size() >= MAX_BUCKETS) {
            buckets.clear();
        }
    }

    private Limit limitOf(String key) {
        return key.startsWith(account.prefix()) ? account : address;
    }

    private static String key(String who) {
        return who == null ? "" : who.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
