package io.parley.server.support;

import io.parley.server.ParleyServer;
import io.parley.server.ServerConfig;
import io.parley.server.core.conversation.ConversationLimits;

/**
 * Runs a test-configured server in its own process (for the kill -9 scenario): args = port, and the store as
 * {@link TestStores#argument} gives it.
 *
 * <p>Unlike {@link TestServer#fastConfig}, messages and invitations wait UCWA's 30 s: a crashed server's
 * successor may take seconds to start on a loaded machine, and IMs sent before the crash must not fail for
 * their sender just because the restart took longer than a shortened timeout.
 */
public final class ServerMain {
    private ServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        ServerConfig fast = TestServer.fastConfig(TestStores.fromArgument(args[1])).withPort(Integer.parseInt(args[0]));
        ConversationLimits ucwa = ConversationLimits.defaults();
        ParleyServer server = ParleyServer.start(fast.withConversations(new ConversationLimits(ucwa.invitationTimeout(),
                ucwa.deliveryTimeout(), fast.conversations().typingTimeout(), fast.conversations().retention())));
        System.out.println("READY " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
