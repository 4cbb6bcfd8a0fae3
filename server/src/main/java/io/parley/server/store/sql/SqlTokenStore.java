package io.parley.server.store.sql;

import io.parley.server.core.auth.Token;
import io.parley.server.core.auth.TokenStore;
import io.parley.server.core.store.WriteBatch;
import java.time.Instant;
import java.util.Optional;

public final class SqlTokenStore implements TokenStore {
    private final SqlDatabase db;

    public SqlTokenStore(SqlDatabase db) {
        this.db = db;
    }

    @Override
    public void save(Token token) {
        WriteBatch batch = new WriteBatch();
        batch.add(new SqlWrite("INSERT INTO tokens (hash, address, expires_at) VALUES (?, ?, ?)",
                token.hash(), token.address(), token.expiresAt().toEpochMilli()));
        db.commitNow(batch);
    }

    @Override
    public Optional<Token> find(String hash) {
        return db.query("SELECT hash, address, expires_at FROM tokens WHERE hash = ?",
                rs -> new Token(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))), hash)
                .stream().findFirst();
    }

    @Override
    public void deleteExpired(Instant now) {
        WriteBatch batch = new WriteBatch();
        batch.add(new SqlWrite("DELETE FROM tokens WHERE expires_at <= ?", now.toEpochMilli()));
        db.commitNow(batch);
    }
}
