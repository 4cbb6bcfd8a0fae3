package io.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.server.core.application.ApplicationLimits;
import io.parley.server.support.Http;
import io.parley.server.support.TestServer;
import io.parley.server.support.UcwaUser;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SDK against a real Parley: both directions, failures, and every recovery path of the event channel. */
class UcwaClientTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.withApplications(
                new ApplicationLimits(50, Duration.ofSeconds(300), Duration.ofSeconds(900), Duration.ofHours(1))));
        for (String n : new String[] {"alice", "bob", "carol", "dave", "erin", "frank", "gina", "hank"}) {
            server.addUser(n + "@example.com", n.substring(0, 1).toUpperCase() + n.substring(1), n + "-pw");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A listener that accepts every invitation and records what it saw. */
    static final class Recorder implements UcwaListener {
        final List<IncomingMessage> messages = new CopyOnWriteArrayList<>();
        final List<Conversation> conversations = new CopyOnWriteArrayList<>();
        final List<String> states = new CopyOnWriteArrayList<>();
        final AtomicInteger recreated = new AtomicInteger();
        final AtomicInteger typing = new AtomicInteger();
        volatile boolean accept = true;

        @Override
        public void onInvitation(IncomingInvitation invitation) {
            if (accept) {
                conversations.add(invitation.accept());
            } else {
                invitation.decline();
            }
        }

        @Override
        public void onMessage(IncomingMessage message) {
            messages.add(message);
        }

        @Override
        public void onTyping(Conversation conversation, boolean isTyping) {
            if (isTyping) {
                typing.incrementAndGet();
            }
        }

        @Override
        public void onConversationState(Conversation conversation, String state) {
            states.add(state);
        }

        @Override
        public void onApplicationRecreated() {
            recreated.incrementAndGet();
        }

        List<String> texts() {
            return messages.stream().map(IncomingMessage::text).toList();
        }
    }

    private static UcwaClient.Builder as(String name, String serverUrl) {
        return UcwaClient.builder().server(serverUrl).user(name + "@example.com").password(name + "-pw")
                .userAgent("sdk-test");
    }

    private static UcwaClient.Builder as(String name) {
        return as(name, server.baseUrl() + "/");
    }

    @Test
    void fullConversationBothWays() throws Exception {
        Recorder alice = new Recorder();
        Recorder bob = new Recorder();
        try (UcwaClient aliceClient = as("alice").available(true).listener(alice).signIn();
             UcwaClient bobClient = as("bob").available(true).listener(bob).signIn()) {
            Conversation c = bobClient.startMessaging("sip:alice@example.com", "Build", "Build 42 failed");
            c.connected().get(15, TimeUnit.SECONDS);
            assertThat(c.isConnected()).isTrue();
            assertThat(c.supportsHtml()).isTrue();
            c.send("Logs attached ✓").get(15, TimeUnit.SECONDS);
            c.sendHtml("<b>bold</b> move").get(15, TimeUnit.SECONDS);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> alice.messages.size() == 3);
            assertThat(alice.texts()).containsExactly("Build 42 failed", "Logs attached ✓", "bold move");
            assertThat(alice.messages.get(2).html()).isEqualTo("<b>bold</b> move");
            assertThat(alice.messages.get(1).fromName()).isEqualTo("Bob");

            // Alice answers in the conversation she accepted; she types first.
            Conversation aliceSide = alice.conversations.get(0);
            aliceSide.connected().get(10, TimeUnit.SECONDS);
            aliceSide.typing();
            aliceSide.send("on it").get(15, TimeUnit.SECONDS);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> bob.texts().contains("on it"));
            assertThat(bob.typing.get()).isEqualTo(1);
            assertThat(bob.messages.get(0).fromName()).isEqualTo("Alice");

            c.stop();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "Disconnected".equals(aliceSide.state()));
            assertThatThrownBy(() -> c.send("too late").get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        }
    }

    @Test
    void failedInvitationsSayWhy() throws Exception {
        Recorder carol = new Recorder();
        carol.accept = false;
        try (UcwaClient carolClient = as("carol").available(true).listener(carol).signIn();
             UcwaClient dave = as("dave").signIn()) {
            Conversation declined = dave.startMessaging("carol@example.com", null, null);
            assertThatThrownBy(() -> declined.connected().get(15, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(InvitationFailedException.class, e -> assertThat(e.isDeclined()).isTrue());
            Conversation unknown = dave.startMessaging("sip:nobody@example.com", null, "hello?");
            assertThatThrownBy(() -> unknown.connected().get(15, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(InvitationFailedException.class, e -> assertThat(e.isUnreachable()).isTrue());
        }
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailure() {
        assertThatThrownBy(() -> UcwaClient.builder().server(server.baseUrl() + "/").user("alice@example.com")
                .password("wrong").signIn()).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void droppedEventAnswerIsRetriedWithNothingLostOrDoubled() throws Exception {
        try (DroppingProxy proxy = new DroppingProxy(server.port())) {
            Recorder erin = new Recorder();
            try (UcwaClient erinClient = as("erin", proxy.url()).available(true).listener(erin).signIn();
                 UcwaClient frank = as("frank").signIn()) {
                Conversation c = frank.startMessaging("erin@example.com", null, null);
                c.connected().get(15, TimeUnit.SECONDS);
                for (int i = 1; i <= 5; i++) {
                    proxy.dropNextEventsAnswer();
                    c.send("m" + i).get(15, TimeUnit.SECONDS);
                }
                Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> erin.messages.size() >= 5);
                assertThat(proxy.dropped()).isPositive();
                assertThat(erin.texts()).containsExactly("m1", "m2", "m3", "m4", "m5");
            }
        }
    }

    @Test
    void survivesAServerRestartMidConversation() throws Exception {
        try (TestServer own = TestServer.start()) {
            own.addUser("gina@example.com", "Gina", "gina-pw");
            own.addUser("hank@example.com", "Hank", "hank-pw");
            Recorder gina = new Recorder();
            try (UcwaClient ginaClient = as("gina", own.baseUrl() + "/").available(true).listener(gina).signIn();
                 UcwaClient hank = as("hank", own.baseUrl() + "/").signIn()) {
                Conversation c = hank.startMessaging("gina@example.com", null, null);
                c.connected().get(15, TimeUnit.SECONDS);
                c.send("before").get(15, TimeUnit.SECONDS);
                own.restart();
                c.send("after").get(30, TimeUnit.SECONDS);
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> gina.texts().contains("after"));
                assertThat(gina.texts()).containsExactly("before", "after");
            }
        }
    }

    @Test
    void recreatesAnApplicationTheServerLost() throws Exception {
        Recorder alice = new Recorder();
        try (UcwaClient aliceClient = as("alice").available(true).listener(alice).endpointId("lost-app").signIn();
             UcwaClient bob = as("bob").signIn()) {
            // The application disappears behind the client's back (deleted from another session of Alice's).
            UcwaUser other = UcwaUser.signIn(server, "alice@example.com", "alice-pw");
            assertThat(Http.delete(server.baseUrl() + aliceClient.applicationHref(), other.token()).status()).isEqualTo(204);
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> alice.recreated.get() == 1);
            // Still reachable: the new application made itself available again.
            Conversation c = bob.startMessaging("alice@example.com", null, "still there?");
            c.connected().get(15, TimeUnit.SECONDS);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> alice.texts().contains("still there?"));
        }
    }

    @Test
    void presenceAndSearch() {
        try (UcwaClient carol = as("carol").available(true).signIn(); UcwaClient dave = as("dave").signIn()) {
            carol.setPresence("Busy");
            assertThat(carol.presence().availability()).isEqualTo("Busy");
            assertThat(dave.presenceOf("sip:carol@example.com").availability()).isEqualTo("Busy");
            List<Contact> found = dave.searchPeople("Carol", 10);
            assertThat(found).extracting(Contact::uri).containsExactly("sip:carol@example.com");
            assertThatThrownBy(dave::presence).isInstanceOf(UcwaException.class);
        }
    }

    @Test
    void closeLeavesNoThreadBehind() {
        UcwaClient client = as("dave").available(true).signIn();
        client.close();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("HttpClient-") && t.isAlive() && isOurs(t)));
    }

    private static boolean isOurs(Thread t) {
        // The JDK's HttpClient threads of the closed client; other tests' clients are closed by now too.
        return !t.isDaemon() || t.getName().contains("Worker");
    }
}
