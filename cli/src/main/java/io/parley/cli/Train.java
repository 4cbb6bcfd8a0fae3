package io.parley.cli;

import io.parley.client.IncomingInvitation;
import io.parley.client.IncomingMessage;
import io.parley.client.UcwaClient;
import io.parley.client.UcwaListener;
import io.parley.server.ParleyServer;
import io.parley.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * {@code parley train} (hidden): the training run for the JVM's ahead-of-time cache that {@code ./parley}
 * keeps next to the jar. It does, in one process, what the first minute of a real deployment does: adds
 * two users, starts a server on a temporary directory, and sends one IM from {@code parley send} to a
 * listening client. The JVM records the classes and method profiles this touches; later runs of every
 * command start from them.
 */
@Command(name = "train", hidden = true, description = "Warm the start-up cache: one IM through a throw-away server.")
final class Train implements Callable<Integer> {
    private static final String PASSWORD = "training-only-password";

    @Override
    public Integer call() throws Exception {
        Path data = Files.createTempDirectory("parley-train");
        try {
            Path secret = Files.writeString(data.resolve("password"), PASSWORD + "\n");
            for (String who : new String[] {"alice", "bob"}) {
                int added = Parley.run("user", "add", who + "@train.invalid", "--name", who, "--password-file",
                        secret.toString(), "--data", data.resolve("store").toString());
                if (added != 0) {
                    return added;
                }
            }
            try (ParleyServer server = ParleyServer.start(ServerConfig.defaults(data.resolve("store")).withPort(0)
                    .withBind("127.0.0.1"))) {
                String url = "http://127.0.0.1:" + server.port() + "/";
                CompletableFuture<String> received = new CompletableFuture<>();
                try (UcwaClient bob = UcwaClient.builder().server(url).user("bob@train.invalid").password(PASSWORD)
                        .userAgent("parley-train").available(true).listener(new UcwaListener() {
                            @Override
                            public void onInvitation(IncomingInvitation invitation) {
                                invitation.accept();
                            }

                            @Override
                            public void onMessage(IncomingMessage m) {
                                received.complete(m.text());
                            }
                        }).signIn()) {
                    int sent = Parley.run("send", "--server", url, "--user", "alice@train.invalid", "--password-file",
                            secret.toString(), "--to", "bob@train.invalid", "--quiet", "training");
                    String text = received.get(30, TimeUnit.SECONDS);
                    return sent == 0 && text.equals("training") ? 0 : 1;
                }
            }
        } finally {
            deleteTree(data);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
