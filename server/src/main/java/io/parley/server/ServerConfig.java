package io.parley.server;

import io.parley.server.core.application.ApplicationLimits;
import io.parley.server.core.conversation.ConversationLimits;
import io.parley.server.core.events.ChannelLimits;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything an operator can set. {@link #defaults} gives UCWA's numbers; tests shorten the timers.
 *
 * @param publicUrl base for absolute links, or null to use the request's Host
 * @param durable   fsync every group commit (SQLite synchronous=FULL); off only for throwaway benches
 */
public record ServerConfig(
        String bind,
        int port,
        Path dataDir,
        String publicUrl,
        Duration tokenLifetime,
        ApplicationLimits applications,
        ConversationLimits conversations,
        ChannelLimits channels,
        Duration presenceIdleAfter,
        Duration sweepInterval,
        int maxBodyBytes,
        boolean durable) {

    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig("127.0.0.1", 8080, dataDir, null, Duration.ofHours(8), ApplicationLimits.defaults(),
                ConversationLimits.defaults(), ChannelLimits.ucwa(), Duration.ofMinutes(5), Duration.ofSeconds(1),
                1 << 20, true);
    }

    public ServerConfig withPort(int port) {
        return new ServerConfig(bind, port, dataDir, publicUrl, tokenLifetime, applications, conversations, channels,
                presenceIdleAfter, sweepInterval, maxBodyBytes, durable);
    }

    public ServerConfig withBind(String bind) {
        return new ServerConfig(bind, port, dataDir, publicUrl, tokenLifetime, applications, conversations, channels,
                presenceIdleAfter, sweepInterval, maxBodyBytes, durable);
    }

    public ServerConfig withPublicUrl(String publicUrl) {
        return new ServerConfig(bind, port, dataDir, publicUrl, tokenLifetime, applications, conversations, channels,
                presenceIdleAfter, sweepInterval, maxBodyBytes, durable);
    }

    public ServerConfig withApplications(ApplicationLimits applications) {
        return new ServerConfig(bind, port, dataDir, publicUrl, tokenLifetime, applications, conversations, channels,
                presenceIdleAfter, sweepInterval, maxBodyBytes, durable);
    }

    public ServerConfig withConversations(ConversationLimits conversations) {
        return new ServerConfig(bind, port, dataDir, publicUrl, tokenLifetime, applications, conversations, channels,
                presenceIdleAfter, sweepInterval, maxBodyBytes, durable);
    }

    public ServerConfig withChannels(ChannelLimits channels) {
        return new ServerConfig(bind, port, dataDir, publicUrl, tokenLifetime, applications, conversations, channels,
                presenceIdleAfter, sweepInterval, maxBodyBytes, durable);
    }

    public ServerConfig withSweepInterval(Duration sweepInterval) {
        return new ServerConfig(bind, port, dataDir, publicUrl, tokenLifetime, applications, conversations, channels,
                presenceIdleAfter, sweepInterval, maxBodyBytes, durable);
    }

    public ServerConfig withTokenLifetime(Duration tokenLifetime) {
        return new ServerConfig(bind, port, dataDir, publicUrl, tokenLifetime, applications, conversations, channels,
                presenceIdleAfter, sweepInterval, maxBodyBytes, durable);
    }

    public ServerConfig withMaxBodyBytes(int maxBodyBytes) {
        return new ServerConfig(bind, port, dataDir, publicUrl, tokenLifetime, applications, conversations, channels,
                presenceIdleAfter, sweepInterval, maxBodyBytes, durable);
    }
}
