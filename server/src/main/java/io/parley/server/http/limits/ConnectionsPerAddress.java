package io.parley.server.http.limits;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the connections one client address holds open: the connection past the cap is closed as soon as it
 * opens, before it costs a request. Without it, one host opening sockets until the server ran out of file
 * descriptors denied service to everyone. A connector bean: Jetty tells it of every connection it opens and
 * closes.
 *
 * <p>Counted by address, not by port: clients behind one NAT share the cap, which is why it is generous
 * (a few hundred). Loopback clients are not counted unless asked ({@link ConnectionLimits#capLoopback}): a
 * reverse proxy on the same host brings every user's connections from 127.0.0.1. The first refusal of a
 * burst is logged, not each one.
 */
public final class ConnectionsPerAddress implements Connection.Listener {
    private static final Logger log = LoggerFactory.getLogger(ConnectionsPerAddress.class);
    private final int max;
    private final boolean capLoopback;
    private final ConcurrentHashMap<InetAddress, AtomicInteger> open = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<InetAddress, Boolean> warned = new ConcurrentHashMap<>();
    /** Each open connection's address, kept because a closed socket no longer tells it. */
    private final ConcurrentHashMap<Connection, InetAddress> addresses = new ConcurrentHashMap<>();

    public ConnectionsPerAddress(int max, boolean capLoopback) {
        this.max = max;
        this.capLoopback = capLoopback;
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress address = address(connection);
        if (address == null || (address.isLoopbackAddress() && !capLoopback)) {
            return;
        }
        addresses.put(connection, address);
        int count = open.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
        if (count > max) {
            if (warned.putIfAbsent(address, Boolean.TRUE) == null) {
                log.warn("{} holds {} connections, the most one address may; closing its new ones until it closes "
                        + "some (connection limit per address)", address.getHostAddress(), max);
            }
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress address = addresses.remove(connection);
        if (address == null) { // not counted
            return;
        }
        open.computeIfPresent(address, (a, n) -> {
            if (n.decrementAndGet() > 0) {
                return n;
            }
            warned.remove(a);
            return null;
        });
    }

    /** Connections open from this address now (for tests and metrics). */
    public int openFrom(InetAddress address) {
        AtomicInteger n = open.get(address);
        return n == null ? 0 : n.get();
    }

    private static InetAddress address(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
