package io.parley.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a test server that can lose one event-channel answer: when armed, the next
 * response to a {@code GET .../events} request is swallowed and the connection cut, exactly what a client
 * sees when a network drops a response the server already sent.
 */
final class DroppingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int upstreamPort;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicInteger dropped = new AtomicInteger();
    private volatile boolean open = true;

    DroppingProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket(0);
        Thread.ofVirtual().start(this::accept);
    }

    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort() + "/";
    }

    void dropNextEventsAnswer() {
        armed.set(true);
    }

    int dropped() {
        return dropped.get();
    }

    private void accept() {
        while (open) {
            try {
                Socket client = listener.accept();
                Socket upstream = new Socket("127.0.0.1", upstreamPort);
                String[] lastRequest = {""};
                Thread.ofVirtual().start(() -> pump(client, upstream, true, lastRequest));
                Thread.ofVirtual().start(() -> pump(upstream, client, false, lastRequest));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean request, String[] lastRequest) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buf = new byte[16384];
            int n;
            while ((n = in.read(buf)) > 0) {
                String head = new String(buf, 0, Math.min(n, 200), StandardCharsets.ISO_8859_1);
                if (request && (head.startsWith("GET ") || head.startsWith("POST ") || head.startsWith("DELETE "))) {
                    lastRequest[0] = head.substring(0, head.indexOf('\r') > 0 ? head.indexOf('\r') : head.length());
                }
                if (!request && head.startsWith("HTTP/1.1 200") && lastRequest[0].contains("/events?")
                        && armed.compareAndSet(true, false)) {
                    dropped.incrementAndGet();
                    from.close();
                    to.close();
                    return;
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed; close the other
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    @Override
    public void close() throws IOException {
        open = false;
        listener.close();
    }
}
