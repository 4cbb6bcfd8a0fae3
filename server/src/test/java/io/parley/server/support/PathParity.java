package io.parley.server.support;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For the requests Parley answers on two paths (a Jetty fast path for the exact spelling, the Javalin route for
 * any other): the other spelling of a path, and the check that both paths answered alike.
 */
public final class PathParity {
    private PathParity() {}

    /** {@code /ucwa/...} as {@code /UCWA/...}: a spelling clients do send, which only the Javalin route takes. */
    public static String javalinSpelling(String href) {
        assertThat(href).startsWith("/ucwa/");
        return "/UCWA/" + href.substring("/ucwa/".length());
    }

    /** The same status, body and values of {@code headers} on both paths. */
    public static void assertSameAnswer(Http.Response fast, Http.Response javalin, String... headers) {
        assertThat(fast.status()).isEqualTo(javalin.status());
        assertThat(fast.body()).isEqualTo(javalin.body());
        for (String header : headers) {
            assertThat(fast.headerValues(header)).as(header).isEqualTo(javalin.headerValues(header));
        }
    }
}
