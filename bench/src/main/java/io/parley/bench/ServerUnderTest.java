package io.parley.bench;

import io.parley.server.core.auth.PasswordHasher;
import io.parley.server.core.auth.User;
import io.parley.server.core.auth.UserStore;
import io.parley.server.store.Store;
import io.parley.server.store.StoreSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server a workload measures: one the harness starts itself (the real launcher jar, in its own
 * process, on a fresh data directory) or one already running ({@code --server}). Users are created the
 * way {@code parley user add} creates them: in the data directory's store.
 */
final class ServerUnderTest implements AutoCloseable {
    private final String baseUrl;
    private final Path dataDir;
    private final Process process;
    private final long pid;

    private ServerUnderTest(String baseUrl, Path dataDir, Process process, long pid) {
        this.baseUrl = baseUrl;
        this.dataDir = dataDir;
        this.process = process;
        this.pid = pid;
    }

    /** Attaches to a running server; users go into {@code dataDir} (its data directory), if given. */
    static ServerUnderTest attach(String url, Path dataDir, long pid) {
        return new ServerUnderTest(url.endsWith("/") ? url.substring(0, url.length() - 1) : url, dataDir, null, pid);
    }

    /** Starts {@code java -jar cli/target/parley.jar serve} on a fresh data directory and waits until it answers. */
    static ServerUnderTest start(Path jar, List<String> jvmFlags, List<String> serveArgs) throws Exception {
        Path data = Files.createTempDirectory("parley-bench");
        return startOn(jar, data, jvmFlags, serveArgs, null);
    }

    static ServerUnderTest startOn(Path jar, Path data, List<String> jvmFlags, List<String> serveArgs, Runnable beforeStart)
            throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        if (beforeStart != null) {
            beforeStart.run();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("--enable-native-access=ALL-UNNAMED");
        Path launcherOptions = launcherOptions(jar);
        if (launcherOptions != null) {
            cmd.add("@" + launcherOptions); // the options ./parley runs with; --server-jvm flags come after
        }
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-jar", jar.toString(), "serve", "--port", String.valueOf(port), "--data", data.toString()));
        cmd.addAll(serveArgs);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(data.resolve("server.log").toFile()).start();
        String url = "http://127.0.0.1:" + port;
        waitUntilUp(url, p);
        return new ServerUnderTest(url, data, p, p.pid());
    }

    /** The launcher's JVM options file, {@code cli/jvm.options} next to {@code cli/target/parley.jar}; null if absent. */
    static Path launcherOptions(Path jar) {
        Path target = jar.toAbsolutePath().getParent();
        Path options = target == null || target.getParent() == null ? null : target.getParent().resolve("jvm.options");
        return options != null && Files.isRegularFile(options) ? options : null;
    }

    /**
     * Waits until the server answers {@code GET /} with 200. The probe is a plain socket, not an HTTP client:
     * a refused connect costs one syscall, and the harness shares the server's two cores, so a heavier probe
     * would slow the very start-up it waits for (the startup workload measures it).
     */
    static void waitUntilUp(String url, Process p) throws InterruptedException {
        URI uri = URI.create(url);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (p != null && !p.isAlive()) {
                throw new IllegalStateException("the server process exited (exit " + p.exitValue() + ")");
            }
            if (answersOk(uri)) {
                return;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("the server did not answer within 60 s");
    }

    private static boolean answersOk(URI uri) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] status = s.getInputStream().readNBytes(12); // "HTTP/1.1 200"
            return new String(status, StandardCharsets.US_ASCII).endsWith(" 200");
        } catch (IOException e) {
            return false;
        }
    }

    /** Creates users {@code prefix0..prefixN-1@bench.test}, all with the same password. */
    static void createUsers(Path dataDir, String prefix, int count, String password) {
        String hash = new PasswordHasher().hash(password);
        try (Store store = Store.open(StoreSettings.sqlite(dataDir), false)) { // never upgrades the server's store
            UserStore users = store.users();
            for (int i = 0; i < count; i++) {
                String address = prefix + i + "@bench.test";
                if (users.find(address).isEmpty()) {
                    users.save(new User(address, "Bench " + prefix + i, hash));
                }
            }
        }
    }

    void createUsers(String prefix, int count, String password) {
        if (dataDir == null) {
            throw new IllegalArgumentException("give --data (the server's data directory) so the harness can create users");
        }
        createUsers(dataDir, prefix, count, password);
    }

    String baseUrl() {
        return baseUrl;
    }

    long pid() {
        return pid;
    }

    /** CPU seconds the server process used so far (user + system), from /proc. */
    double cpuSeconds() {
        if (pid <= 0) {
            return Double.NaN;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * A counter of /proc/PID/io, or -1: {@code write_bytes} is what the server caused to be written to storage
     * (the store's WAL and its checkpoints into the database file), which the table layout and group commit
     * decide, so the throughput workload reports it per IM.
     */
    long bytesWritten(String field) {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/io"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Asks the server JVM for a full GC ({@code jcmd PID GC.run}) so that resident memory reflects what
     * is live rather than garbage not yet collected; returns false when that was not possible.
     */
    boolean collectGarbage() {
        if (pid <= 0) {
            return false;
        }
        try {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            Process p = new ProcessBuilder(jcmd, String.valueOf(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            boolean done = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            Thread.sleep(2000);
            return done;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Resident memory of the server process in KB, from /proc. */
    long rssKb() {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
