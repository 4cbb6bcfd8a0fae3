package io.parley.server.store;

import io.parley.server.support.Postgres;

/** The store contract on a real PostgreSQL, connected as a role without superuser rights. */
class PostgresStoreContractTest extends StoreContract {
    @Override
    protected StoreSettings newStore() {
        return Postgres.newDatabase();
    }
}
