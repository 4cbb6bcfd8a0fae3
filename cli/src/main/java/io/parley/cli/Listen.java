package io.parley.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.client.IncomingInvitation;
import io.parley.client.IncomingMessage;
import io.parley.client.UcwaClient;
import io.parley.client.UcwaException;
import io.parley.client.UcwaListener;
import io.parley.protocol.UcwaJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley listen}: stays signed in and available, accepts incoming conversations, prints each IM,
 * and with {@code --exec} answers each one with whatever a command prints (a bot in one line).
 */
@Command(name = "listen", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Stay signed in, print incoming IMs (and answer them with --exec) until Ctrl-C.")
final class Listen implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    @Mixin
    SignInOptions signIn;

    @Option(names = "--accept", defaultValue = "all", description = "all: accept every invitation; none: decline them (default: ${DEFAULT-VALUE}).")
    String accept;

    @Option(names = "--json", description = "One JSON object per message: conversation, from, name, time, text (and html).")
    boolean json;

    @Option(names = "--exec", paramLabel = "COMMAND",
            description = "Run COMMAND (with sh -c) per message, the text on its standard input; send back what it prints.")
    String exec;

    private final ExecutorService bots = Executors.newVirtualThreadPerTaskExecutor();

    @Override
    public Integer call() throws Exception {
        if (!accept.equals("all") && !accept.equals("none")) {
            System.err.println("parley: --accept must be all or none");
            return ExitCodes.USAGE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        UcwaClient client;
        try {
            client = signIn.signIn(signIn.readPassword(), "parley-listen/0.1", true, new Printer(stopped));
        } catch (SignInOptions.Failed e) {
            return e.exitCode;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            bots.shutdownNow();
            client.close(); // signs the endpoint out
            stopped.countDown();
        }, "parley-listen-shutdown"));
        System.err.println("Listening as " + signIn.user + " (Ctrl-C to stop)");
        stopped.await();
        return 0;
    }

    private final class Printer implements UcwaListener {
        private final CountDownLatch stopped;

        Printer(CountDownLatch stopped) {
            this.stopped = stopped;
        }

        @Override
        public void onInvitation(IncomingInvitation invitation) {
            if (accept.equals("all")) {
                invitation.accept();
            } else {
                invitation.decline();
            }
        }

        @Override
        public void onMessage(IncomingMessage m) {
            print(m);
            if (exec != null && m.conversation() != null) {
                bots.execute(() -> answer(m));
            }
        }

        @Override
        public void onChannelClosed(UcwaException reason) {
            System.err.println("parley: the event channel stopped: " + reason.getMessage());
            stopped.countDown();
        }
    }

    private synchronized void print(IncomingMessage m) {
        if (json) {
            ObjectNode o = UcwaJson.mapper().createObjectNode();
            o.put("conversation", m.conversation() == null ? null : m.conversation().href());
            o.put("from", m.fromUri());
            o.put("name", m.fromName());
            o.put("time", m.timestamp().toString());
            o.put("text", m.text());
            if (m.isHtml()) {
                o.put("html", m.html());
            }
            System.out.println(o);
        } else {
            System.out.println("[" + TIME.format(m.timestamp()) + "] " + (m.fromName() == null ? m.fromUri() : m.fromName())
                    + ": " + m.text());
        }
        System.out.flush();
    }

    private void answer(IncomingMessage m) {
        try {
            Process p = new ProcessBuilder("sh", "-c", exec).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (var stdin = p.getOutputStream()) {
                stdin.write(m.text().getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // The command did not read its input (it exited, or closed it): its answer still counts.
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            if (!out.isEmpty()) {
                m.conversation().send(out).get(60, TimeUnit.SECONDS);
            }
        } catch (IOException | RuntimeException | java.util.concurrent.ExecutionException
                 | java.util.concurrent.TimeoutException e) {
            System.err.println("parley: --exec for a message from " + m.fromUri() + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
