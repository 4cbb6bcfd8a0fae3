package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.client.IncomingInvitation;
import io.parley.client.UcwaClient;
import io.parley.client.UcwaListener;
import io.parley.server.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley send} and {@code parley listen} as separate processes against a real server: a send to a
 * listening {@code --exec} bot and its answer back, and every exit code of send.
 */
class SendAndListenTest {
    private static TestServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        for (String n : new String[] {"alice", "bob", "carol", "dave", "erin", "frank"}) {
            server.addUser(n + "@example.com", n.substring(0, 1).toUpperCase() + n.substring(1), n + "-pw");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> command(String... args) {
        return ParleyCommandTest.command(args);
    }

    /** Starts {@code parley listen} for a user; its output goes to a file that the test reads. */
    private Process listen(String name, Path out, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("listen", "--server", server.baseUrl() + "/", "--user", name + "@example.com",
                "--password-stdin"));
        args.addAll(List.of(extra));
        Path err = dir.resolve(name + ".err");
        Process p = new ProcessBuilder(command(args.toArray(String[]::new))).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        p.getOutputStream().write((name + "-pw\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> Files.exists(err) && Files.readString(err).contains("Listening as"));
        return p;
    }

    private static ParleyCommandTest.Run send(String stdin, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("send", "--server", server.baseUrl() + "/"));
        all.addAll(List.of(args));
        return ParleyCommandTest.parley(stdin, all.toArray(String[]::new));
    }

    @Test
    void noReplyWithinWaitReplyIsATimeout() throws Exception {
        Path out = dir.resolve("frank.out");
        Process frank = listen("frank", out); // prints what he gets, answers nothing
        try {
            ParleyCommandTest.Run r = send("dave-pw\n", "--user", "dave@example.com", "--password-stdin", "--to",
                    "frank@example.com", "--wait-reply", "2", "anyone there?");
            assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.TIMED_OUT);
            assertThat(r.err()).contains("delivered, but no reply came within 2 s");
        } finally {
            frank.destroy();
            frank.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void sendReachesAListeningBotAndItsAnswerComesBack() throws Exception {
        Path out = dir.resolve("alice.out");
        Process alice = listen("alice", out, "--json", "--exec", "tr a-z A-Z");
        try {
            ParleyCommandTest.Run r = send("bob-pw\n", "--user", "bob@example.com", "--password-stdin", "--to",
                    "alice@example.com", "--wait-reply", "20", "Testing 1... 2... 3...");
            assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.DELIVERED);
            assertThat(r.out().strip()).isEqualTo("TESTING 1... 2... 3...");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(out).contains("Testing"));
            String line = Files.readAllLines(out).get(0);
            assertThat(line).contains("\"from\":\"sip:bob@example.com\"").contains("\"name\":\"Bob\"")
                    .contains("\"text\":\"Testing 1... 2... 3...\"").contains("\"conversation\":\"/ucwa/");

            // Lines of standard input become one IM each.
            ParleyCommandTest.Run lines = send("bob-pw\nline one\nline two\n", "--user", "bob@example.com", "--password-stdin",
                    "--to", "sip:alice@example.com", "--quiet");
            assertThat(lines.exit()).as(lines.err()).isZero();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(out).contains("line two"));
            assertThat(Files.readString(out)).contains("\"text\":\"line one\"");
        } finally {
            alice.destroy(); // SIGTERM: the listener signs out
            assertThat(alice.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void everyExitCodeOfSend() throws Exception {
        Path pw = dir.resolve("bob.pw");
        Files.writeString(pw, "bob-pw\n");
        // 6: authentication failed.
        assertThat(send("wrong\n", "--user", "bob@example.com", "--password-stdin", "--to", "alice@example.com", "hi").exit())
                .isEqualTo(ExitCodes.AUTHENTICATION);
        // 2: usage errors (no recipient; no password anywhere; nothing to send).
        assertThat(send(null, "--user", "bob@example.com", "--password-file", pw.toString(), "hi").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(send("", "--user", "bob@example.com", "--to", "alice@example.com", "hi").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(send("", "--user", "bob@example.com", "--password-file", pw.toString(), "--to", "alice@example.com").exit())
                .isEqualTo(ExitCodes.USAGE);
        // 4: unknown recipient, and a user with no available endpoint.
        assertThat(send(null, "--user", "bob@example.com", "--password-file", pw.toString(), "--to", "nobody@example.com", "hi")
                .exit()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(send(null, "--user", "bob@example.com", "--password-file", pw.toString(), "--to", "erin@example.com", "hi")
                .exit()).isEqualTo(ExitCodes.UNREACHABLE);
        // 3: declined.
        Path carolOut = dir.resolve("carol.out");
        Process carol = listen("carol", carolOut, "--accept", "none");
        try {
            ParleyCommandTest.Run declined = send(null, "--user", "bob@example.com", "--password-file", pw.toString(),
                    "--to", "carol@example.com", "hi");
            assertThat(declined.exit()).as(declined.err()).isEqualTo(ExitCodes.DECLINED);
            assertThat(declined.err()).contains("declined");
        } finally {
            carol.destroy();
            carol.waitFor(30, TimeUnit.SECONDS);
        }
        // 5: timed out: Dave is available but never answers (whether --timeout or the server's 3 s invitation timeout ends it).
        try (UcwaClient dave = UcwaClient.builder().server(server.baseUrl() + "/").user("dave@example.com").password("dave-pw")
                .available(true).listener(new UcwaListener() {
                    @Override
                    public void onInvitation(IncomingInvitation invitation) {
                        // lets it ring
                    }
                }).signIn()) {
            ParleyCommandTest.Run timedOut = send(null, "--user", "bob@example.com", "--password-file", pw.toString(),
                    "--to", "dave@example.com", "--timeout", "4", "hi");
            assertThat(timedOut.exit()).as(timedOut.err()).isEqualTo(ExitCodes.TIMED_OUT);
            assertThat(timedOut.err()).contains("Waiting for dave@example.com to accept");
        }
        // 1: the server cannot be reached.
        ParleyCommandTest.Run unreachableServer = ParleyCommandTest.parley(null, "send", "--server", "http://127.0.0.1:1/",
                "--user", "bob@example.com", "--password-file", pw.toString(), "--to", "alice@example.com", "hi");
        assertThat(unreachableServer.exit()).isEqualTo(ExitCodes.FAILED);
    }
}
