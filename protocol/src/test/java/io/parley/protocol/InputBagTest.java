package io.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InputBagTest {
    private static InputBag parse(String json) {
        return InputBag.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void namesAreCaseInsensitiveAndTrailingCommasAllowed() {
        InputBag bag = parse("{\"UserAgent\":\"x\",\"SupportedModalities\":[\"Messaging\"],}");
        assertThat(bag.string("userAgent")).contains("x");
        assertThat(bag.strings("supportedmodalities")).containsExactly("Messaging");
    }

    @Test
    void emptyBodyIsAnEmptyBag() {
        assertThat(InputBag.parse(new byte[0]).isEmpty()).isTrue();
        assertThat(parse("  ").isEmpty()).isTrue();
    }

    @Test
    void linksAreReadFromUnderscoreLinks() {
        assertThat(parse("{\"_links\":{\"Message\":{\"href\":\"data:,hi\"}}}").linkHref("message")).contains("data:,hi");
    }

    @Test
    void malformedInputIsRefused() {
        assertThatThrownBy(() -> parse("{\"a\":")).isInstanceOf(InputBag.MalformedInputException.class);
        assertThatThrownBy(() -> parse("[1]")).isInstanceOf(InputBag.MalformedInputException.class);
        assertThatThrownBy(() -> parse("{\"a\":{}}").string("a")).isInstanceOf(InputBag.MalformedInputException.class);
    }
}
