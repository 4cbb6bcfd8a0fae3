package io.parley.server.http;

import io.javalin.Javalin;
import io.parley.server.http.events.EventChannelFastPath;
import io.parley.server.http.limits.ConnectionLimits;
import io.parley.server.http.limits.ConnectionsPerAddress;
import io.parley.server.http.messaging.SendMessageFastPath;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Javalin on Jetty, set up for UCWA: virtual threads for handlers, request targets like {@code //ucwa/...}
 * accepted as paths (COMPAT: tolerances, "Requests"), and the listener's limits ({@link ConnectionLimits}):
 * a short idle timeout (a parked event poll lifts it for its connection, {@code ParkedPolls}), a cap on
 * connections per client address, a cap on the size of the request line and headers. Every answer Jetty
 * makes on its own is a UCWA error ({@link ContainerErrors}).
 */
public final class WebServer {
    private final Javalin javalin;
    private final ServerConnector[] connector = new ServerConnector[1];

    public WebServer(String bind, int port, ConnectionLimits limits, Services services) {
        this.javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.concurrency.useVirtualThreads = true;
            config.router.caseInsensitiveRoutes = true;
            config.router.treatMultipleSlashesAsSingleSlash = true;
            config.router.ignoreTrailingSlashes = true;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = Long.MAX_VALUE; // Bodies enforces the limit, with a UCWA error
            config.http.asyncTimeout = 0;
            // Javalin copies each answer into Jetty's output through a buffer of this size, allocated per
            // answer (by default Jetty's output buffer size, 32 KB: half of all the server allocated under
            // load). UCWA answers are a few KB; a longer one simply takes more rounds of the copy.
            config.http.responseBufferSize = 2048;
            config.jetty.modifyHttpConfiguration(http -> {
                http.setUriCompliance(UriCompliance.LEGACY);
                // Each connection otherwise keeps a header-field cache (a trie of ~100 KB): with thousands of
                // held event channels that was most of the server's memory. Parsing without it costs little.
                http.setHeaderCacheSize(0);
                http.setSendServerVersion(false);
                http.setRequestHeaderSize(limits.maxHeaderBytes());
            });
            config.jetty.addConnector((server, http) -> {
                ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(http));
                c.setHost(bind);
                c.setPort(port);
                c.setIdleTimeout(limits.idleTimeout().toMillis());
                c.addBean(new ConnectionsPerAddress(limits.maxPerAddress(), limits.capLoopback()));
                c.setAcceptQueueSize(4096);
                connector[0] = c;
                return c;
            });
            config.jetty.modifyServletContextHandler(handler -> {
                handler.getServletHandler().setDecodeAmbiguousURIs(true);
                handler.setErrorHandler(new ContainerErrors());
            });
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new ContainerErrors());
                server.insertHandler(new JsonContentTypeSpelling());
                server.insertHandler(new SendMessageFastPath(services));
                server.insertHandler(new EventChannelFastPath(services)); // outermost: tried first
            });
            Routes.register(config, services);
        });
    }

    /**
     * Loads, ahead of {@link #start}, the part of Jetty that is slowest to load: {@code MimeTypes} lists every
     * locale the JDK knows when its class initializes (~70 ms on a 2-core VM). Start-up calls this on a spare
     * thread while the store opens.
     */
    public static void preload() {
        MimeTypes.DEFAULTS.getMimeByExtension("x.json");
    }

    public void start() {
        try {
            javalin.start();
        } catch (RuntimeException e) {
            // Javalin says "Port already in use" for any failure to bind; say what it really was.
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.net.BindException bind) {
                    ServerConnector c = connector[0];
                    throw new IllegalStateException("Cannot listen on " + c.getHost() + ":" + c.getPort() + ": "
                            + bind.getMessage() + " (is --bind an address of this machine, and is --port free?)", e);
                }
            }
            throw e;
        }
    }

    public int port() {
        return connector[0].getLocalPort();
    }

    public void stop() {
        javalin.stop();
    }
}
