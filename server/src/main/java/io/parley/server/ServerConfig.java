package io.parley.server;

import io.parley.server.core.application.ApplicationLimits;
import io.parley.server.core.auth.SignInLimits;
import io.parley.server.core.conversation.ConversationLimits;
import io.parley.server.core.events.ChannelLimits;
import io.parley.server.store.StoreSettings;
import io.parley.server.http.limits.ConnectionLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Everything an operator can set. {@link #defaults} gives UCWA's numbers; tests shorten the timers.
 *
 * @param store     where the data lives: SQLite in a data directory, or PostgreSQL
 * @param publicUrl base for absolute links, or null to use the request's Host
 * @param routingGroups how many routing groups users are hashed into (fixed for a deployment)
 * @param mailAtOnce whether mail between groups may be applied inside the sender's change when the target is
 *                   free (the fast way; off, every mail takes the inbox: the tests cover that way too)
 * @param adminPort port of the admin listener ({@code /metrics}) on {@code adminBind}; -1: none (the default)
 */
public record ServerConfig(
        String bind,
        int port,
        StoreSettings store,
        String publicUrl,
        Duration tokenLifetime,
        ApplicationLimits applications,
        ConversationLimits conversations,
        ChannelLimits channels,
        Duration presenceIdleAfter,
        Duration sweepInterval,
        int maxBodyBytes,
        int routingGroups,
        boolean mailAtOnce,
        SignInLimits signIns,
        ConnectionLimits connections,
        String adminBind,
        int adminPort) {

    public static ServerConfig defaults(Path dataDir) {
        return defaults(StoreSettings.sqlite(dataDir));
    }

    public static ServerConfig defaults(StoreSettings store) {
        return new ServerConfig("127.0.0.1", 8080, store, null, Duration.ofHours(8), ApplicationLimits.defaults(),
                ConversationLimits.defaults(), ChannelLimits.ucwa(), Duration.ofMinutes(5), Duration.ofSeconds(1),
                1 << 20, io.parley.server.core.routing.GroupMap.DEFAULT_GROUPS, true, SignInLimits.defaults(),
                ConnectionLimits.defaults(), "127.0.0.1", -1);
    }

    /** The mutable copy the {@code with...} methods edit. */
    public static final class Builder {
        public String bind;
        public int port;
        public StoreSettings store;
        public String publicUrl;
        public Duration tokenLifetime;
        public ApplicationLimits applications;
        public ConversationLimits conversations;
        public ChannelLimits channels;
        public Duration presenceIdleAfter;
        public Duration sweepInterval;
        public int maxBodyBytes;
        public int routingGroups;
        public boolean mailAtOnce;
        public SignInLimits signIns;
        public ConnectionLimits connections;
        public String adminBind;
        public int adminPort;

        private Builder(ServerConfig c) {
            bind = c.bind;
            port = c.port;
            store = c.store;
            publicUrl = c.publicUrl;
            tokenLifetime = c.tokenLifetime;
            applications = c.applications;
            conversations = c.conversations;
            channels = c.channels;
            presenceIdleAfter = c.presenceIdleAfter;
            sweepInterval = c.sweepInterval;
            maxBodyBytes = c.maxBodyBytes;
            routingGroups = c.routingGroups;
            mailAtOnce = c.mailAtOnce;
            signIns = c.signIns;
            connections = c.connections;
            adminBind = c.adminBind;
            adminPort = c.adminPort;
        }

        private ServerConfig build() {
            return new ServerConfig(bind, port, store, publicUrl, tokenLifetime, applications, conversations, channels,
                    presenceIdleAfter, sweepInterval, maxBodyBytes, routingGroups, mailAtOnce, signIns, connections, adminBind,
                    adminPort);
        }
    }

    /** A copy with some settings changed: {@code config.with(b -> b.port = 0)}. */
    public ServerConfig with(Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    /** The data directory of the SQLite store, or null on PostgreSQL. */
    public Path dataDir() {
        return store.dataDir();
    }

    public ServerConfig withStore(StoreSettings store) {
        return with(b -> b.store = store);
    }

    public ServerConfig withPort(int port) {
        return with(b -> b.port = port);
    }

    public ServerConfig withBind(String bind) {
        return with(b -> b.bind = bind);
    }

    public ServerConfig withPublicUrl(String publicUrl) {
        return with(b -> b.publicUrl = publicUrl);
    }

    public ServerConfig withApplications(ApplicationLimits applications) {
        return with(b -> b.applications = applications);
    }

    public ServerConfig withConversations(ConversationLimits conversations) {
        return with(b -> b.conversations = conversations);
    }

    public ServerConfig withChannels(ChannelLimits channels) {
        return with(b -> b.channels = channels);
    }

    public ServerConfig withSweepInterval(Duration sweepInterval) {
        return with(b -> b.sweepInterval = sweepInterval);
    }

    public ServerConfig withTokenLifetime(Duration tokenLifetime) {
        return with(b -> b.tokenLifetime = tokenLifetime);
    }

    public ServerConfig withMaxBodyBytes(int maxBodyBytes) {
        return with(b -> b.maxBodyBytes = maxBodyBytes);
    }
}
