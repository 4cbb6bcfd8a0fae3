package io.parley.server;

import io.parley.server.core.Registry;
import io.parley.server.core.Sweeper;
import io.parley.server.core.application.Applications;
import io.parley.server.core.application.RevokedCredentials;
import io.parley.server.core.auth.Accounts;
import io.parley.server.core.auth.Directory;
import io.parley.server.core.auth.PasswordChecks;
import io.parley.server.core.auth.PasswordHasher;
import io.parley.server.core.auth.SignInThrottle;
import io.parley.server.core.conversation.Conversations;
import io.parley.server.core.conversation.Invitations;
import io.parley.server.core.conversation.MessagingSessions;
import io.parley.server.core.events.EventChannels;
import io.parley.server.core.presence.Presences;
import io.parley.server.http.BaseUrl;
import io.parley.server.http.Bodies;
import io.parley.server.http.Challenge;
import io.parley.server.http.Services;
import io.parley.server.http.WebServer;
import io.parley.server.http.admin.AdminListener;
import io.parley.server.http.events.UcwaEventRenderer;
import io.parley.server.metrics.ServerMetrics;
import io.parley.server.http.render.ApplicationResources;
import io.parley.server.http.render.ConversationResources;
import io.parley.server.store.sqlite.SqliteApplicationStore;
import io.parley.server.store.sqlite.SqliteConversationStore;
import io.parley.server.store.sqlite.SqliteDatabase;
import io.parley.server.store.sqlite.SqliteEventStore;
import io.parley.server.store.sqlite.SqlitePresenceStore;
import io.parley.server.store.sqlite.SqliteRevocationStore;
import io.parley.server.store.sqlite.SqliteTokenStore;
import io.parley.server.store.sqlite.SqliteUserStore;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that builds the stores, the core and the HTTP layer, loads the stored state and starts
 * serving. {@link #close} stops in the reverse order and leaves the store consistent.
 */
public final class ParleyServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ParleyServer.class);
    private final ServerConfig config;
    private final SqliteDatabase db;
    private final ScheduledExecutorService timers;
    private final EventChannels channels;
    private final Sweeper sweeper;
    private final WebServer web;
    private final SqliteUserStore users;
    private final ServerMetrics metrics;
    private final PasswordChecks passwordChecks;
    private AdminListener admin;

    private final long storeMillis;
    private final long loadMillis;

    private ParleyServer(ServerConfig config) {
        this.config = config;
        Clock clock = Clock.systemUTC();
        long t0 = System.nanoTime();
        // Done while the store opens: what Jetty's start would otherwise load on this thread, and Argon2, which
        // the first sign-in would otherwise pay to load and compile.
        // (Argon2 warms up on its own pool: PasswordChecks makes its dummy hash at once.)
        Thread.ofPlatform().name("parley-warmup").daemon(true).start(WebServer::preload);
        this.passwordChecks = new PasswordChecks(new PasswordHasher(), config.signIns());
        this.db = SqliteDatabase.open(config.dataDir(), config.durable());
        this.storeMillis = (System.nanoTime() - t0) / 1_000_000;
        var pool = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("parley-timers").daemon(true).factory());
        // Every answered poll cancels its timeout timer: without this, cancelled timers would stay queued
        // until they were due (up to 30 min), one per poll.
        pool.setRemoveOnCancelPolicy(true);
        this.timers = pool;
        this.users = new SqliteUserStore(db);
        var registry = new Registry(db.committer(), clock);
        var directory = new Directory(users);
        var accounts = new Accounts(users, new SqliteTokenStore(db), passwordChecks,
                new SignInThrottle(config.signIns(), clock), clock, config.tokenLifetime());
        var presences = new Presences(new SqlitePresenceStore(db), config.presenceIdleAfter());

        // The renderer needs the applications and the applications need the channels: close the loop
        // through a holder set right after construction (all before any request).
        var rendererHolder = new UcwaEventRenderer[1];
        this.channels = new EventChannels(registry, new SqliteEventStore(db), n -> rendererHolder[0].render(n), timers,
                config.channels());
        var applications = new Applications(registry, new SqliteApplicationStore(db), channels, presences,
                config.applications());
        var appResources = new ApplicationResources(directory, applications, clock);
        var conversationResources = new ConversationResources(directory);
        rendererHolder[0] = new UcwaEventRenderer(appResources, conversationResources, directory);
        var conversations = new Conversations(new SqliteConversationStore(db), channels, config.conversations());
        var invitations = new Invitations(registry, conversations, applications, users, channels);
        var messaging = new MessagingSessions(registry, conversations, invitations, applications, channels);
        applications.onTeardown(messaging::teardown);
        channels.onDelivery(messaging::delivered);
        registry.setFinisher(channels::finish);

        long t1 = System.nanoTime();
        presences.load();
        applications.load();
        channels.load();
        conversations.load();
        messaging.load();
        var revoked = new RevokedCredentials(new SqliteRevocationStore(db), accounts, applications, presences);
        var revocations = revoked.unseen(); // all of them: replayed once, in case some came while the server was down
        registry.mutate(tx -> {
            revoked.apply(tx, revocations, false);
            return null;
        });
        this.loadMillis = (System.nanoTime() - t1) / 1_000_000;

        this.sweeper = new Sweeper(registry, invitations, messaging, applications, accounts, revoked,
                config.sweepInterval());
        this.metrics = new ServerMetrics(db.committer(), () -> registry.read(applications::activeCount),
                () -> registry.read(channels::parkedPolls));
        BaseUrl baseUrl = new BaseUrl(config.publicUrl());
        var services = new Services(registry, accounts, directory, applications, channels, conversations, invitations,
                messaging, appResources, conversationResources, new Bodies(config.maxBodyBytes()), baseUrl,
                new Challenge(baseUrl), metrics);
        this.web = new WebServer(config.bind(), config.port(), config.connections(), services);
    }

    /** Opens the store, loads it and starts serving. */
    public static ParleyServer start(ServerConfig config) {
        long t0 = System.nanoTime();
        ParleyServer server = new ParleyServer(config);
        long t1 = System.nanoTime();
        server.web.start();
        if (config.adminPort() >= 0) {
            server.admin = AdminListener.start(config.adminBind(), config.adminPort(), server.metrics);
            log.info("Metrics are served on http://{}:{}/metrics (admin listener)", config.adminBind(),
                    server.admin.port());
        }
        server.sweeper.start(server.timers);
        log.info("Parley is serving UCWA on http://{}:{}/ with data in {} (JVM up {} ms; store {} ms, load {} ms, "
                        + "HTTP {} ms)", config.bind(), server.port(), config.dataDir().toAbsolutePath(),
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime(), server.storeMillis,
                server.loadMillis, (System.nanoTime() - t1) / 1_000_000);
        return server;
    }

    public int port() {
        return web.port();
    }

    /** The user directory (the admin path the CLI and the benchmark use to create users). */
    public io.parley.server.core.auth.UserStore users() {
        return users;
    }

    /** The admin listener's port (for {@code /metrics}), or -1 when it is off. */
    public int adminPort() {
        return admin == null ? -1 : admin.port();
    }

    public ServerConfig config() {
        return config;
    }

    @Override
    public void close() {
        sweeper.stop();
        if (admin != null) {
            admin.close();
        }
        channels.shutdown(new io.parley.server.core.UcwaException(io.parley.protocol.ErrorCode.ServiceUnavailable,
                "ServerShuttingDown", "The server is restarting; repeat the same request."));
        web.stop();
        timers.shutdownNow();
        passwordChecks.close();
        metrics.close();
        db.close();
        log.info("Parley stopped; the store in {} is closed cleanly", config.dataDir().toAbsolutePath());
    }
}
