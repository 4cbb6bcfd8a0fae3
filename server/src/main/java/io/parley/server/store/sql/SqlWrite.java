package io.parley.server.store.sql;

import io.parley.server.core.store.StoreWrite;

/** One prepared SQL statement with its parameters, copied when the write was made. */
record SqlWrite(String sql, Object... params) implements StoreWrite {}
