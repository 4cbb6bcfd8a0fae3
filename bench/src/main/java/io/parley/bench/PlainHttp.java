package io.parley.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One keep-alive HTTP/1.1 connection with blocking calls, one exchange at a time, meant to be driven by a
 * virtual thread. The hot path of the load (event-channel polls and sendMessage) runs on these because the
 * JDK's HttpClient cost the harness about as much CPU per IM as the server spent: the harness shares the
 * server's two cores, so every microsecond it saves is one the server can use.
 */
final class PlainHttp implements AutoCloseable {
    record Response(int status, byte[] body) {}

    private final String host;
    private final int port;
    private final int readTimeoutMillis;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int lim;
    private volatile Socket socket;
    private volatile boolean closed;
    private InputStream in;
    private OutputStream out;
    private boolean reused;

    PlainHttp(String baseUrl, int readTimeoutMillis) {
        URI uri = URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort() < 0 ? 80 : uri.getPort();
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /**
     * One request and its whole answer. A keep-alive connection the server closed while it was idle is
     * reopened and the request sent again, but only when the server answered nothing at all: it never read it.
     */
    Response exchange(String method, String href, String token, String contentType, byte[] body) throws IOException {
        byte[] head = head(method, path(href), token, contentType, body == null ? -1 : body.length);
        if (body != null) { // one write, one segment: the server reads the request in one go
            byte[] whole = Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, whole, head.length, body.length);
            head = whole;
        }
        boolean retried = false;
        while (true) {
            if (closed) {
                throw new IOException("connection closed by the harness");
            }
            if (socket == null) {
                open();
            }
            boolean wasReused = reused;
            try {
                out.write(head);
                out.flush();
            } catch (IOException e) { // a write that failed was not read either
                closeQuietly();
                if (!wasReused || retried) {
                    throw e;
                }
                retried = true;
                continue;
            }
            try {
                reused = true;
                return read(method);
            } catch (UnansweredException e) {
                closeQuietly();
                if (!wasReused || retried) {
                    throw e;
                }
                retried = true;
            } catch (IOException e) {
                closeQuietly();
                throw e;
            }
        }
    }

    private static String path(String href) {
        if (href.startsWith("http://") || href.startsWith("https://")) {
            URI u = URI.create(href);
            return u.getRawQuery() == null ? u.getRawPath() : u.getRawPath() + "?" + u.getRawQuery();
        }
        return href;
    }

    private byte[] head(String method, String path, String token, String contentType, int length) {
        StringBuilder s = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n")
                .append("Accept: application/json\r\n");
        if (token != null) {
            s.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (contentType != null) {
            s.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (length >= 0) {
            s.append("Content-Length: ").append(length).append("\r\n");
        }
        return s.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private void open() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(host, port), 10_000);
        s.setSoTimeout(readTimeoutMillis);
        in = s.getInputStream();
        out = s.getOutputStream();
        pos = lim = 0;
        reused = false;
        socket = s;
    }

    /** Nothing at all came back: the server closed the connection before reading the request. */
    private static final class UnansweredException extends EOFException {
        UnansweredException() {
            super("connection closed before any answer");
        }
    }

    private Response read(String method) throws IOException {
        String statusLine = line(true);
        if (!statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String h = line(false); !h.isEmpty(); h = line(false)) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).trim();
            String value = h.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.toLowerCase().contains("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                close = value.equalsIgnoreCase("close");
            }
        }
        byte[] body;
        if (method.equals("HEAD") || status == 204 || status == 304 || (status >= 100 && status < 200)) {
            body = new byte[0];
        } else if (chunked) {
            body = chunkedBody();
        } else if (length >= 0) {
            body = bytes((int) length);
        } else {
            body = untilClose();
            close = true;
        }
        if (close) {
            closeQuietly();
        }
        return new Response(status, body);
    }

    private byte[] chunkedBody() throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        while (true) {
            String size = line(false);
            int semi = size.indexOf(';');
            int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (n == 0) {
                while (!line(false).isEmpty()) {
                    // trailers: ignored
                }
                return all.toByteArray();
            }
            all.write(bytes(n));
            line(false);
        }
    }

    private byte[] bytes(int n) throws IOException {
        byte[] b = new byte[n];
        int done = 0;
        while (done < n) {
            if (pos == lim && !fill(false)) {
                throw new EOFException("connection closed inside a body");
            }
            int take = Math.min(n - done, lim - pos);
            System.arraycopy(buf, pos, b, done, take);
            pos += take;
            done += take;
        }
        return b;
    }

    private byte[] untilClose() throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        while (pos < lim || fill(false)) {
            all.write(buf, pos, lim - pos);
            pos = lim;
        }
        return all.toByteArray();
    }

    /** A CRLF-terminated header line, without the CRLF. */
    private String line(boolean first) throws IOException {
        StringBuilder s = new StringBuilder(64);
        while (true) {
            if (pos == lim && !fill(first && s.isEmpty())) {
                throw new EOFException("connection closed inside the header");
            }
            byte b = buf[pos++];
            if (b == '\n') {
                int end = s.length();
                return end > 0 && s.charAt(end - 1) == '\r' ? s.substring(0, end - 1) : s.toString();
            }
            s.append((char) (b & 0xff));
            first = false;
        }
    }

    /** Reads more bytes; false at end of stream. An end of stream before the first byte of an answer is reported as such. */
    private boolean fill(boolean beforeAnswer) throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            if (beforeAnswer) {
                throw new UnansweredException();
            }
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }

    private void closeQuietly() {
        Socket s = socket;
        socket = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /**
     * For good, and safe from another thread: a call blocked in a read fails at once, and a call that was
     * about to start fails instead of opening a new connection.
     */
    @Override
    public void close() {
        closed = true;
        closeQuietly();
    }
}
