package io.parley.server.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on SQLite files on disk. */
class SqliteStoreContractTest extends StoreContract {
    @TempDir
    Path dir;
    private int stores;

    @Override
    protected StoreSettings newStore() {
        return StoreSettings.sqlite(dir.resolve("store-" + ++stores));
    }
}
