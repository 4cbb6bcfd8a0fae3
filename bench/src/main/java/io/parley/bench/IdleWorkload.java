package io.parley.bench;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * N signed-in applications, each holding a parked event-channel poll: the server's resident memory at
 * each step and the KB per held channel, then proof they are all live (a sample of users changes its
 * note; every application of those users must get the event).
 */
@Command(name = "idle", mixinStandardHelpOptions = true, description = "Memory per idle held event channel.")
final class IdleWorkload implements Callable<Integer> {
    @Mixin
    Bench.Common common;

    @Option(names = "--users", defaultValue = "1000,5000,18000", split = ",",
            description = "Held channels at each step (default: ${DEFAULT-VALUE}; this machine allows 20000 open files per process).")
    List<Integer> steps;

    @Option(names = "--apps-per-user", defaultValue = "100", description = "Applications per signed-in user (default: ${DEFAULT-VALUE}).")
    int appsPerUser;

    @Option(names = "--sample", defaultValue = "5", description = "Users whose applications are checked for liveness (default: ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--hold", defaultValue = "0", description = "Seconds to keep the channels held after measuring (for a profiler).")
    int hold;

    @Option(names = "--no-gc",
            description = "Read memory as a user would see it: no full GC (jcmd GC.run) before each reading.")
    boolean noGc;

    @Option(names = "--settle", defaultValue = "8",
            description = "Seconds the channels sit idle before each reading (default: ${DEFAULT-VALUE}).")
    int settle;

    @Override
    public Integer call() throws Exception {
        int max = steps.stream().mapToInt(Integer::intValue).max().orElse(1000);
        int userCount = (max + appsPerUser - 1) / appsPerUser;
        try (ServerUnderTest server = common.server("--apps-per-user", String.valueOf(appsPerUser));
             Bench.Http client = new Bench.Http()) {
            HttpClient http = client.http;
            server.createUsers("idle", userCount, common.password);
            Thread.sleep(2000);
            boolean collected = !noGc && server.collectGarbage();
            long rss0 = server.rssKb();
            Report report = new Report("idle").setup("apps per user", appsPerUser)
                    .setup("server jvm", common.serverJvm.isBlank() ? "(defaults)" : common.serverJvm)
                    .setup("server RSS before any channel (KB)", rss0)
                    .setup("full GC (jcmd GC.run) before each reading", collected);
            List<SimUser> apps = new ArrayList<>();
            List<String> tokens = new ArrayList<>();
            long previousRss = rss0;
            int previousCount = 0;
            for (int step : steps) {
                while (apps.size() < step) {
                    int i = apps.size();
                    int user = i / appsPerUser;
                    SimUser app = new SimUser(client, server.baseUrl(), "idle" + user + "@bench.test");
                    if (user >= tokens.size()) {
                        app.signIn(common.password, "e" + i, true);
                        tokens.add(app.token());
                    } else {
                        app.withToken(tokens.get(user), "e" + i, true);
                    }
                    app.startPolling(1800);
                    apps.add(app);
                }
                Thread.sleep(settle * 1000L); // let the makeMeAvailable events go out and every poll park again
                if (!noGc) {
                    server.collectGarbage();
                }
                long rss = server.rssKb();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("held channels", step);
                row.put("server RSS MB", rss / 1024);
                row.put("KB per channel (total)", Math.round((rss - rss0) / (double) step * 10) / 10.0);
                row.put("KB per channel (this step)", Math.round((rss - previousRss) / (double) (step - previousCount) * 10) / 10.0);
                row.put("poll errors", apps.stream().mapToLong(a -> a.pollErrors.get()).sum());
                report.row(row);
                System.out.println(row);
                previousRss = rss;
                previousCount = step;
            }
            // Liveness: a sample of users changes its note; every application of theirs must get the event.
            Random random = new Random(42);
            List<SimUser> checked = new ArrayList<>();
            Map<SimUser, Long> before = new LinkedHashMap<>();
            for (int s = 0; s < sample; s++) {
                int user = random.nextInt(userCount);
                for (int i = user * appsPerUser; i < Math.min(apps.size(), (user + 1) * appsPerUser); i++) {
                    checked.add(apps.get(i));
                    before.put(apps.get(i), apps.get(i).eventsSeen.get());
                }
                apps.get(user * appsPerUser).touch("live " + s).join();
            }
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline && checked.stream().anyMatch(a -> a.eventsSeen.get() <= before.get(a))) {
                Thread.sleep(100);
            }
            long live = checked.stream().filter(a -> a.eventsSeen.get() > before.get(a)).count();
            report.note("Liveness: " + live + " of " + checked.size() + " sampled applications (all applications of "
                    + sample + " random users) received the note event through their held poll.");
            report.write(common.out);
            if (hold > 0) {
                System.out.println("holding " + apps.size() + " channels for " + hold + " s (server pid " + server.pid() + ")");
                Thread.sleep(hold * 1000L);
            }
            apps.forEach(SimUser::stopPolling);
            return live == checked.size() ? 0 : 1;
        }
    }
}
