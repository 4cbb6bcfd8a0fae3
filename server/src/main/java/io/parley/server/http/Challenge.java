package io.parley.server.http;

import io.javalin.http.Context;

/**
 * The 401 answer that sends a client to the token endpoint. COMPAT: clients grab the URL with
 * {@code MsRtcOAuth href="(.*?)"}, so the header is exactly {@code MsRtcOAuth href="<url>",grant_type="..."}
 * on its own line next to a Bearer one, and no other absolute URL appears in any header
 * (tolerances, "Responses"; protocol sheet §1.3).
 */
public final class Challenge {
    private static final String GRANT_TYPES = "urn:microsoft.rtc:windows,urn:microsoft.rtc:anonmeeting,password";
    private final BaseUrl baseUrl;

    public Challenge(BaseUrl baseUrl) {
        this.baseUrl = baseUrl;
    }

    public void send(Context ctx, String reason) {
        ctx.status(401);
        ctx.res().addHeader("WWW-Authenticate", "Bearer trusted_issuers=\"\", client_id=\"00000004-0000-0ff1-ce00-000000000000\"");
        ctx.res().addHeader("WWW-Authenticate",
                "MsRtcOAuth href=\"" + baseUrl.absolute(ctx, Links.TOKEN) + "\",grant_type=\"" + GRANT_TYPES + "\"");
        ctx.header("Cache-Control", "no-cache");
        if (ctx.method().name().equals("HEAD")) {
            ctx.result("");
            return;
        }
        ctx.contentType(io.parley.protocol.UcwaJson.CONTENT_TYPE);
        ctx.result("{\"code\":\"Unauthorized\",\"subcode\":\"InvalidToken\",\"message\":"
                + io.parley.server.http.JsonText.quote(reason) + "}");
    }
}
