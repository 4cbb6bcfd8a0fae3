package io.parley.server.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.parley.server.ServerConfig;
import io.parley.server.support.Http;
import io.parley.server.support.RawHttp;
import io.parley.server.support.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What the operator exposes: metrics only on the admin listener (loopback, off unless a port is given),
 * never on the public UCWA port; and clients with bad Host headers are answered without a log line each.
 */
class OperatorSurfaceScenarioTest {

    @Test
    void metricsAreServedOnTheAdminListenerOnly() {
        assertThat(ServerConfig.defaults(Path.of("x")).adminPort()).as("no admin listener unless asked").isEqualTo(-1);
        assertThat(ServerConfig.defaults(Path.of("x")).adminBind()).isEqualTo("127.0.0.1");
        try (TestServer server = TestServer.start()) {
            Http.Response pub = Http.get(server.baseUrl() + "/metrics", null);
            assertThat(pub.status()).isEqualTo(404);
            assertThat(pub.json().path("code").asText()).isEqualTo("NotFound");

            Http.Response admin = Http.get(server.metricsUrl(), null);
            assertThat(admin.status()).isEqualTo(200);
            assertThat(admin.body()).contains("parley_events_parked");
            assertThat(Http.get(server.metricsUrl().replace("/metrics", "/other"), null).status()).isEqualTo(404);
        }
    }

    @Test
    void badHostHeadersAreAnsweredWithoutLogSpam() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        root.addAppender(logged);
        try (TestServer server = TestServer.start()) {
            for (int i = 0; i < 200; i++) {
                String host = new String[] {"bad host", "[::1", "x:99999", "évil", "a@b:c"}[i % 5];
                RawHttp.Answer a = RawHttp.exchange(server.port(), "GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
                assertThat(a.status()).as(host).isEqualTo(400);
                assertThat(a.body()).contains("\"code\":\"BadRequest\"");
            }
        } finally {
            root.detachAppender(logged);
        }
        assertThat(logged.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }
}
