package io.parley.server.support;

import io.parley.server.ParleyServer;
import io.parley.server.ServerConfig;
import io.parley.server.core.application.ApplicationLimits;
import io.parley.server.core.auth.PasswordHasher;
import io.parley.server.core.auth.User;
import io.parley.server.core.conversation.ConversationLimits;
import io.parley.server.core.events.ChannelLimits;
import io.parley.server.store.StoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * A real Parley on a random port over a temporary data directory, with UCWA's minutes shortened to
 * seconds so scenarios run fast. {@link #restart} stops it and starts a new one on the same data.
 */
public final class TestServer implements AutoCloseable {
    private static final PasswordHasher HASHER = new PasswordHasher();
    private final Path dataDir;
    private final ServerConfig config;
    private ParleyServer server;
    private final String externalUrl;

    private TestServer(String externalUrl) {
        this.dataDir = null;
        this.config = null;
        this.externalUrl = externalUrl;
    }

    /** A server running in another process, known only by its URL. */
    public static TestServer external(String baseUrl) {
        return new TestServer(baseUrl);
    }

    private TestServer(Path dataDir, ServerConfig config) {
        this.dataDir = dataDir;
        this.config = config;
        this.externalUrl = null;
        this.server = ParleyServer.start(config);
    }

    public static TestServer start() {
        return start(c -> c);
    }

    /** Fast timers: 2 s event-channel timeout, no medium delay, 3 s invitation and delivery timeouts. */
    public static ServerConfig fastConfig(Path dataDir) {
        return fastConfig(TestStores.newStore(dataDir));
    }

    /**
     * {@code -Dparley.test.mailViaInbox=true} sends every mail between routing groups through the inbox, never at
     * once (the build runs the PostgreSQL pass of the scenario suite so, the way mail will travel between nodes).
     */
    public static ServerConfig fastConfig(StoreSettings store) {
        return ServerConfig.defaults(store)
                .with(b -> b.mailAtOnce = !Boolean.getBoolean("parley.test.mailViaInbox"))
                .withPort(0)
                .withChannels(new ChannelLimits(1, 1800, 2, 0, 1800, 0, 0))
                .withConversations(new ConversationLimits(Duration.ofSeconds(3), Duration.ofSeconds(3),
                        Duration.ofSeconds(2), Duration.ofMinutes(15)))
                .withApplications(new ApplicationLimits(50, Duration.ofSeconds(300), Duration.ofSeconds(900),
                        Duration.ofHours(1)))
                .withSweepInterval(Duration.ofMillis(100))
                .withMaxBodyBytes(64 * 1024)
                .with(b -> b.adminPort = 0); // /metrics on a random loopback port (metricsUrl)
    }

    public static TestServer start(UnaryOperator<ServerConfig> tweak) {
        try {
            Path dir = Files.createTempDirectory("parley-test");
            return new TestServer(dir, tweak.apply(fastConfig(dir)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        if (externalUrl != null) {
            return externalUrl;
        }
        return "http://127.0.0.1:" + server.port();
    }

    public int port() {
        return server.port();
    }

    /** {@code /metrics} on the admin listener. */
    public String metricsUrl() {
        return "http://127.0.0.1:" + server.adminPort() + "/metrics";
    }

    public Path dataDir() {
        return dataDir;
    }

    /** A plain JDBC connection to this server's store, for tests that look at what was written. */
    public java.sql.Connection connectToStore() throws java.sql.SQLException {
        return TestStores.connect(config.store());
    }

    public ServerConfig config() {
        return config;
    }

    public void addUser(String address, String name, String password) {
        server.users().save(new User(address, name, HASHER.hash(password)));
    }

    /** Stops the server and starts a new one on the same data directory and port. */
    public void restart() {
        restart(() -> { });
    }

    /** Stops the server, runs {@code whileStopped} (a test changing the store behind its back), and starts it again. */
    public void restart(Runnable whileStopped) {
        int port = server.port();
        server.close();
        whileStopped.run();
        server = ParleyServer.start(config.withPort(port));
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
