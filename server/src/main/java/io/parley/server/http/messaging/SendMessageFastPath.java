package io.parley.server.http.messaging;

import io.parley.server.core.auth.User;
import io.parley.server.http.CoreExchange;
import io.parley.server.http.Links;
import io.parley.server.http.Services;
import io.parley.server.http.UcwaErrors;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * sendMessage's common case served on Jetty's core API, in front of Javalin: {@code POST
 * /ucwa/oauth/v1/applications/{app}/communication/conversations/{conversation}/messaging/messages} spelled
 * exactly so, with a valid bearer token, a plain query and a Content-Length within the body limit. With the event channel's fast path
 * ({@link io.parley.server.http.events.EventChannelFastPath}) this takes all three requests of an IM off the
 * servlet layer and Javalin. Anything else goes on to the Javalin route, which is the reference; the work is
 * done by the same {@link SendMessage}. Handlers run on virtual threads, so waiting for the commit is cheap.
 */
public final class SendMessageFastPath extends Handler.Wrapper {
    private static final String PREFIX = Links.APPLICATIONS + "/";
    private static final String CONVERSATIONS = "/communication/conversations/";
    private static final String SUFFIX = "/messaging/messages";
    private final Services s;
    private final SendMessage sendMessage;

    public SendMessageFastPath(Services s) {
        this.s = s;
        this.sendMessage = new SendMessage(s);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String[] target = HttpMethod.POST.is(request.getMethod()) ? target(request.getHttpURI().getPath()) : null;
        if (target == null) {
            return super.handle(request, response, callback);
        }
        OperationId operationId = OperationId.of(request.getHttpURI().getQuery());
        if (operationId == null) {
            return super.handle(request, response, callback); // a query Javalin should read
        }
        long declared = request.getLength();
        if (!s.bodies().fits(declared)) {
            return super.handle(request, response, callback); // no Content-Length, or past the limit: Javalin refuses it
        }
        Optional<User> user = CoreExchange.caller(s, request);
        if (user.isEmpty()) {
            return super.handle(request, response, callback); // the Javalin filter answers with the challenge
        }
        String location;
        try {
            // The whole body first, even for a send that will be refused: answering while the client is still
            // sending makes Jetty cut the connection, and the client never reads the answer.
            byte[] body = s.bodies().read(Content.Source.asInputStream(request), declared);
            location = sendMessage.send(user.get(), target[0], target[1], request.getHeaders().get(HttpHeader.CONTENT_TYPE),
                    () -> body, operationId.value());
        } catch (RuntimeException e) {
            CoreExchange.error(response, callback, UcwaErrors.of(e, "POST", request.getHttpURI().getPath()));
            return true;
        }
        CoreExchange.created(response, callback, location);
        return true;
    }

    /** {app, conversation} of exactly .../applications/{app}/communication/conversations/{c}/messaging/messages, or null. */
    static String[] target(String path) {
        if (path == null || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX)) {
            return null;
        }
        int appEnd = path.indexOf('/', PREFIX.length());
        if (appEnd < 0 || !path.startsWith(CONVERSATIONS, appEnd)) {
            return null;
        }
        int conversationStart = appEnd + CONVERSATIONS.length();
        int conversationEnd = path.length() - SUFFIX.length();
        if (conversationEnd <= conversationStart) {
            return null;
        }
        String app = path.substring(PREFIX.length(), appEnd);
        String conversation = path.substring(conversationStart, conversationEnd);
        return CoreExchange.plainSegment(app) && CoreExchange.plainSegment(conversation) ? new String[] {app, conversation} : null;
    }

    /**
     * The correlation id of a sendMessage query: the first {@code operationId} or {@code operationContext}, in
     * any case (as the Javalin route reads it). Null means "leave this query to Javalin": a parameter without
     * {@code =} or with a malformed escape.
     */
    record OperationId(String value) {
        static OperationId of(String query) {
            if (query == null || query.isEmpty()) {
                return new OperationId(null);
            }
            String found = null;
            for (String pair : query.split("&", -1)) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    return null;
                }
                String name = pair.substring(0, eq);
                if (found == null && (name.equalsIgnoreCase("operationId") || name.equalsIgnoreCase("operationContext"))) {
                    String raw = pair.substring(eq + 1);
                    try {
                        found = raw.indexOf('%') < 0 && raw.indexOf('+') < 0 ? raw
                                : java.net.URLDecoder.decode(raw, StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException malformed) {
                        return null;
                    }
                }
            }
            return new OperationId(found);
        }
    }
}
