package io.parley.server.support;

import io.parley.server.ParleyServer;
import java.nio.file.Path;

/** Runs a test-configured server in its own process (for the kill -9 scenario): args = port, data dir. */
public final class ServerMain {
    private ServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        ParleyServer server = ParleyServer.start(TestServer.fastConfig(Path.of(args[1])).withPort(Integer.parseInt(args[0])));
        System.out.println("READY " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
