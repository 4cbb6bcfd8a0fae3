package io.parley.bench;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench/run WORKLOAD [options]}: load scenarios through the real UCWA HTTP API. Each stops by
 * itself, talks to loopback only, and writes its table as JSON and Markdown.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Parley benchmarks: latency, throughput, idle, startup, signin.",
        subcommands = {LatencyWorkload.class, ThroughputWorkload.class, IdleWorkload.class, StartupWorkload.class,
                SignInWorkload.class})
public final class Bench implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a workload: latency, throughput, idle, startup, signin.");
    }

    /**
     * The harness's two HTTP clients: the JDK's for set-up, and the selector loop for the hot path. Closing
     * cuts the parked polls ({@code HttpClient.close()} would wait for them, up to their timeout).
     */
    static final class Http implements AutoCloseable {
        final HttpClient http = Common.http();
        final HttpLoop loop = new HttpLoop("bench-http-loop");

        @Override
        public void close() {
            loop.close();
            http.shutdownNow();
        }
    }

    /** Options every workload shares. */
    static final class Common {
        @Option(names = "--server", description = "A running server's URL (default: start one on a temporary data directory).")
        String server;

        @Option(names = "--data", description = "With --server: its data directory (the harness creates its users there).")
        Path data;

        @Option(names = "--server-pid", defaultValue = "0", description = "With --server: its process id, for CPU and memory figures.")
        long serverPid;

        @Option(names = "--jar", defaultValue = "cli/target/parley.jar", description = "The Parley jar to start (default: ${DEFAULT-VALUE}).")
        Path jar;

        @Option(names = "--server-jvm", defaultValue = "", description = "JVM flags for a server the harness starts, e.g. \"-Xmx2g -XX:+UseZGC\".")
        String serverJvm;

        @Option(names = "--out", defaultValue = "bench/results", description = "Where results go (default: ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--password", defaultValue = "bench-pw", description = "Password of the harness's users.")
        String password;

        List<String> jvmFlags() {
            return serverJvm.isBlank() ? List.of() : Arrays.asList(serverJvm.trim().split("\\s+"));
        }

        ServerUnderTest server(String... serveArgs) throws Exception {
            if (server != null) {
                return ServerUnderTest.attach(server, data, serverPid);
            }
            return ServerUnderTest.start(jar, jvmFlags(), new ArrayList<>(List.of(serveArgs)));
        }

        static HttpClient http() {
            return HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
                    .connectTimeout(java.time.Duration.ofSeconds(10)).build();
        }
    }
}
