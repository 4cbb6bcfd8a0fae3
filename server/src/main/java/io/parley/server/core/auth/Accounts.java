package io.parley.server.core.auth;

import io.parley.server.core.UcwaException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sign-in: checks passwords, issues {@code cwt=} tokens (random, stored only as hashes, expiring) and
 * resolves the bearer of a token. Valid tokens are cached briefly so that a busy event channel does not
 * read the store on every request; a user removed by {@code parley user remove} loses access within
 * {@link #CACHE_TTL}.
 */
public final class Accounts {
    private static final Duration CACHE_TTL = Duration.ofSeconds(5);
    private final UserStore users;
    private final TokenStore tokens;
    private final PasswordChecks checks;
    private final SignInThrottle throttle;
    private final Clock clock;
    private final Duration tokenLifetime;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Token token, User user, long checkedAt) {}

    public record Grant(String accessToken, long expiresInSeconds) {}

    public Accounts(UserStore users, TokenStore tokens, PasswordChecks checks, SignInThrottle throttle, Clock clock,
                    Duration tokenLifetime) {
        this.users = users;
        this.tokens = tokens;
        this.checks = checks;
        this.throttle = throttle;
        this.clock = clock;
        this.tokenLifetime = tokenLifetime;
    }

    /**
     * The password grant; empty when the user or the password is wrong (the caller answers invalid_grant).
     * An unknown user costs the same password check as a known one.
     *
     * @throws UcwaException 429 while this account name or this client address has too many recent failures,
     *                       503 while too many password checks are waiting
     */
    public Optional<Grant> grant(String username, String password, String clientAddress) {
        throttle.check(username, clientAddress);
        Optional<User> user = resolveUsername(username);
        boolean matches = checks.matches(password, user.map(User::passwordHash).orElse(null));
        if (!matches) {
            throttle.failed(username, clientAddress);
            return Optional.empty();
        }
        throttle.succeeded(username);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String accessToken = "cwt=" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        tokens.save(new Token(hash(accessToken), user.get().address(), clock.instant().plus(tokenLifetime)));
        return Optional.of(new Grant(accessToken, tokenLifetime.toSeconds()));
    }

    /** The user holding this bearer token, or empty when it is missing, unknown or expired. */
    public Optional<User> authenticate(String accessToken) {
        if (accessToken == null || accessToken.isBlank()) {
            return Optional.empty();
        }
        // The memory cache is keyed by the token itself, so a hit costs no SHA-256; the store only ever
        // sees (and keeps) the hash.
        String key = accessToken.trim();
        long now = clock.millis();
        Cached cached = cache.get(key);
        if (cached == null || now - cached.checkedAt() > CACHE_TTL.toMillis()) {
            Optional<Token> token = tokens.find(hash(key));
            Optional<User> user = token.flatMap(t -> users.find(t.address()));
            if (token.isEmpty() || user.isEmpty()) {
                cache.remove(key);
                return Optional.empty();
            }
            cached = new Cached(token.get(), user.get(), now);
            if (cache.size() > 100_000) {
                cache.clear();
            }
            cache.put(key, cached);
        }
        if (cached.token().isExpired(clock.instant())) {
            cache.remove(key);
            return Optional.empty();
        }
        return Optional.of(cached.user());
    }

    /**
     * COMPAT: usernames arrive as {@code alice@example.com}, {@code sip:alice@example.com} or
     * {@code EXAMPLE\alice} (tolerances, "Token endpoint").
     */
    public Optional<User> resolveUsername(String username) {
        if (username == null) {
            return Optional.empty();
        }
        int backslash = username.indexOf('\\');
        if (backslash > 0) {
            String domain = username.substring(0, backslash).toLowerCase();
            String local = username.substring(backslash + 1).toLowerCase();
            List<User> candidates = users.search(local + "@", 100).stream()
                    .filter(u -> Address.localPart(u.address()).equals(local))
                    .toList();
            return candidates.stream().filter(u -> u.address().substring(u.address().indexOf('@') + 1).startsWith(domain))
                    .findFirst()
                    .or(() -> candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty());
        }
        return Address.parse(username).flatMap(users::find);
    }

    /** Drops every cached token of this user, so that the store decides again (after a revocation). */
    public void forget(String address) {
        cache.values().removeIf(c -> c.user().address().equals(address));
    }

    public void purgeExpired() {
        tokens.deleteExpired(clock.instant());
    }

    static String hash(String accessToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Thrown by callers that need a user and got none. */
    public static UcwaException unknownUser(String address) {
        return UcwaException.notFound("No user " + address + ".");
    }
}
