package io.parley.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Time from starting the server process to the first IM delivered: sign in two users, one invites the
 * other, the other accepts, one IM goes through. Each run on a fresh data directory.
 */
@Command(name = "startup", mixinStandardHelpOptions = true, description = "Process start to first IM delivered.")
final class StartupWorkload implements Callable<Integer> {
    @Mixin
    Bench.Common common;

    @Option(names = "--runs", defaultValue = "5", description = "Runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--aot-cache", description = "An ahead-of-time cache file (JDK 25, as ./parley uses): when it does "
            + "not exist yet, run 1 is the training run that writes it; the median leaves the training run out.")
    Path aotCache;

    @Override
    public Integer call() throws Exception {
        Report report = new Report("startup").setup("server jvm", common.serverJvm.isBlank() ? "(defaults)" : common.serverJvm);
        if (aotCache != null) {
            report.setup("AOT cache", aotCache.toString());
            // A cache older than the jar (or than the launcher's JVM options) may no longer match: the JVM would
            // refuse it without a word (its AOT logging is off here) and every run would start without it.
            Path options = ServerUnderTest.launcherOptions(common.jar);
            List<Path> inputs = options == null ? List.of(common.jar) : List.of(common.jar, options);
            for (Path input : Files.exists(aotCache) ? inputs : List.<Path>of()) {
                if (Files.getLastModifiedTime(aotCache).compareTo(Files.getLastModifiedTime(input)) < 0) {
                    System.err.println("bench: " + aotCache + " is older than " + input + "; make a new one first (./parley"
                            + " --version does), or delete it to let run 1 train one");
                    return 2;
                }
            }
        }
        List<Double> times = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            boolean training = aotCache != null && !Files.exists(aotCache);
            List<String> flags = new ArrayList<>(common.jvmFlags());
            if (aotCache != null) {
                flags.add((training ? "-XX:AOTCacheOutput=" : "-XX:AOTCache=") + aotCache);
                flags.add("-Xlog:aot=off");
                flags.add("-Xlog:cds=off");
            }
            Path data = Files.createTempDirectory("parley-startup");
            ServerUnderTest.createUsers(data, "u", 2, common.password); // users exist before the clock starts
            long t0 = System.nanoTime();
            long up;
            long signedIn;
            long connected;
            long delivered;
            try (ServerUnderTest server = ServerUnderTest.startOn(common.jar, data, flags, List.of(), null);
                 Bench.Http client = new Bench.Http()) {
                up = System.nanoTime();
                // Two independent clients: each signs in on its own, at the same time, as two people would.
                CompletableFuture<SimUser> aliceSignIn = signIn(client, server, "u0@bench.test", "a", true);
                CompletableFuture<SimUser> bobSignIn = signIn(client, server, "u1@bench.test", "b", false);
                SimUser alice = aliceSignIn.get(30, TimeUnit.SECONDS);
                SimUser bob = bobSignIn.get(30, TimeUnit.SECONDS);
                signedIn = System.nanoTime();
                CompletableFuture<Long> got = new CompletableFuture<>();
                alice.onText((text, at) -> got.complete(at));
                alice.startPolling(180);
                bob.startPolling(180);
                String send = bob.invite(alice.address()).get(30, TimeUnit.SECONDS);
                connected = System.nanoTime();
                bob.send(send, "first");
                delivered = got.get(30, TimeUnit.SECONDS);
                alice.stopPolling();
                bob.stopPolling();
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("run", training ? run + " (training)" : run);
            row.put("process start to HTTP up (ms)", (up - t0) / 1_000_000);
            row.put("both signed in, with applications (ms)", (signedIn - t0) / 1_000_000);
            row.put("conversation connected (ms)", (connected - t0) / 1_000_000);
            row.put("process start to first IM delivered (ms)", (delivered - t0) / 1_000_000);
            report.row(row);
            System.out.println(row);
            if (!training) {
                times.add((delivered - t0) / 1e6);
            }
        }
        times.sort(Double::compare);
        report.setup("median ms", Math.round(times.get(times.size() / 2)));
        report.write(common.out);
        return 0;
    }

    private CompletableFuture<SimUser> signIn(Bench.Http client, ServerUnderTest server, String address, String endpoint,
            boolean available) {
        CompletableFuture<SimUser> done = new CompletableFuture<>();
        Thread.ofPlatform().name("bench-sign-in-" + endpoint).daemon(true).start(() -> {
            try {
                done.complete(new SimUser(client, server.baseUrl(), address).signIn(common.password, endpoint, available));
            } catch (Exception | Error e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }
}
