package io.parley.bench;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** P pairs, each sender at M IMs/s: delivery latency percentiles and per-pair loss, duplicates, reordering. */
@Command(name = "latency", mixinStandardHelpOptions = true, description = "Delivery latency at a steady rate.")
final class LatencyWorkload implements Callable<Integer> {
    @Mixin
    Bench.Common common;

    @Option(names = "--pairs", defaultValue = "20", description = "Sender/receiver pairs (default: ${DEFAULT-VALUE}).")
    int pairs;

    @Option(names = "--rate", defaultValue = "10", description = "IMs per second per sender (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "30", description = "Seconds measured (default: ${DEFAULT-VALUE}).")
    int duration;

    @Option(names = "--warmup", defaultValue = "10", description = "Seconds at the same rate before measuring (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--trace", description = "Also write each measured IM's send start, answer and delivery times "
            + "to this CSV file, to see where and when slow IMs happen.")
    Path trace;

    @Override
    public Integer call() throws Exception {
        try (ServerUnderTest server = common.server(); Bench.Http client = new Bench.Http()) {
            HttpClient http = client.http;
            Pairs p = Pairs.connect(server, client, pairs, common.password);
            double total = pairs * rate;
            Pacer.run(p, total, warmup * 1000L);
            p.drain(5_000);
            p.resetLatency();
            long sentBefore = p.sent();
            long receivedBefore = p.received();
            double cpu0 = server.cpuSeconds();
            if (trace != null) {
                p.trace();
            }
            Pacer.run(p, total, duration * 1000L);
            p.drain(10_000);
            double cpu = server.cpuSeconds() - cpu0;
            Histogram h = p.resetLatency();
            if (trace != null) {
                p.writeTrace(trace);
            }
            long sent = p.sent() - sentBefore;
            long received = p.received() - receivedBefore;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("offered msg/s", total);
            row.putAll(Report.latencyColumns(h));
            row.put("sent", sent);
            row.put("lost", sent - received);
            row.put("duplicated", p.duplicates());
            row.put("out of order", p.outOfOrder());
            row.put("send errors", p.sendFailures.get());
            row.put("server CPU s/1000 msg", sent == 0 ? 0 : Math.round(cpu / sent * 1000 * 1000) / 1000.0);
            new Report("latency").setup("pairs", pairs).setup("rate per sender", rate).setup("duration s", duration)
                    .setup("server", server.baseUrl()).setup("server jvm", common.serverJvm.isBlank() ? "(defaults)" : common.serverJvm)
                    .row(row).write(common.out);
            p.close();
            return 0;
        }
    }
}
