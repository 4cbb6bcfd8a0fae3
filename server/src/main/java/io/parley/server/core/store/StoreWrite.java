package io.parley.server.core.store;

/**
 * One write a store has prepared (values already copied out of the live domain objects). Opaque to the core:
 * the core only collects writes into a {@link WriteBatch} and hands them to the store's {@link Committer}.
 */
public interface StoreWrite {}
