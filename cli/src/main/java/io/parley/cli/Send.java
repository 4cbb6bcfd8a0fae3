package io.parley.cli;

import io.parley.client.Conversation;
import io.parley.client.IncomingMessage;
import io.parley.client.InvitationFailedException;
import io.parley.client.UcwaClient;
import io.parley.client.UcwaListener;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley send}: signs in to any UCWA server, invites one person, waits for the accept, sends the
 * message (or each line of standard input), stops the conversation and signs out.
 */
@Command(name = "send", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Send an IM to one person and exit.",
                "Exit codes: 0 delivered, 1 failed, 2 usage error, 3 declined, 4 unknown or unreachable recipient,",
                "5 timed out, 6 authentication failed."})
final class Send implements Callable<Integer> {
    @Mixin
    SignInOptions signIn;

    @Option(names = "--to", required = true, description = "Recipient address or SIP URI.")
    String to;

    @Option(names = "--subject", description = "Conversation subject.")
    String subject;

    @Option(names = "--html", description = "Send the message as HTML (the recipient must accept HTML).")
    boolean html;

    @Option(names = "--importance", defaultValue = "Normal", description = "Normal, Urgent or Emergency (default: ${DEFAULT-VALUE}).")
    String importance;

    @Option(names = "--timeout", defaultValue = "120", description = "Seconds the whole run may take (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--wait-reply", defaultValue = "0", paramLabel = "SECONDS",
            description = "After sending, wait this long for one reply and print it (default: no wait).")
    int waitReply;

    @Option(names = "--quiet", description = "No progress line on standard error.")
    boolean quiet;

    @Parameters(paramLabel = "MESSAGE", description = "The message; without it, each line of standard input is sent as one IM.")
    List<String> words = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (!List.of("normal", "urgent", "emergency").contains(importance.toLowerCase())) {
            System.err.println("parley: --importance must be Normal, Urgent or Emergency");
            return ExitCodes.USAGE;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        String secret;
        try {
            secret = signIn.readPassword();
        } catch (SignInOptions.Failed e) {
            return e.exitCode;
        }
        List<String> messages = messages();
        if (messages.isEmpty()) {
            System.err.println("parley: nothing to send (give a MESSAGE or lines on standard input)");
            return ExitCodes.USAGE;
        }
        LinkedBlockingQueue<IncomingMessage> replies = new LinkedBlockingQueue<>();
        UcwaClient client;
        try {
            client = signIn.signIn(secret, "parley-send/0.1", false, new UcwaListener() {
                @Override
                public void onMessage(IncomingMessage message) {
                    replies.add(message);
                }
            });
        } catch (SignInOptions.Failed e) {
            return e.exitCode;
        }
        try (client) {
            // Plain text rides the invitation (the recipient sees it in the toast); HTML is sent after connecting.
            String first = html ? null : messages.get(0);
            Conversation c = client.startMessaging(to, subject, first, capitalized(importance));
            try {
                await(c.connected(), deadline, "Waiting for " + to + " to accept");
            } catch (ExecutionException e) {
                return failure(e.getCause());
            } catch (TimeoutException e) {
                System.err.println("parley: " + to + " did not accept within " + timeoutSeconds + " s");
                return ExitCodes.TIMED_OUT;
            }
            try {
                for (String m : html ? messages : messages.subList(1, messages.size())) {
                    await(html ? c.sendHtml(m) : c.send(m), deadline, null);
                }
            } catch (ExecutionException e) {
                System.err.println("parley: a message was not delivered: " + e.getCause().getMessage());
                return ExitCodes.FAILED;
            } catch (TimeoutException e) {
                System.err.println("parley: delivery was not confirmed within " + timeoutSeconds + " s");
                return ExitCodes.TIMED_OUT;
            }
            IncomingMessage reply = waitReply > 0 ? replies.poll(waitReply, TimeUnit.SECONDS) : null;
            c.stop();
            if (waitReply > 0 && reply == null) {
                System.err.println("parley: delivered, but no reply came within " + waitReply + " s");
                return ExitCodes.TIMED_OUT;
            }
            if (reply != null) {
                System.out.println(reply.text());
            }
            return ExitCodes.DELIVERED;
        }
    }

    private int failure(Throwable cause) {
        if (cause instanceof InvitationFailedException f) {
            if (f.isDeclined()) {
                System.err.println("parley: " + to + " declined");
                return ExitCodes.DECLINED;
            }
            if (f.isUnreachable()) {
                System.err.println("parley: " + to + " is unknown or unreachable: " + f.getMessage());
                return ExitCodes.UNREACHABLE;
            }
            if (f.isTimeout()) {
                System.err.println("parley: " + to + " did not answer: " + f.getMessage());
                return ExitCodes.TIMED_OUT;
            }
        }
        System.err.println("parley: the invitation failed: " + cause.getMessage());
        return ExitCodes.FAILED;
    }

    private <T> T await(CompletableFuture<T> future, long deadline, String progress) throws Exception {
        PrintStream err = System.err;
        long start = System.nanoTime();
        boolean printed = false;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException();
            }
            try {
                T value = future.get(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
                if (printed) {
                    err.print("\r\033[K");
                    err.flush();
                }
                return value;
            } catch (TimeoutException tick) {
                if (progress != null && !quiet) {
                    printed = true;
                    err.print("\r" + progress + "... " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + " s");
                    err.flush();
                }
            }
        }
    }

    private List<String> messages() {
        if (!words.isEmpty()) {
            return List.of(String.join(" ", words));
        }
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = StandardInput.line()) != null) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String capitalized(String s) {
        return s.substring(0, 1).toUpperCase() + s.substring(1).toLowerCase();
    }
}
