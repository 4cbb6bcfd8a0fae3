package io.parley.server.support;

import io.parley.server.ParleyServer;
import io.parley.server.core.conversation.ConversationLimits;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs a test-configured server in its own process (for the kill -9 scenario): args = port, data dir. Its
 * delivery timeout stays long (60 s): the scenario confirms IMs across a crash and a restart, and on a loaded
 * 2-core box starting the second JVM alone can take longer than the fast configuration's 3 s, after which the
 * IMs rightly complete as failed for their sender.
 */
public final class ServerMain {
    private ServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        var config = TestServer.fastConfig(Path.of(args[1])).withPort(Integer.parseInt(args[0]));
        var c = config.conversations();
        config = config.withConversations(new ConversationLimits(c.invitationTimeout(), Duration.ofSeconds(60),
                c.typingTimeout(), c.retention()));
        ParleyServer server = ParleyServer.start(config);
        System.out.println("READY " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
