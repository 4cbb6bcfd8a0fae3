package io.parley.cli;

import io.parley.server.ParleyServer;
import io.parley.server.ServerConfig;
import io.parley.server.core.application.ApplicationLimits;
import io.parley.server.core.auth.SignInLimits;
import io.parley.server.core.conversation.ConversationLimits;
import io.parley.server.http.limits.ConnectionLimits;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley serve}: runs the server in the foreground until SIGTERM or SIGINT. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the UCWA server in the foreground, with its store in the data directory (SQLite) or in PostgreSQL.")
final class Serve implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @picocli.CommandLine.Mixin
    StoreOptions store;

    @Option(names = "--public-url", description = "Base URL for absolute links (default: the request's Host).")
    String publicUrl;

    @Option(names = "--token-lifetime", defaultValue = "28800", description = "Access-token lifetime, seconds (default: ${DEFAULT-VALUE}).")
    long tokenLifetime;

    @Option(names = "--apps-per-user", defaultValue = "20", description = "Applications a user may hold at once (default: ${DEFAULT-VALUE}).")
    int appsPerUser;

    @Option(names = "--app-idle-timeout", defaultValue = "300",
            description = "Seconds without an event-channel request before an application expires (default: ${DEFAULT-VALUE}).")
    long appIdleTimeout;

    @Option(names = "--invitation-timeout", defaultValue = "30", description = "Seconds before an unanswered invitation fails (default: ${DEFAULT-VALUE}).")
    long invitationTimeout;

    @Option(names = "--delivery-timeout", defaultValue = "30",
            description = "Seconds before an IM nobody fetched fails for its sender (default: ${DEFAULT-VALUE}).")
    long deliveryTimeout;

    @Option(names = "--admin-port", defaultValue = "-1",
            description = "Port of the admin listener serving /metrics; -1: none (default: ${DEFAULT-VALUE}).")
    int adminPort;

    @Option(names = "--admin-bind", defaultValue = "127.0.0.1",
            description = "Address of the admin listener (default: ${DEFAULT-VALUE}).")
    String adminBind;

    @Option(names = "--idle-timeout", defaultValue = "30",
            description = "Seconds a connection may send nothing (a parked event poll is exempt) (default: ${DEFAULT-VALUE}).")
    long idleTimeout;

    @Option(names = "--max-connections-per-address", defaultValue = "256",
            description = "Open connections one client address may hold; loopback clients are exempt unless "
                    + "--cap-loopback (default: ${DEFAULT-VALUE}).")
    int maxConnectionsPerAddress;

    @Option(names = "--cap-loopback", description = "Apply the per-address limits (connections, wrong passwords) to "
            + "loopback clients too (off: a reverse proxy on this host brings every user's requests from 127.0.0.1).")
    boolean capLoopback;

    @Override
    public Integer call() throws Exception {
        ServerConfig defaults = ServerConfig.defaults(store.settings());
        var apps = defaults.applications();
        var conversations = defaults.conversations();
        ServerConfig config = defaults.withPort(port).withBind(bind).withPublicUrl(publicUrl)
                .withTokenLifetime(Duration.ofSeconds(tokenLifetime))
                .withApplications(new ApplicationLimits(appsPerUser, Duration.ofSeconds(appIdleTimeout),
                        apps.initialIdleTimeout(), apps.tombstoneRetention()))
                .withConversations(new ConversationLimits(Duration.ofSeconds(invitationTimeout),
                        Duration.ofSeconds(deliveryTimeout), conversations.typingTimeout(), conversations.retention()))
                .with(b -> {
                    b.adminPort = adminPort;
                    b.adminBind = adminBind;
                    b.connections = new ConnectionLimits(Duration.ofSeconds(idleTimeout), maxConnectionsPerAddress,
                            b.connections.maxHeaderBytes(), capLoopback);
                    var s = b.signIns;
                    b.signIns = new SignInLimits(s.hashThreads(), s.hashQueue(), s.accountFailures(), s.accountRefill(),
                            s.addressFailures(), s.addressRefill(), capLoopback);
                });
        ParleyServer server = ParleyServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            System.out.println("Parley stopped; the store is closed cleanly.");
            System.out.flush();
            stopped.countDown();
        }, "parley-shutdown"));
        System.out.println("Parley ready on http://" + bind + ":" + server.port() + "/ (data: "
                + config.store().describe() + ")");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
