package io.parley.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A burst of sign-ins soon after the server starts, as when every bot reconnects after a restart: N users
 * each ask for a token ({@code POST /WebTicket/oauthtoken}), P at a time. Each sign-in is one Argon2id check.
 */
@Command(name = "signin", mixinStandardHelpOptions = true, description = "A burst of sign-ins after a start.")
final class SignInWorkload implements Callable<Integer> {
    @Mixin
    Bench.Common common;

    @Option(names = "--count", defaultValue = "40", description = "Sign-ins, one per user (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--parallel", defaultValue = "8", description = "Sign-ins in flight at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Override
    public Integer call() throws Exception {
        try (ServerUnderTest server = common.server(); Bench.Http client = new Bench.Http();
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            server.createUsers("signin", count, common.password);
            Histogram latency = new ConcurrentHistogram(3_600_000_000L, 3);
            AtomicLong failures = new AtomicLong();
            Semaphore inFlight = new Semaphore(parallel);
            double cpu0 = server.cpuSeconds();
            long t0 = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String body = "grant_type=password&username=" + URLEncoder.encode("signin" + i + "@bench.test",
                        StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(common.password, StandardCharsets.UTF_8);
                inFlight.acquire();
                done.add(threads.submit(() -> {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<Void> r = client.http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/WebTicket/oauthtoken"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    } finally {
                        latency.recordValue((System.nanoTime() - start) / 1000);
                        inFlight.release();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = server.cpuSeconds() - cpu0;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sign-ins", count);
            row.put("in flight", parallel);
            row.put("wall s", Math.round(seconds * 100) / 100.0);
            row.put("sign-ins/s", Math.round(count / seconds * 10) / 10.0);
            row.putAll(Report.latencyColumns(latency));
            row.put("failed", failures.get());
            row.put("server CPU ms per sign-in", Math.round(cpu / count * 1000 * 10) / 10.0);
            new Report("signin").setup("server", server.baseUrl())
                    .setup("server jvm", common.serverJvm.isBlank() ? "(defaults)" : common.serverJvm)
                    .row(row).write(common.out);
            return failures.get() == 0 ? 0 : 1;
        }
    }
}
