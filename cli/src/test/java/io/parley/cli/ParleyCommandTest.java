package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code parley} commands, each run as its own process, checked by exit code and output. */
class ParleyCommandTest {
    @TempDir
    Path data;

    record Run(int exit, String out, String err) {}

    static Run parley(String stdin, String... args) throws Exception {
        return parleyWithEnv(java.util.Map.of(), stdin, args);
    }

    /** Runs {@code parley args} with {@code env} added to the environment. */
    static Run parleyWithEnv(java.util.Map<String, String> env, String stdin, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command(args));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, err);
    }

    /** The command line that runs {@code parley args} from the test's class path. */
    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Parley.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    void usersCanBeAddedListedChangedAndRemoved() throws Exception {
        String d = data.toString();
        assertThat(parley("s3cret\n", "user", "add", "alice@example.com", "--name", "Alice Archer", "--password-stdin", "--data", d).exit())
                .isZero();
        Path pw = data.resolve("bob.pw");
        Files.writeString(pw, "bob-pw\n");
        assertThat(parley(null, "user", "add", "sip:Bob@Example.com", "--name", "Bob Baker", "--password-file", pw.toString(),
                "--data", d).exit()).isZero();
        Run list = parley(null, "user", "list", "--data", d);
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("alice@example.com\tAlice Archer").contains("bob@example.com\tBob Baker");

        Run duplicate = parley("x\n", "user", "add", "alice@example.com", "--name", "A", "--password-stdin", "--data", d);
        assertThat(duplicate.exit()).isNotZero();
        assertThat(duplicate.err().strip()).startsWith("parley: ").contains("already exists").doesNotContain("\n");

        Run badAddress = parley("x\n", "user", "add", "not-an-address", "--name", "A", "--password-stdin", "--data", d);
        assertThat(badAddress.exit()).isNotZero();
        assertThat(badAddress.err()).contains("not an address");

        Run noPassword = parley(null, "user", "add", "carol@example.com", "--name", "C", "--data", d);
        assertThat(noPassword.exit()).isNotZero();

        assertThat(parley("n3w\n", "user", "passwd", "alice@example.com", "--password-stdin", "--data", d).exit()).isZero();
        assertThat(parley(null, "user", "remove", "bob@example.com", "--data", d).exit()).isZero();
        Run again = parley(null, "user", "remove", "bob@example.com", "--data", d);
        assertThat(again.exit()).isNotZero();
        assertThat(again.err()).contains("no user bob@example.com");
        assertThat(parley(null, "user", "list", "--data", d).out()).doesNotContain("bob@");
    }

    @Test
    void userCommandsRunFromTheWrongPlaceCreateNothing() throws Exception {
        Path nowhere = data.resolve("nowhere");
        for (String[] args : new String[][] {{"user", "list", "--data", nowhere.toString()},
                {"user", "remove", "alice@example.com", "--data", nowhere.toString()}}) {
            Run r = parley(null, args);
            assertThat(r.exit()).as(String.join(" ", args)).isNotZero();
            assertThat(r.err()).contains("no Parley data in " + nowhere.toAbsolutePath());
        }
        assertThat(nowhere).doesNotExist();
    }

    @Test
    void serveAndSendSayWhatWentWrongWithTheNetwork() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // 203.0.113.7 is a documentation address (TEST-NET-3): never one of this machine's.
        Run badBind = parley(null, "serve", "--bind", "203.0.113.7", "--port", String.valueOf(port), "--data",
                data.resolve("d").toString());
        assertThat(badBind.exit()).isNotZero();
        assertThat(badBind.err()).contains("Cannot listen on 203.0.113.7:" + port).doesNotContain("Port already in use");
        Run unreachable = parley("x\n", "send", "--server", "http://127.0.0.1:" + port + "/", "--user", "a@example.com",
                "--password-stdin", "--to", "b@example.com", "hi");
        assertThat(unreachable.exit()).isNotZero();
        assertThat(unreachable.err()).contains("connection refused").doesNotContain(": null");
    }

    @Test
    void trainSendsOneImThroughAThrowAwayServerAndLeavesNothingBehind() throws Exception {
        Path tmp = Files.createDirectories(data.resolve("tmp"));
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                Parley.class.getName(), "train"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        try (var left = Files.list(tmp)) {
            assertThat(left.filter(f -> f.getFileName().toString().startsWith("parley-train")).toList()).isEmpty();
        }
    }

    @Test
    void everyCommandHasHelp() throws Exception {
        for (String[] args : new String[][] {{"--help"}, {"serve", "--help"}, {"user", "--help"}, {"user", "add", "--help"},
                {"user", "list", "--help"}, {"user", "remove", "--help"}, {"user", "passwd", "--help"}}) {
            Run r = parley(null, args);
            assertThat(r.exit()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).contains("Usage:");
        }
        assertThat(parley(null, "frobnicate").exit()).isNotZero();
    }

    @Test
    void serveAnswersUcwaAndStopsCleanlyOnSigterm() throws Exception {
        String d = data.toString();
        assertThat(parley("pw\n", "user", "add", "alice@example.com", "--name", "Alice", "--password-stdin", "--data", d).exit())
                .isZero();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = List.of(ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Parley.class.getName(), "serve", "--port", String.valueOf(port),
                "--data", d, "--public-url", "http://parley.test:" + port);
        Path log = data.resolve("serve.log");
        Process server = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                    .until(() -> Files.exists(log) && Files.readString(log).contains("Parley ready"));
            HttpResponse<String> root = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(root.statusCode()).isEqualTo(200);
            // --public-url is the base of absolute links.
            assertThat(root.body()).contains("http://parley.test:" + port + "/Autodiscover/AutodiscoverService.svc/root/oauth/user");
            HttpResponse<String> token = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/WebTicket/oauthtoken"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=alice@example.com&password=pw"))
                            .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(token.body()).contains("cwt=");
            server.destroy(); // SIGTERM
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(log)).contains("Parley stopped");
        } finally {
            server.destroyForcibly();
        }
    }
}
