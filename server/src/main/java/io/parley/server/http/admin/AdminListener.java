package io.parley.server.http.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.UcwaError;
import io.parley.protocol.UcwaJson;
import io.parley.server.metrics.ServerMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The operator's listener: {@code GET /metrics} (Prometheus text), on its own address and port, off the public
 * UCWA port, where anyone could read the server's load. Bound to 127.0.0.1 unless the operator says otherwise;
 * not started at all unless a port is given ({@code --admin-port}).
 *
 * <p>The JDK's small HTTP server on one thread: a scrape every few seconds needs nothing more, and it shares
 * none of the public listener's threads or limits.
 */
public final class AdminListener implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService thread;

    private AdminListener(HttpServer server, ExecutorService thread) {
        this.server = server;
        this.thread = thread;
    }

    public static AdminListener start(String bind, int port, ServerMetrics metrics) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 16);
            server.createContext("/", exchange -> answer(exchange, metrics));
            ExecutorService thread = Executors.newSingleThreadExecutor(
                    Thread.ofPlatform().name("parley-admin").daemon(true).factory());
            server.setExecutor(thread);
            server.start();
            return new AdminListener(server, thread);
        } catch (IOException e) {
            throw new UncheckedIOException("The admin listener cannot listen on " + bind + ":" + port
                    + "; choose another --admin-port", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, ServerMetrics metrics) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/metrics") && (method.equals("GET") || method.equals("HEAD"))) {
                send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape(), method.equals("HEAD"));
            } else if (path.equals("/metrics")) {
                send(exchange, 405, UcwaJson.CONTENT_TYPE, UcwaError.of(ErrorCode.MethodNotAllowed, null,
                        "Use GET.").toJson(), false);
            } else {
                send(exchange, 404, UcwaJson.CONTENT_TYPE, UcwaError.of(ErrorCode.NotFound, "ResourceNotFound",
                        "The admin listener serves /metrics only.").toJson(), false);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body, boolean head)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
