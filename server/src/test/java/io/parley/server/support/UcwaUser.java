package io.parley.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed-in UCWA user, got the way real clients do it: autodiscover root, user link, the 401
 * challenge's MsRtcOAuth href, the password grant, and the user resource's applications link.
 */
public final class UcwaUser {
    private static final Pattern MSRTC = Pattern.compile("MsRtcOAuth href=\"(.*?)\"");
    private final TestServer server;
    private final String address;
    private final String token;
    private final String applicationsUrl;

    private UcwaUser(TestServer server, String address, String token, String applicationsUrl) {
        this.server = server;
        this.address = address;
        this.token = token;
        this.applicationsUrl = applicationsUrl;
    }

    public static UcwaUser signIn(TestServer server, String address, String password) {
        Http.Response root = Http.get(server.baseUrl() + "/", null);
        assertThat(root.status()).isEqualTo(200);
        String userUrl = root.json().path("_links").path("user").path("href").asText();
        Http.Response challenge = Http.get(userUrl, null);
        assertThat(challenge.status()).isEqualTo(401);
        String tokenUrl = challenge.headerValues("WWW-Authenticate").stream()
                .map(MSRTC::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst()
                .orElseThrow(() -> new AssertionError("no MsRtcOAuth challenge: " + challenge.headers()));
        Http.Response grant = Http.post(tokenUrl, null, "application/x-www-form-urlencoded;charset=UTF-8",
                "grant_type=password&username=" + URLEncoder.encode(address, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8));
        assertThat(grant.status()).as(grant.body()).isEqualTo(200);
        String token = grant.json().path("access_token").asText();
        Http.Response user = Http.get(userUrl, token);
        assertThat(user.status()).isEqualTo(200);
        return new UcwaUser(server, address, token, user.json().path("_links").path("applications").path("href").asText());
    }

    public UcwaApp createApp(String endpointId) {
        Http.Response r = Http.postJson(applicationsUrl, token,
                "{\"UserAgent\":\"parley-tests\",\"EndpointId\":\"" + endpointId + "\",\"Culture\":\"en-US\"}");
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return new UcwaApp(server, this, r.json());
    }

    /** An application that is available for Messaging (Plain and HTML) and polls its event channel. */
    public UcwaApp availableApp(String endpointId) {
        UcwaApp app = createApp(endpointId);
        app.makeMeAvailable("Plain", "Html");
        app.startPolling();
        return app;
    }

    public String address() {
        return address;
    }

    public String token() {
        return token;
    }

    public String applicationsUrl() {
        return applicationsUrl;
    }

    public TestServer server() {
        return server;
    }

    public static String href(JsonNode resource, String rel) {
        JsonNode link = resource.path("_links").path(rel);
        if (link.isArray()) {
            link = link.path(0);
        }
        return link.path("href").asText(null);
    }
}
