package io.parley.server.http.events;

import io.parley.server.core.auth.User;
import io.parley.server.http.CoreExchange;
import io.parley.server.http.Links;
import io.parley.server.http.Services;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The event channel's common case served on Jetty's core API, in front of Javalin: {@code GET
 * /ucwa/oauth/v1/applications/{app}/events?ack=N} spelled exactly so, with a valid bearer token. Every IM costs
 * two such polls (the recipient's answer and the sender's confirmation); on this path they skip the servlet
 * layer, the session handler and Javalin's routing and filters, about a third of the server's CPU per request
 * (profiled at 3,500 IMs/s).
 *
 * <p>Anything else (another spelling of the path, no or a bad token, a path with escapes) goes on to the
 * Javalin route, which is the reference behaviour; the answers here are built by the same {@link PollEvents}.
 */
public final class EventChannelFastPath extends Handler.Wrapper {
    private static final String PREFIX = Links.APPLICATIONS + "/";
    private static final String SUFFIX = "/events";
    private final Services s;
    private final PollEvents events;

    public EventChannelFastPath(Services s) {
        this.s = s;
        this.events = new PollEvents(s);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String appId = HttpMethod.GET.is(request.getMethod()) ? appId(request.getHttpURI().getPath()) : null;
        if (appId == null) {
            return super.handle(request, response, callback);
        }
        Optional<User> user = CoreExchange.caller(s, request);
        if (user.isEmpty()) {
            return super.handle(request, response, callback); // the Javalin filter answers with the challenge
        }
        String path = request.getHttpURI().getPath();
        Query q;
        try {
            q = Query.parse(request.getHttpURI().getQuery());
        } catch (IllegalArgumentException malformedEscape) {
            return super.handle(request, response, callback);
        }
        PollEvents.Started started;
        try {
            started = events.start(user.get(), appId, PollEvents.ack(q.ack), PollEvents.seconds(q.timeout, "timeout"),
                    PollEvents.seconds(q.medium, "medium"), PollEvents.seconds(q.low, "low"),
                    request.getConnectionMetaData().getConnection().getEndPoint());
        } catch (RuntimeException e) {
            started = PollEvents.Started.failed(e);
        }
        PollEvents.Started poll = started;
        poll.outcome().whenComplete((result, error) -> {
            poll.disarm();
            write(response, callback, events.reply(result, error, path));
        });
        return true;
    }

    /** The {app} of exactly .../applications/{app}/events, or null to leave the request to Javalin. */
    static String appId(String path) {
        if (path == null || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX)
                || path.length() <= PREFIX.length() + SUFFIX.length()) {
            return null;
        }
        String app = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
        return CoreExchange.plainSegment(app) ? app : null;
    }

    private static void write(Response response, Callback callback, PollEvents.Reply reply) {
        if (reply.page() != null) {
            CoreExchange.page(response, callback, reply.page());
        } else {
            CoreExchange.error(response, callback, reply.failure());
        }
    }

    /**
     * The four parameters of a poll, each its first occurrence (as Javalin's {@code queryParam}). Values with
     * escapes are decoded; a poll's values are numbers, so that is rare.
     */
    record Query(String ack, String timeout, String medium, String low) {
        static Query parse(String query) {
            String ack = null;
            String timeout = null;
            String medium = null;
            String low = null;
            if (query != null) {
                int at = 0;
                while (at <= query.length()) {
                    int amp = query.indexOf('&', at);
                    int end = amp < 0 ? query.length() : amp;
                    int eq = query.indexOf('=', at);
                    if (eq > at && eq < end) {
                        String name = query.substring(at, eq);
                        String value = decode(query.substring(eq + 1, end));
                        switch (name) {
                            case "ack" -> ack = ack == null ? value : ack;
                            case "timeout" -> timeout = timeout == null ? value : timeout;
                            case "medium" -> medium = medium == null ? value : medium;
                            case "low" -> low = low == null ? value : low;
                            default -> { }
                        }
                    }
                    at = end + 1;
                }
            }
            return new Query(ack, timeout, medium, low);
        }

        private static String decode(String value) {
            return value.indexOf('%') < 0 && value.indexOf('+') < 0 ? value
                    : java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
        }
    }
}
