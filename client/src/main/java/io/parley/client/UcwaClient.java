package io.parley.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.protocol.UcwaJson;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A signed-in UCWA client: one application on the server, its event channel, and the conversations in it.
 * Works against Parley and against Lync 2013 / Skype for Business servers: it follows the links the server
 * returns and never builds URLs from patterns.
 *
 * <pre>{@code
 * try (UcwaClient client = UcwaClient.builder()
 *         .server("https://lyncdiscover.contoso.com/")   // or .server("contoso.com")
 *         .user("bob@contoso.com").password(secret)
 *         .signIn()) {
 *     Conversation c = client.startMessaging("sip:alice@contoso.com", "Build", "Build 42 failed");
 *     c.connected().get(60, TimeUnit.SECONDS);
 *     c.send("Logs: https://ci.example/42").get(30, TimeUnit.SECONDS);
 *     c.stop();
 * }
 * }</pre>
 *
 * <p>Closing deletes the application on the server (signs the endpoint out) and stops every thread the
 * client started.
 */
public final class UcwaClient implements AutoCloseable {
    private final Builder options;
    private final HttpClient http;
    private final Session session;
    private final EventDispatcher dispatcher;
    private final UcwaListener listener;
    private final ScheduledExecutorService keepAlive;
    private volatile JsonNode application;
    private volatile EventChannel channel;
    private volatile boolean closed;

    private UcwaClient(Builder options) {
        this.options = options;
        this.listener = options.listener;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        Discovery discovery = new Discovery(http, options.server, options.user, options.password);
        this.session = new Session(http, discovery, discovery.signIn());
        this.dispatcher = new EventDispatcher(this);
        this.keepAlive = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("ucwa-keepalive").factory());
        String events = createApplication();
        this.channel = new EventChannel(this, events, dispatcher::dispatch);
        channel.start();
        if (options.available) {
            keepAlive.scheduleWithFixedDelay(this::reportActivity, options.keepAlive.toMillis(), options.keepAlive.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Invites someone to an IM conversation. The returned conversation's {@link Conversation#connected()}
     * completes when they accept, or fails with {@link InvitationFailedException}.
     *
     * @param to           a SIP URI ({@code sip:alice@contoso.com}) or an address
     * @param subject      may be null
     * @param firstMessage sent with the invitation (shown in the toast); may be null
     */
    public Conversation startMessaging(String to, String subject, String firstMessage) {
        return startMessaging(to, subject, firstMessage, "Normal");
    }

    /** As {@link #startMessaging(String, String, String)}, with an importance (Normal, Urgent, Emergency). */
    public Conversation startMessaging(String to, String subject, String firstMessage, String importance) {
        String uri = to.regionMatches(true, 0, "sip:", 0, 4) ? to : "sip:" + to;
        String operationId = UUID.randomUUID().toString();
        Conversation c = new Conversation(this, null, uri, subject, true);
        dispatcher.expectInvitation(operationId, c);
        ObjectNode body = UcwaJson.mapper().createObjectNode();
        body.put("to", uri);
        body.put("operationId", operationId);
        body.put("importance", importance == null ? "Normal" : importance);
        if (subject != null) {
            body.put("subject", subject);
        }
        if (firstMessage != null && !firstMessage.isEmpty()) {
            body.putObject("_links").putObject("message").put("href",
                    "data:text/plain;charset=utf-8," + URLEncoder.encode(firstMessage, StandardCharsets.UTF_8));
        }
        String href = EventDispatcher.href(application.path("_embedded").path("communication"), "startMessaging");
        Session.Response r = session.postJson(href, body.toString());
        if (r.status() != 201) {
            throw r.error("startMessaging");
        }
        return c;
    }

    /** Sets our availability (Online, Busy, DoNotDisturb, BeRightBack, Away, Offwork); needs {@code available(true)}. */
    public void setPresence(String availability) {
        Session.Response r = session.postJson(meLink("presence"), "{\"availability\":" + Conversation.json(availability) + "}");
        if (!r.ok()) {
            throw r.error("presence");
        }
    }

    /** Our own presence; needs {@code available(true)}. */
    public Presence presence() {
        return presenceAt(meLink("presence"));
    }

    /** Someone's presence, through the directory's contactPresence link. */
    public Presence presenceOf(String uri) {
        String bare = uri.regionMatches(true, 0, "sip:", 0, 4) ? uri.substring(4) : uri;
        JsonNode contact = searchRaw(bare, 1).stream().findFirst()
                .orElseThrow(() -> new UcwaException(404, "NotFound", null, "No such person: " + uri));
        return presenceAt(EventDispatcher.href(contact, "contactPresence"));
    }

    /** Directory search by address, e-mail or (part of a) name. */
    public List<Contact> searchPeople(String query, int limit) {
        List<Contact> out = new ArrayList<>();
        for (JsonNode c : searchRaw(query, limit)) {
            List<String> emails = new ArrayList<>();
            c.path("emailAddresses").forEach(e -> emails.add(e.asText()));
            out.add(new Contact(c.path("uri").asText(), c.path("name").asText(), List.copyOf(emails)));
        }
        return out;
    }

    /** The href of our application on the server. */
    public String applicationHref() {
        return EventDispatcher.href(application, "self");
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        keepAlive.shutdownNow();
        channel.close();
        try {
            session.delete(applicationHref());
        } catch (UcwaException ignored) {
            // the server is gone or the application expired: nothing left to sign out
        }
        http.close();
        try {
            keepAlive.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- for the rest of the package ----

    Session session() {
        return session;
    }

    EventDispatcher dispatcher() {
        return dispatcher;
    }

    UcwaListener listener() {
        return listener;
    }

    /** Creates the application again after the server lost it; returns its first events href. */
    String recreateApplication() {
        return createApplication();
    }

    /** Reads the messaging resource of a conversation whose invitation succeeded before its messaging event. */
    void refreshMessaging(Conversation c) {
        String href = c.messagingHref();
        if (href == null && c.href() != null) {
            Session.Response conv = session.get(c.href(), Duration.ofSeconds(30));
            href = conv.ok() ? EventDispatcher.href(conv.json(), "messaging") : null;
        }
        if (href != null) {
            Session.Response m = session.get(href, Duration.ofSeconds(30));
            if (m.ok()) {
                dispatcher.update(c, m.json());
            }
        }
    }

    private String createApplication() {
        String body = "{\"userAgent\":" + Conversation.json(options.userAgent) + ",\"endpointId\":"
                + Conversation.json(options.endpointId) + ",\"culture\":" + Conversation.json(options.culture) + "}";
        Session.Response r = session.postJson(session.applicationsUrl().toString(), body);
        if (r.status() != 201 && r.status() != 200) {
            throw r.error("creating the application");
        }
        application = r.json();
        if (options.available) {
            String make = EventDispatcher.href(application.path("_embedded").path("me"), "makeMeAvailable");
            if (make != null) {
                Session.Response m = session.postJson(make,
                        "{\"supportedModalities\":[\"Messaging\"],\"supportedMessageFormats\":[\"Plain\",\"Html\"]}");
                if (!m.ok() && m.status() != 409) {
                    throw m.error("makeMeAvailable");
                }
            }
        }
        return EventDispatcher.href(application, "events");
    }

    private void reportActivity() {
        try {
            session.post(meLink("reportMyActivity"));
        } catch (RuntimeException ignored) {
            // the next tick tries again; the event channel reports lasting trouble
        }
    }

    private String meLink(String rel) {
        String meHref = EventDispatcher.href(application.path("_embedded").path("me"), "self");
        Session.Response me = session.get(meHref, Duration.ofSeconds(30));
        String href = me.ok() ? EventDispatcher.href(me.json(), rel) : null;
        if (href == null) {
            throw new UcwaException(409, "Conflict", "MakeMeAvailableRequired",
                    "The server offers no " + rel + " link: sign in with available(true).");
        }
        return href;
    }

    private Presence presenceAt(String href) {
        Session.Response r = session.get(href, Duration.ofSeconds(30));
        if (!r.ok()) {
            throw r.error("presence");
        }
        JsonNode p = r.json();
        return new Presence(p.path("availability").asText(), p.path("activity").asText(null));
    }

    private List<JsonNode> searchRaw(String query, int limit) {
        String search = EventDispatcher.href(application.path("_embedded").path("people"), "search");
        String url = search + (search.contains("?") ? "&" : "?") + "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&limit=" + limit;
        Session.Response r = session.get(url, Duration.ofSeconds(30));
        if (!r.ok()) {
            throw r.error("search");
        }
        List<JsonNode> out = new ArrayList<>();
        JsonNode contacts = r.json().path("_embedded").path("contact");
        if (contacts.isArray()) {
            contacts.forEach(out::add);
        } else if (contacts.isObject()) {
            out.add(contacts);
        }
        return out;
    }

    /** Sign-in options. {@code server} and {@code user}/{@code password} are required. */
    public static final class Builder {
        private String server;
        private String user;
        private String password;
        private String userAgent = "parley-client/0.1";
        private String endpointId = UUID.randomUUID().toString();
        private String culture = "en-US";
        private boolean available;
        private Duration keepAlive = Duration.ofMinutes(3);
        private UcwaListener listener = new UcwaListener() {};

        /** A discovery URL ({@code https://lyncdiscover.contoso.com/}, Parley's root) or a bare domain. */
        public Builder server(String server) {
            this.server = server;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        /** Identifies this instance among the user's devices; the same id gets the same application. */
        public Builder endpointId(String endpointId) {
            this.endpointId = endpointId;
            return this;
        }

        public Builder culture(String culture) {
            this.culture = culture;
            return this;
        }

        /** Make this endpoint available (receive invitations, presence, keep-alive). Sending works either way. */
        public Builder available(boolean available) {
            this.available = available;
            return this;
        }

        /** How often reportMyActivity is sent while available (default 3 minutes). */
        public Builder keepAlive(Duration interval) {
            this.keepAlive = interval;
            return this;
        }

        public Builder listener(UcwaListener listener) {
            this.listener = listener;
            return this;
        }

        /** Signs in, creates the application and starts its event channel. */
        public UcwaClient signIn() {
            if (server == null || user == null || password == null) {
                throw new IllegalArgumentException("server, user and password are required");
            }
            return new UcwaClient(this);
        }
    }
}
