package io.parley.server.store;

import io.parley.server.core.application.ApplicationStore;
import io.parley.server.core.auth.RevocationStore;
import io.parley.server.core.auth.TokenStore;
import io.parley.server.core.auth.UserStore;
import io.parley.server.core.conversation.ConversationStore;
import io.parley.server.core.events.EventStore;
import io.parley.server.core.presence.PresenceStore;
import io.parley.server.core.routing.InboxStore;
import io.parley.server.store.postgres.PostgresDatabase;
import io.parley.server.store.sql.GroupCommitter;
import io.parley.server.store.sql.SqlApplicationStore;
import io.parley.server.store.sql.SqlConversationStore;
import io.parley.server.store.sql.SqlDatabase;
import io.parley.server.store.sql.SqlEventStore;
import io.parley.server.store.sql.SqlInboxStore;
import io.parley.server.store.sql.SqlPresenceStore;
import io.parley.server.store.sql.SqlRevocationStore;
import io.parley.server.store.sql.SqlTokenStore;
import io.parley.server.store.sql.SqlUserStore;
import io.parley.server.store.sqlite.SqliteDatabase;

/**
 * The seam between the core and its storage: every store contract the core uses, over one database, SQLite or
 * PostgreSQL. The same stores serve both engines (they speak the SQL the two share); the engines differ only in
 * how they connect, migrate and keep a second server away.
 */
public final class Store implements AutoCloseable {
    private final StoreSettings settings;
    private final SqlDatabase db;
    private final SqlUserStore users;
    private final SqlTokenStore tokens;
    private final SqlApplicationStore applications;
    private final SqlEventStore events;
    private final SqlConversationStore conversations;
    private final SqlPresenceStore presence;
    private final SqlInboxStore inbox;
    private final SqlRevocationStore revocations;

    private Store(StoreSettings settings, SqlDatabase db) {
        this.settings = settings;
        this.db = db;
        this.users = new SqlUserStore(db);
        this.tokens = new SqlTokenStore(db);
        this.applications = new SqlApplicationStore(db);
        this.events = new SqlEventStore(db);
        this.conversations = new SqlConversationStore(db);
        this.presence = new SqlPresenceStore(db);
        this.inbox = new SqlInboxStore(db);
        this.revocations = new SqlRevocationStore(db);
    }

    /**
     * Opens the store for a server ({@code asServer}: the schema is created or upgraded, and a second server on
     * the same data is refused) or for a tool that works beside a running server, such as {@code parley user}
     * (a new store is created, but an older schema is never upgraded under a running server).
     */
    public static Store open(StoreSettings settings, boolean asServer) {
        SqlDatabase db = switch (settings.kind()) {
            case SQLITE -> SqliteDatabase.open(settings.dataDir(), settings.durable(), asServer);
            case POSTGRES -> PostgresDatabase.open(settings, asServer);
        };
        return new Store(settings, db);
    }

    public StoreSettings settings() {
        return settings;
    }

    public UserStore users() {
        return users;
    }

    public TokenStore tokens() {
        return tokens;
    }

    public ApplicationStore applications() {
        return applications;
    }

    public EventStore events() {
        return events;
    }

    public ConversationStore conversations() {
        return conversations;
    }

    public PresenceStore presence() {
        return presence;
    }

    public RevocationStore revocations() {
        return revocations;
    }

    public InboxStore inbox() {
        return inbox;
    }

    public GroupCommitter committer() {
        return db.committer();
    }

    /** Whether this server still holds the database as its own (for the load balancer's health check). */
    public boolean isHealthy() {
        return db.committer().isAvailable() && db.isHealthy();
    }

    @Override
    public void close() {
        db.close();
    }
}
