package io.parley.cli;

import io.parley.server.ParleyServer;
import io.parley.server.ServerConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley serve}: runs the server in the foreground until SIGTERM or SIGINT. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the UCWA server in the foreground, with its embedded store in the data directory.")
final class Serve implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--data", defaultValue = "./parley-data", description = "Data directory (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--public-url", description = "Base URL for absolute links (default: the request's Host).")
    String publicUrl;

    @Override
    public Integer call() throws Exception {
        ServerConfig config = ServerConfig.defaults(data).withPort(port).withBind(bind).withPublicUrl(publicUrl);
        ParleyServer server = ParleyServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            System.out.println("Parley stopped; the store is closed cleanly.");
            System.out.flush();
            stopped.countDown();
        }, "parley-shutdown"));
        System.out.println("Parley ready on http://" + bind + ":" + server.port() + "/ (data: " + data.toAbsolutePath()
                + ")");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
