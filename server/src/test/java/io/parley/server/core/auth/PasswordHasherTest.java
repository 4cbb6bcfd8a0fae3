package io.parley.server.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Argon2id hashes: the format written, and hashes written by other implementations still verifying. */
class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void aHashVerifiesItsPasswordOnly() {
        String hash = hasher.hash("correct horse battery staple");
        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.matches("correct horse battery staple", hash)).isTrue();
        assertThat(hasher.matches("correct horse battery stapler", hash)).isFalse();
        assertThat(hasher.hash("correct horse battery staple")).isNotEqualTo(hash); // a fresh salt each time
    }

    @Test
    void hashesOfTheReferenceImplementationVerify() {
        // `echo -n password | argon2 somesalt -id -t 2 -m 10 -p 1 -l 32 -e` (the reference CLI, Debian's argon2)
        String reference = "$argon2id$v=19$m=1024,t=2,p=1$c29tZXNhbHQ$7FfsnA6vUe7qLpL/3Kqc3uR48ZJyFbUVt7jWZlf0Htk";
        assertThat(hasher.matches("password", reference)).isTrue();
        assertThat(hasher.matches("Password", reference)).isFalse();
    }

    @Test
    void hashesWrittenByEarlierVersionsThroughPassword4jVerify() {
        // Written by password4j 1.8.4 (Parley 0.1 before the switch), with the same parameters as now.
        assertThat(hasher.matches("correct horse battery staple",
                "$argon2id$v=19$m=19456,t=2,p=1$YUeanGQ/+f/mpS4tw2BVrA$g57OyFBmV/+kp/010N8CTevfT89GTQFLyDIdTyvCHUk"))
                .isTrue();
        assertThat(hasher.matches("pässwörd ✓", // passwords are UTF-8, as password4j encoded them
                "$argon2id$v=19$m=19456,t=2,p=1$tZD2KXEf5DvM8QOk0yeULw$MAuB0yhGZAg6cQ5QgWRoz3ExmfJ8AtvVqt1nu8U9188"))
                .isTrue();
    }

    @Test
    void unreadableOrOutOfBoundsHashesNeverMatch() {
        String good = "$argon2id$v=19$m=1024,t=2,p=1$c29tZXNhbHQ$7FfsnA6vUe7qLpL/3Kqc3uR48ZJyFbUVt7jWZlf0Htk";
        assertThat(hasher.matches("password", null)).isFalse();
        assertThat(hasher.matches("password", "")).isFalse();
        assertThat(hasher.matches("password", "not a hash")).isFalse();
        assertThat(hasher.matches("password", good.replace("argon2id", "argon2i"))).isFalse();
        assertThat(hasher.matches("password", good.replace("v=19", "v=16"))).isFalse();
        assertThat(hasher.matches("password", good.replace("m=1024", "m=2000000"))).isFalse(); // over 1 GiB
        assertThat(hasher.matches("password", good.replace("t=2", "t=0"))).isFalse();
        assertThat(hasher.matches("password", good.replace("p=1", "p=x"))).isFalse();
        assertThat(hasher.matches("password", good.replace("m=1024,", "m=1024,k=1,"))).isFalse();
        assertThat(hasher.matches("password", good.replace("c29tZXNhbHQ", "c29t*XNhbHQ"))).isFalse();
        assertThat(hasher.matches("password", good + "$extra")).isFalse();
    }
}
