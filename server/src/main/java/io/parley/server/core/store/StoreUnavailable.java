package io.parley.server.core.store;

import io.parley.protocol.ErrorCode;
import io.parley.server.core.UcwaException;

/**
 * What a request gets while the store cannot take or give data (PostgreSQL restarting or unreachable, a disk
 * that refused a write): 503, and the advice to repeat the same request shortly. Never a success for something
 * that was not stored.
 */
public final class StoreUnavailable {
    private StoreUnavailable() {}

    public static UcwaException exception() {
        return new UcwaException(ErrorCode.ServiceUnavailable, "StoreUnavailable",
                "The server cannot reach its store right now; nothing was changed. Repeat the same request in a moment.",
                1);
    }
}
