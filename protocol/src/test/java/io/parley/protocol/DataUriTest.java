package io.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DataUriTest {
    @Test
    void decodesEveryFormClientsSend() {
        assertThat(DataUri.decode("data:text/plain,Hello").text()).isEqualTo("Hello");
        assertThat(DataUri.decode("data:text/plain;charset=utf8,Hi+Tosh%0d%0a").text()).isEqualTo("Hi Tosh\r\n");
        assertThat(DataUri.decode("data:text/plain;charset=utf-8,Hi+Tosh%0d%0a").text()).isEqualTo("Hi Tosh\r\n");
        String b64 = Base64.getEncoder().encodeToString("héllo wörld".getBytes(StandardCharsets.UTF_8));
        assertThat(DataUri.decode("data:text/plain;base64," + b64).text()).isEqualTo("héllo wörld");
        assertThat(DataUri.decode("data:text/html;charset=utf-8,%3cb%3ex%3c%2fb%3e").isHtml()).isTrue();
        assertThat(DataUri.decode("data:,").text()).isEmpty();
    }

    @Test
    void encodesUrlEncodedWithCharset() {
        assertThat(DataUri.encode("text/plain", "Hi Tosh\r\n")).isEqualTo("data:text/plain;charset=utf-8,Hi+Tosh%0D%0A");
        assertThat(DataUri.decode(DataUri.encode("text/plain", "a+b & ✓")).text()).isEqualTo("a+b & ✓");
    }

    @Test
    void refusesWhatIsNotADataUri() {
        assertThatThrownBy(() -> DataUri.decode("http://example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataUri.decode("data:text/plain")).isInstanceOf(IllegalArgumentException.class);
    }
}
