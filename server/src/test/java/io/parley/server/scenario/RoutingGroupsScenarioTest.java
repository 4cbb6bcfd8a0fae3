package io.parley.server.scenario;

import static io.parley.server.support.UcwaUser.href;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.server.core.routing.GroupMap;
import io.parley.server.core.routing.Mail;
import io.parley.server.support.TestServer;
import io.parley.server.support.UcwaApp;
import io.parley.server.support.UcwaUser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Users live in routing groups, and what one user's group tells another's travels as mail: applied at once in
 * the sender's change when the target is free, else through the inbox; whatever the groups (here all users share
 * the single group; elsewhere in the suite they are spread over 64), and across a restart between the sender's
 * commit and the receiver's.
 */
class RoutingGroupsScenarioTest {

    @Test
    void usersSharingOneGroupChatAsUsersInDifferentGroupsDo() {
        try (TestServer server = TestServer.start(c -> c.with(b -> b.routingGroups = 1))) {
            chat(server);
        }
    }

    /** Bob invites Alice, they exchange an IM each way (each confirmed), Bob stops and Alice sees the end. */
    private static void chat(TestServer server) {
        UcwaApp a = signIn(server, "alice@example.com", "Alice");
        UcwaApp b = signIn(server, "bob@example.com", "Bob");
        UcwaApp.Connected m = b.connect(a);
        assertThat(b.postText(href(m.callerMessaging(), "sendMessage"), "text/plain", "hi alice").status()).isEqualTo(201);
        a.await(e -> e.rel().equals("message") && String.valueOf(href(e.embedded(), "plainMessage")).endsWith(",hi+alice"));
        b.await(e -> e.rel().equals("message") && e.href().endsWith("/messages/1") && "Success".equals(e.status()));
        assertThat(a.postText(href(m.calleeMessaging(), "sendMessage"), "text/plain", "hi bob").status()).isEqualTo(201);
        b.await(e -> e.rel().equals("message") && String.valueOf(href(e.embedded(), "plainMessage")).endsWith(",hi+bob"));
        assertThat(b.post(href(m.callerMessaging(), "stopMessaging"), "").status()).isEqualTo(204);
        a.await(e -> e.rel().equals("messaging") && "Disconnected".equals(e.embedded().path("state").asText()));
        a.close();
        b.close();
    }

    @Test
    void everyMailTakesTheInboxWhenNotAppliedAtOnce() {
        try (TestServer server = TestServer.start(c -> c.with(b -> b.mailAtOnce = false))) {
            chat(server);
        }
    }

    @Test
    void mailStoredByTheSenderButNotYetAppliedIsAppliedAfterARestart() throws Exception {
        try (TestServer server = TestServer.start()) {
            UcwaApp a = signIn(server, "alice@example.com", "Alice");
            UcwaApp b = signIn(server, "bob@example.com", "Bob");
            UcwaApp.Connected m = b.connect(a);
            GroupMap groups = new GroupMap(server.config().routingGroups());
            int bobGroup = groups.groupOf("bob@example.com");
            int aliceGroup = groups.groupOf("alice@example.com");
            String aliceLeg = conversationId(href(m.calleeMessaging(), "self"));
            String bobLeg = conversationId(href(m.callerMessaging(), "self"));
            String bobApp = b.href().substring(b.href().lastIndexOf('/') + 1);
            String body = new ObjectMapper().writeValueAsString(new Mail.Deliver(aliceLeg, "written before the crash",
                    false, bobApp, bobLeg, 1));

            // The server stops after Bob's group committed an IM for Alice and before Alice's group applied it:
            // the mail is in the inbox, nowhere else.
            server.restart(() -> {
                try (Connection c = server.connectToStore(); PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO inbox (source_group, seq, target_group, kind, body, sent_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                    ps.setInt(1, bobGroup);
                    ps.setLong(2, 1_000_000);
                    ps.setInt(3, aliceGroup);
                    ps.setString(4, "Deliver");
                    ps.setString(5, body);
                    ps.setLong(6, System.currentTimeMillis());
                    ps.executeUpdate();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });

            a.await(e -> e.rel().equals("message")
                    && String.valueOf(href(e.embedded(), "plainMessage")).endsWith(",written+before+the+crash"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> inboxRows(server) == 0);
            // Bob's group numbers its next mails after the stored one: the conversation goes on.
            assertThat(b.postText(href(m.callerMessaging(), "sendMessage"), "text/plain", "and after").status())
                    .isEqualTo(201);
            a.await(e -> e.rel().equals("message") && String.valueOf(href(e.embedded(), "plainMessage")).endsWith(",and+after"));
            a.close();
            b.close();
        }
    }

    private static UcwaApp signIn(TestServer server, String address, String name) {
        server.addUser(address, name, "pw");
        return UcwaUser.signIn(server, address, "pw").availableApp(name.toLowerCase());
    }

    /** {@code .../conversations/{id}/messaging} → {@code id}. */
    private static String conversationId(String messagingHref) {
        String conversation = messagingHref.substring(0, messagingHref.lastIndexOf("/messaging"));
        return conversation.substring(conversation.lastIndexOf('/') + 1);
    }

    private static int inboxRows(TestServer server) throws SQLException {
        try (Connection c = server.connectToStore(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM inbox");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
