// Wrong-password attackers against a Parley token endpoint, for the figure in docs/security.md ("Figures"):
//   java scripts/sign-in-attack.java URL THREADS SECONDS
// Each thread posts wrong passwords for accounts that exist or not, back to back, and the answers are
// counted by status. Loopback only: it is a load generator for one's own server.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

class SignInAttack {
    public static void main(String[] args) throws Exception {
        String url = args[0].replaceAll("/$", "") + "/WebTicket/oauthtoken";
        int threads = Integer.parseInt(args[1]);
        long until = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000_000L;
        HttpClient http = HttpClient.newHttpClient();
        Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        Thread[] attackers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            attackers[t] = Thread.ofVirtual().start(() -> {
                long n = 0;
                while (System.nanoTime() < until) {
                    String user = (n++ % 2 == 0 ? "user" + (id % 20) + "@bench.test" : "nobody" + id + "-" + n + "@bench.test");
                    HttpRequest r = HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=" + user + "&password=wrong" + n))
                            .build();
                    try {
                        int status = http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
                        answers.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                    } catch (Exception e) {
                        answers.computeIfAbsent(-1, s -> new AtomicLong()).incrementAndGet();
                        errors.computeIfAbsent(e.toString(), s -> new AtomicLong()).incrementAndGet();
                    }
                }
            });
        }
        for (Thread a : attackers) {
            a.join();
        }
        System.out.println("answers by status: " + new TreeMap<>(answers) + (errors.isEmpty() ? "" : " errors: " + errors));
    }
}
