package io.parley.server.http.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Which requests the fast path takes (the rest go to the Javalin route), and how it reads a poll's query. */
class EventChannelFastPathTest {
    @Test
    void takesOnlyTheExactSpellingOfAnApplicationsEvents() {
        assertThat(EventChannelFastPath.appId("/ucwa/oauth/v1/applications/123/events")).isEqualTo("123");
        assertThat(EventChannelFastPath.appId("/ucwa/oauth/v1/applications/a-b_c/events")).isEqualTo("a-b_c");
        // Other spellings Javalin accepts (case, repeated or trailing slashes), escapes and other resources: not here.
        for (String other : new String[] {"/UCWA/oauth/v1/applications/123/events", "//ucwa/oauth/v1/applications/123/events",
                "/ucwa/oauth/v1/applications//123/events", "/ucwa/oauth/v1/applications/123/events/",
                "/ucwa/oauth/v1/applications/1%323/events", "/ucwa/oauth/v1/applications/123;x=1/events",
                "/ucwa/oauth/v1/applications/events", "/ucwa/oauth/v1/applications//events",
                "/ucwa/oauth/v1/applications/123/me/events", "/ucwa/oauth/v1/applications/123", null}) {
            assertThat(EventChannelFastPath.appId(other)).as(other).isNull();
        }
    }

    @Test
    void readsTheFirstOccurrenceOfEachParameterAndDecodesEscapes() {
        EventChannelFastPath.Query q = EventChannelFastPath.Query.parse("ack=%32&timeout=+180&ack=7&x=1&medium=&low=3&flag");
        assertThat(q.ack()).isEqualTo("2");
        assertThat(q.timeout()).isEqualTo(" 180");
        assertThat(q.medium()).isEmpty();
        assertThat(q.low()).isEqualTo("3");
        assertThat(EventChannelFastPath.Query.parse(null)).isEqualTo(new EventChannelFastPath.Query(null, null, null, null));
        assertThat(EventChannelFastPath.Query.parse("")).isEqualTo(new EventChannelFastPath.Query(null, null, null, null));
        assertThatThrownBy(() -> EventChannelFastPath.Query.parse("ack=%zz")).isInstanceOf(IllegalArgumentException.class);
    }
}
