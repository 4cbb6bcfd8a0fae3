package io.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.server.support.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The harness's plain-socket readiness probe: the startup workload's "HTTP up" is only right if the probe
 * waits for a 200 and not for an open port or any answer.
 */
class ReadinessProbeTest {
    @Test
    void aRealServerIsUpAtOnce() throws Exception {
        try (TestServer server = TestServer.start()) {
            ServerUnderTest.waitUntilUp(server.baseUrl(), null);
        }
    }

    @Test
    void anAnswerOtherThan200IsNotUp() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        try (ServerSocket listener = new ServerSocket(0)) {
            Thread answering = Thread.ofPlatform().daemon(true).start(() -> {
                while (!listener.isClosed()) {
                    try (Socket s = listener.accept()) {
                        readHead(s.getInputStream());
                        String status = asked.incrementAndGet() <= 3 ? "503 Service Unavailable" : "200 OK";
                        s.getOutputStream().write(("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            ServerUnderTest.waitUntilUp("http://127.0.0.1:" + listener.getLocalPort(), null);
            assertThat(asked.get()).isEqualTo(4);
            listener.close();
            answering.join(5_000);
        }
    }

    @Test
    void aServerProcessThatExitedIsReported() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        assertThatThrownBy(() -> ServerUnderTest.waitUntilUp("http://127.0.0.1:" + freePort, exited))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited");
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
    }
}
