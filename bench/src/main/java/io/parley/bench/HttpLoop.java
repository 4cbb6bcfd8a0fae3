package io.parley.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keep-alive HTTP/1.1 connections, one exchange at a time each, all driven by one selector thread: the load
 * generator's hot path (every event-channel poll and every sendMessage).
 *
 * <p>Why not a thread (even a virtual one) per connection: the harness shares the server's two cores, and a
 * blocking read on a virtual thread costs a failed read, an epoll registration, a park and an unpark through
 * the JDK's poller. Profiled at 3,000 IMs/s, a third of the harness's CPU went to that scheduling (futex
 * wake-ups above all). Here each connection is registered once, and one {@code epoll_wait} reports many
 * ready answers at a time.
 *
 * <p>Answers are handed to their {@link Handler} on the loop thread, which may start the connection's next
 * exchange right there. Anything else reaches the loop through {@link #execute}.
 */
final class HttpLoop implements AutoCloseable {
    record Response(int status, byte[] body) {}

    /** Where an exchange's outcome goes; called on the loop thread. */
    interface Handler {
        void answered(Response response);

        void failed(IOException error);
    }

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024); // only the loop thread reads
    private final java.util.Set<Connection> connections = new java.util.HashSet<>(); // open ones, to close at the end
    private volatile boolean closed;

    HttpLoop(String name) {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a selector", e);
        }
        this.thread = Thread.ofPlatform().name(name).daemon(true).start(this::run);
    }

    /** A new connection to the server of {@code baseUrl}; it connects on its first exchange. */
    Connection connection(String baseUrl) {
        URI uri = URI.create(baseUrl);
        return new Connection(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
    }

    /** Runs {@code task} on the loop thread (at once when called from it). */
    void execute(Runnable task) {
        if (Thread.currentThread() == thread) {
            task.run();
            return;
        }
        tasks.add(task);
        if (wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    private void run() {
        while (!closed) {
            try {
                selector.select();
                wakeupPending.set(false);
                for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                    task.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection c = (Connection) key.attachment();
                    if (key.isValid() && key.isWritable()) {
                        c.flush();
                    }
                    if (key.isValid() && key.isReadable()) {
                        c.readable();
                    }
                }
                selector.selectedKeys().clear();
            } catch (ClosedSelectorException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    System.err.println("bench: HTTP loop: " + e);
                }
            }
        }
    }

    /** Closes every connection; exchanges still waiting fail. */
    @Override
    public void close() {
        execute(() -> {
            closed = true;
            for (Connection c : List.copyOf(connections)) {
                c.fail(new IOException("connection closed by the harness"));
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        });
    }

    /** One keep-alive connection. Use it from the loop thread (a handler) or through {@link #execute}. */
    final class Connection {
        private final String host;
        private final int port;
        private SocketChannel channel;
        private SelectionKey key;
        private ByteBuffer pendingWrite;
        private Handler handler;
        private boolean headOnly;
        private byte[] in = new byte[16 * 1024];
        private int inLength;

        private Connection(String host, int port) {
            this.host = host;
            this.port = port;
        }

        /**
         * Sends one request; its answer (or failure) goes to {@code handler}. From any thread: off the loop it is
         * queued. A request on a connection that is busy fails at once.
         */
        void exchange(String method, String href, String token, String contentType, byte[] body, Handler handler) {
            byte[] request = request(method, href, token, contentType, body);
            execute(() -> start(method, request, handler));
        }

        private void start(String method, byte[] request, Handler h) {
            if (closed) {
                h.failed(new IOException("connection closed by the harness"));
                return;
            }
            if (handler != null) {
                h.failed(new IOException("an exchange is already running on this connection"));
                return;
            }
            try {
                if (channel == null) {
                    open();
                }
                handler = h;
                headOnly = method.equals("HEAD");
                pendingWrite = ByteBuffer.wrap(request);
                flush();
            } catch (IOException e) {
                handler = h;
                fail(e);
            }
        }

        private void open() throws IOException {
            SocketChannel ch = SocketChannel.open();
            try {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.connect(new InetSocketAddress(host, port)); // loopback: immediate
                ch.configureBlocking(false);
                key = ch.register(selector, SelectionKey.OP_READ, this);
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            channel = ch;
            inLength = 0;
            connections.add(this);
        }

        private void flush() {
            try {
                channel.write(pendingWrite); // a small request goes out whole, in one segment
                if (pendingWrite.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                } else {
                    pendingWrite = null;
                    key.interestOps(SelectionKey.OP_READ);
                }
            } catch (IOException e) {
                fail(e);
            }
        }

        private void readable() {
            try {
                readBuffer.clear();
                int n = channel.read(readBuffer);
                if (n < 0) {
                    throw new EOFException(handler == null ? "the server closed an idle connection"
                            : "the server closed the connection before answering");
                }
                readBuffer.flip();
                if (inLength + n > in.length) {
                    in = Arrays.copyOf(in, Math.max(in.length * 2, inLength + n));
                }
                readBuffer.get(in, inLength, n);
                inLength += n;
                Response r = parse();
                if (r != null) {
                    Handler h = handler;
                    handler = null;
                    inLength = 0;
                    if (h != null) {
                        h.answered(r);
                    }
                }
            } catch (IOException | RuntimeException e) {
                fail(e instanceof IOException io ? io : new IOException(e));
            }
        }

        /** Closes the connection (the next exchange reconnects) and fails the exchange waiting on it. */
        private void fail(IOException error) {
            connections.remove(this);
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            channel = null;
            key = null;
            pendingWrite = null;
            inLength = 0;
            Handler h = handler;
            handler = null;
            if (h != null) {
                h.failed(error);
            }
        }

        /** A whole answer from {@code in}, or null while it is incomplete. */
        private Response parse() throws IOException {
            int headEnd = indexOf(in, inLength, 0);
            if (headEnd < 0) {
                return null;
            }
            String head = new String(in, 0, headEnd, StandardCharsets.ISO_8859_1);
            if (!head.startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP answer: " + head.lines().findFirst().orElse(""));
            }
            int status = Integer.parseInt(head.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (int from = 0, to; from < head.length(); from = to + 2) { // header lines, without a regex split
                to = head.indexOf("\r\n", from);
                if (to < 0) {
                    to = head.length();
                }
                String line = head.substring(from, to);
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(line.substring(colon + 1).trim());
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = line.substring(colon + 1).toLowerCase().contains("chunked");
                }
            }
            int bodyStart = headEnd + 4;
            if (headOnly || status == 204 || status == 304 || status < 200) {
                return new Response(status, new byte[0]);
            }
            if (chunked) {
                return dechunk(status, bodyStart);
            }
            if (length < 0) {
                throw new IOException("an answer without Content-Length or chunking (not sent by Parley)");
            }
            if (inLength - bodyStart < length) {
                return null;
            }
            return new Response(status, Arrays.copyOfRange(in, bodyStart, bodyStart + (int) length));
        }

        private Response dechunk(int status, int from) {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            int at = from;
            while (true) {
                int lineEnd = indexOfCrlf(at);
                if (lineEnd < 0) {
                    return null;
                }
                String size = new String(in, at, lineEnd - at, StandardCharsets.ISO_8859_1);
                int semi = size.indexOf(';');
                int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                at = lineEnd + 2;
                if (n == 0) {
                    // Trailers (none from Parley) end with an empty line.
                    return indexOfCrlf(at) < 0 ? null : new Response(status, body.toByteArray());
                }
                if (inLength - at < n + 2) {
                    return null;
                }
                body.write(in, at, n);
                at += n + 2;
            }
        }

        private int indexOfCrlf(int from) {
            for (int i = from; i + 1 < inLength; i++) {
                if (in[i] == '\r' && in[i + 1] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        private byte[] request(String method, String href, String token, String contentType, byte[] body) {
            StringBuilder s = new StringBuilder(256).append(method).append(' ').append(path(href)).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host).append(':').append(port).append("\r\n")
                    .append("Accept: application/json\r\n");
            if (token != null) {
                s.append("Authorization: Bearer ").append(token).append("\r\n");
            }
            if (contentType != null) {
                s.append("Content-Type: ").append(contentType).append("\r\n");
            }
            if (body != null) {
                s.append("Content-Length: ").append(body.length).append("\r\n");
            }
            byte[] head = s.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
            if (body == null) {
                return head;
            }
            byte[] whole = Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, whole, head.length, body.length);
            return whole;
        }

        /** Fails a waiting exchange and closes; safe from any thread. */
        void close() {
            execute(() -> fail(new IOException("connection closed by the harness")));
        }
    }

    private static int indexOf(byte[] b, int length, int from) {
        for (int i = from; i + 3 < length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String path(String href) {
        if (href.startsWith("http://") || href.startsWith("https://")) {
            URI u = URI.create(href);
            return u.getRawQuery() == null ? u.getRawPath() : u.getRawPath() + "?" + u.getRawQuery();
        }
        return href;
    }
}
