package io.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.server.support.TestServer;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The harness's own hot path (polls and sends on HttpLoop, EventPageScan) against a real server: the figures
 * in docs/benchmarks.md are only as good as this client's reading of the event channel.
 */
class HotPathClientTest {
    @Test
    void imsSentOverTheLoopArriveInOrderThroughTheStreamingScan() throws Exception {
        try (TestServer server = TestServer.start(); Bench.Http client = new Bench.Http()) {
            HttpClient http = client.http;
            server.addUser("a@bench.test", "A", "pw");
            server.addUser("b@bench.test", "B", "pw");
            SimUser a = new SimUser(client, server.baseUrl(), "a@bench.test").signIn("pw", "a", true);
            SimUser b = new SimUser(client, server.baseUrl(), "b@bench.test").signIn("pw", "b", false);
            List<String> got = new CopyOnWriteArrayList<>();
            a.onText((text, at) -> got.add(text));
            a.startPolling(180);
            b.startPolling(180);
            try {
                String send = b.invite(a.address()).get(30, TimeUnit.SECONDS);
                for (int i = 0; i < 50; i++) {
                    assertThat(b.send(send, "im " + i + " ünïcode")).isEqualTo(201);
                }
                long deadline = System.currentTimeMillis() + 10_000;
                while (got.size() < 50 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(got).hasSize(50);
                for (int i = 0; i < 50; i++) {
                    assertThat(got.get(i)).isEqualTo("im " + i + " ünïcode");
                }
                assertThat(a.pollErrors.get()).isZero();
                assertThat(b.pollErrors.get()).isZero();
            } finally {
                a.stopPolling();
                b.stopPolling();
            }
        }
    }

    @Test
    void theScanFollowsResyncOverNextAndCountsEvents() throws Exception {
        String page = """
                {"_links":{"self":{"href":"/e?ack=3"},"next":{"href":"/e?ack=4"},"resync":{"href":"/e?ack=2"}},
                 "sender":[{"rel":"conversation","href":"/c","events":[
                   {"link":{"rel":"message","href":"/m/1"},"_embedded":{"message":{"_links":{"next":{"href":"/not-this"},
                     "plainMessage":{"href":"data:text/plain;charset=utf-8,hello%20there"}}}},"type":"completed"},
                   {"link":{"rel":"messaging","href":"/c/messaging"},"type":"updated"}]}]}
                """;
        EventPageScan scan = EventPageScan.of(page.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(scan.next()).isEqualTo("/e?ack=2");
        assertThat(scan.incomingTexts()).containsExactly("hello there");
        assertThat(scan.events()).isEqualTo(2);
        assertThat(scan.needsTree()).isTrue();
    }
}
