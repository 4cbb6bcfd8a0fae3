package io.parley.server;

import io.parley.server.core.Registry;
import io.parley.server.core.RoutingGroup;
import io.parley.server.core.RoutingGroups;
import io.parley.server.core.StoreRecovery;
import io.parley.server.core.conversation.ConversationMail;
import io.parley.server.core.routing.GroupMap;
import io.parley.server.core.routing.PostOffice;
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
import io.parley.server.store.Store;
import java.time.Clock;
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
    private final Store store;
    private final ScheduledExecutorService timers;
    private final RoutingGroups groups;
    private final PostOffice postOffice;
    private final StoreRecovery recovery;
    private final PasswordChecks passwordChecks;
    private AdminListener admin;
    private final Sweeper sweeper;
    private final WebServer web;
    private final ServerMetrics metrics;

    private final long storeMillis;
    private final long loadMillis;

    private ParleyServer(ServerConfig config) {
        this.config = config;
        Clock clock = Clock.systemUTC();
        long t0 = System.nanoTime();
        // Done while the store opens: what Jetty's start would otherwise load on this thread. (Argon2 warms up on
        // its own pool: PasswordChecks makes its dummy hash at once.)
        Thread.ofPlatform().name("parley-warmup").daemon(true).start(WebServer::preload);
        this.passwordChecks = new PasswordChecks(new PasswordHasher(), config.signIns());
        this.store = Store.open(config.store(), true);
        this.storeMillis = (System.nanoTime() - t0) / 1_000_000;
        var pool = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("parley-timers").daemon(true).factory());
        // Every answered poll cancels its timeout timer: without this, cancelled timers would stay queued
        // until they were due (up to 30 min), one per poll.
        pool.setRemoveOnCancelPolicy(true);
        this.timers = pool;
        var users = store.users();
        var directory = new Directory(users);
        var accounts = new Accounts(users, store.tokens(), passwordChecks, new SignInThrottle(config.signIns(), clock),
                clock, config.tokenLifetime());
        GroupMap map = new GroupMap(config.routingGroups());
        this.postOffice = new PostOffice(map.groups(), store.inbox(), config.mailAtOnce());

        // The renderer reads the applications of whichever group an event is for, and each group's channels
        // need the renderer: close the loop through a holder set right after construction (all before any request).
        var groupsHolder = new RoutingGroups[1];
        var appResources = new ApplicationResources(directory, address -> groupsHolder[0].of(address).applications(),
                clock);
        var conversationResources = new ConversationResources(directory);
        var renderer = new UcwaEventRenderer(appResources, conversationResources, directory);
        this.groups = new RoutingGroups(map, g -> {
            var registry = new Registry(g, store.committer(), clock);
            var presences = new Presences(store.presence(), config.presenceIdleAfter());
            var channels = new EventChannels(registry, store.events(), renderer::render, timers, config.channels());
            var applications = new Applications(registry, store.applications(), channels, presences,
                    config.applications());
            var conversations = new Conversations(store.conversations(), channels, config.conversations(),
                    map.serialStep());
            var invitations = new Invitations(registry, conversations, applications, users, channels, map);
            var messaging = new MessagingSessions(registry, conversations, invitations, applications, channels, map);
            applications.onTeardown(messaging::teardown);
            channels.onDelivery(messaging::delivered);
            registry.setFinisher(channels::finish);
            postOffice.register(g, registry, new ConversationMail(invitations, messaging));
            return new RoutingGroup(g, registry, presences, applications, channels, conversations, invitations,
                    messaging);
        });
        groupsHolder[0] = groups;

        long t1 = System.nanoTime();
        groups.load(stored(store), postOffice);
        this.recovery = new StoreRecovery(store.committer(), groups, postOffice, () -> stored(store));
        this.loadMillis = (System.nanoTime() - t1) / 1_000_000;

        var revoked = new RevokedCredentials(store.revocations(), accounts);
        // A revocation made while the server was down still ends the applications it stored: the sweeper's first
        // pass replays the whole log.
        this.sweeper = new Sweeper(groups, accounts, revoked, config.sweepInterval());
        this.metrics = new ServerMetrics(store.committer(), () -> sum(g -> g.applications().activeCount()),
                () -> sum(g -> g.channels().parkedPolls()));
        BaseUrl baseUrl = new BaseUrl(config.publicUrl());
        var services = new Services(groups, accounts, directory, appResources, conversationResources,
                new Bodies(config.maxBodyBytes()), baseUrl, new Challenge(baseUrl), metrics, store::isHealthy);
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
        server.groups.deliverStoredMail(server.postOffice);
        server.sweeper.start(server.timers);
        long every = Math.min(1000, config.sweepInterval().toMillis());
        server.timers.scheduleWithFixedDelay(server::recoverQuietly, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
        log.info("Parley is serving UCWA on http://{}:{}/ with its data in {} (JVM up {} ms; store {} ms, load {} ms, "
                        + "HTTP {} ms)", config.bind(), server.port(), config.store().describe(),
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime(), server.storeMillis,
                server.loadMillis, (System.nanoTime() - t1) / 1_000_000);
        return server;
    }

    private void recoverQuietly() {
        try {
            recovery.attempt();
        } catch (RuntimeException e) {
            log.error("Reloading from the store failed; trying again", e);
        }
    }

    public int port() {
        return web.port();
    }

    private static RoutingGroups.Stored stored(Store store) {
        return new RoutingGroups.Stored(store.presence().loadAll(), store.applications().loadAll(),
                store.events().loadQueues(), store.events().loadEvents(), store.conversations().loadConversations(),
                store.conversations().loadInvitations(), store.inbox().loadAll());
    }

    /** A figure summed over the routing groups, each read under its own lock. */
    private int sum(java.util.function.ToIntFunction<RoutingGroup> figure) {
        int total = 0;
        for (RoutingGroup g : groups.all()) {
            total += g.registry().read(() -> figure.applyAsInt(g));
        }
        return total;
    }

    /** The user directory (the admin path the CLI and the benchmark use to create users). */
    public io.parley.server.core.auth.UserStore users() {
        return store.users();
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
        var shuttingDown = new io.parley.server.core.UcwaException(io.parley.protocol.ErrorCode.ServiceUnavailable,
                "ServerShuttingDown", "The server is restarting; repeat the same request.");
        groups.all().forEach(g -> g.channels().shutdown(shuttingDown));
        web.stop();
        timers.shutdownNow();
        passwordChecks.close();
        metrics.close();
        store.close();
        log.info("Parley stopped; its store ({}) is closed cleanly", config.store().describe());
    }
}
