package io.parley.server.core.auth;

import java.time.Instant;
import java.util.Optional;

/** Access tokens by hash. Reads go to the store so a token issued before a restart keeps working. */
public interface TokenStore {
    void save(Token token);

    Optional<Token> find(String hash);

    void deleteExpired(Instant now);
}
