package io.parley.server.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes, computed by Bouncy Castle (never hand-rolled), kept as PHC strings such as
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}: the format of the reference implementation, and of
 * the hashes that earlier Parley versions wrote through password4j, which therefore still verify. The
 * parameters are OWASP's second recommendation (19 MiB, 2 passes, 1 lane); each string carries its own, so
 * they can change later without invalidating stored hashes.
 *
 * <p>Bouncy Castle rather than password4j: password4j allocated about 100 MB of short-lived arrays per check
 * (a new 1 KB array per block), so every sign-in after a start paid several young GCs (docs/benchmarks.md).
 */
public final class PasswordHasher {
    private static final int MEMORY_KIB = 19_456;
    private static final int PASSES = 2;
    private static final int LANES = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final String PREFIX = "$argon2id$v=19$";
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    /** In a holder, so that making a hasher costs nothing at start-up (seeding a SecureRandom can take a while). */
    private static final class Salts {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        Salts.RANDOM.nextBytes(salt);
        byte[] hash = argon2id(password, salt, MEMORY_KIB, PASSES, LANES, HASH_BYTES);
        return PREFIX + "m=" + MEMORY_KIB + ",t=" + PASSES + ",p=" + LANES + "$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(hash);
    }

    /** True if {@code password} is the one {@code encoded} was made from; false for a wrong or unreadable hash. */
    public boolean matches(String password, String encoded) {
        Encoded e = Encoded.parse(encoded);
        if (e == null) {
            return false;
        }
        byte[] actual = argon2id(password, e.salt, e.memoryKib, e.passes, e.lanes, e.hash.length);
        return MessageDigest.isEqual(actual, e.hash); // constant time
    }

    private static byte[] argon2id(String password, byte[] salt, int memoryKib, int passes, int lanes, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(passes)
                .withParallelism(lanes)
                .withSalt(salt)
                .build());
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    /**
     * A PHC string's parts. Bounds keep a damaged or hostile stored string from costing more than a
     * generous hash would (at most 1 GiB, 10 passes, 16 lanes).
     */
    private record Encoded(int memoryKib, int passes, int lanes, byte[] salt, byte[] hash) {
        static Encoded parse(String s) {
            if (s == null || !s.startsWith(PREFIX)) {
                return null;
            }
            String[] parts = s.substring(PREFIX.length()).split("\\$", -1);
            if (parts.length != 3) {
                return null;
            }
            int m = -1;
            int t = -1;
            int p = -1;
            for (String param : parts[0].split(",", -1)) {
                int eq = param.indexOf('=');
                int value = eq < 0 ? -1 : number(param.substring(eq + 1));
                switch (eq < 0 ? "" : param.substring(0, eq)) {
                    case "m" -> m = value;
                    case "t" -> t = value;
                    case "p" -> p = value;
                    default -> {
                        return null;
                    }
                }
            }
            if (p < 1 || p > 16 || t < 1 || t > 10 || m < 8 * p || m > 1 << 20) {
                return null;
            }
            try {
                byte[] salt = B64_DECODER.decode(parts[1]);
                byte[] hash = B64_DECODER.decode(parts[2]);
                if (salt.length < 8 || salt.length > 64 || hash.length < 4 || hash.length > 64) {
                    return null;
                }
                return new Encoded(m, t, p, salt, hash);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private static int number(String digits) {
            if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return -1;
            }
            return Integer.parseInt(digits);
        }
    }
}
