package io.parley.bench;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Steps the offered rate up over P pairs and reports, per step, what was delivered within the step and how
 * fast; the answer is the highest rate sustained (the senders kept up) with p99 under 200 ms and nothing lost.
 */
@Command(name = "throughput", mixinStandardHelpOptions = true, description = "Highest rate with p99 < 200 ms and no loss.")
final class ThroughputWorkload implements Callable<Integer> {
    @Mixin
    Bench.Common common;

    @Option(names = "--pairs", defaultValue = "100", description = "Sender/receiver pairs (default: ${DEFAULT-VALUE}).")
    int pairs;

    @Option(names = "--rates", defaultValue = "500,1000,2000,5000,10000,20000", split = ",",
            description = "Offered total rates, msg/s (default: ${DEFAULT-VALUE}).")
    List<Double> rates;

    @Option(names = "--duration", defaultValue = "20", description = "Seconds per step (default: ${DEFAULT-VALUE}).")
    int duration;

    /** CPU used by this harness process, to tell the load generator's share of the machine from the server's. */
    private static double harnessCpuSeconds() {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime() / 1e9;
    }

    @Override
    public Integer call() throws Exception {
        try (ServerUnderTest server = common.server(); Bench.Http client = new Bench.Http()) {
            HttpClient http = client.http;
            Pairs p = Pairs.connect(server, client, pairs, common.password);
            Pacer.run(p, Math.min(rates.get(0), 2_000), 10_000); // warm-up: lets the JIT compile the hot path first
            p.drain(10_000);
            Report report = new Report("throughput").setup("pairs", pairs).setup("seconds per step", duration)
                    .setup("server", server.baseUrl()).setup("server jvm", common.serverJvm.isBlank() ? "(defaults)" : common.serverJvm);
            double best = 0;
            List<Double> done = new ArrayList<>();
            for (double rate : rates) {
                p.resetLatency();
                long offered0 = p.sent() + p.backlog();
                long sent0 = p.sent();
                long received0 = p.received();
                long failures0 = p.sendFailures.get();
                double cpu0 = server.cpuSeconds();
                double harnessCpu0 = harnessCpuSeconds();
                long disk0 = server.bytesWritten("write_bytes");
                long t0 = System.nanoTime();
                Pacer.run(p, rate, duration * 1000L);
                long receivedInWindow = p.received() - received0;
                long backlogAtEnd = p.backlog();
                long drainStart = System.nanoTime();
                p.drain(15_000);
                double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
                double seconds = (System.nanoTime() - t0) / 1e9;
                double cpu = server.cpuSeconds() - cpu0;
                double harnessCpu = harnessCpuSeconds() - harnessCpu0;
                long disk = server.bytesWritten("write_bytes") - disk0;
                Histogram h = p.resetLatency();
                long sent = p.sent() - sent0;
                long received = p.received() - received0;
                long lost = sent - received;
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("offered msg/s", rate);
                row.put("delivered msg/s", Math.round(receivedInWindow / (double) duration));
                row.put("backlog at end", backlogAtEnd);
                row.put("drain s", Math.round(drainSeconds * 10) / 10.0);
                row.putAll(Report.latencyColumns(h));
                row.put("lost", lost);
                row.put("not sent (client backlog)", p.backlog());
                row.put("send errors", p.sendFailures.get() - failures0);
                row.put("server CPU s/1000 msg", sent == 0 ? 0 : Math.round(cpu / sent * 1000 * 1000) / 1000.0);
                row.put("server CPU %", Math.round(cpu / seconds * 100));
                row.put("server disk KB/msg", disk0 < 0 || sent == 0 ? "n/a" : Math.round(disk / 1024.0 / sent * 10) / 10.0);
                row.put("harness CPU %", Math.round(harnessCpu / seconds * 100));
                report.row(row);
                System.out.println(row);
                done.add(rate);
                // Sustained means the senders kept up: no more than 200 ms worth of IMs still queued in the
                // client when the window closed. Otherwise the latency clock (which starts at the POST) hides the wait.
                boolean sustained = backlogAtEnd <= rate * 0.2;
                row.put("sustained", sustained);
                boolean ok = sustained && lost == 0 && h.getValueAtPercentile(99) < 200_000;
                if (ok) {
                    best = Math.max(best, rate);
                }
                if (h.getValueAtPercentile(99) > 5_000_000 || lost > sent / 2 || receivedInWindow < rate * duration / 2) {
                    report.note("Stopped stepping after " + rate + " msg/s: the server is saturated.");
                    break;
                }
            }
            report.setup("highest sustained rate with p99 < 200 ms and no loss (msg/s)", best);
            report.write(common.out);
            p.close();
            return 0;
        }
    }
}
