package io.parley.protocol;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * RFC 2397 {@code data:} URIs, the way UCWA carries message bodies in links.
 *
 * <p>Output is always URL-encoded with an explicit {@code ;charset=utf-8} (what real servers emit).
 * Input accepts every form clients send: plain ({@code data:text/plain,Hello}), form-encoded with a
 * charset ({@code +} for space), and base64.
 */
public record DataUri(String mediaType, String text) {

    /** Encodes text as {@code data:<type>;charset=utf-8,<url-encoded>}. */
    public static String encode(String mediaType, String text) {
        return "data:" + mediaType + ";charset=utf-8," + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Decodes a data URI; throws {@link IllegalArgumentException} for anything that is not one. */
    public static DataUri decode(String uri) {
        if (uri == null || !uri.regionMatches(true, 0, "data:", 0, 5)) {
            throw new IllegalArgumentException("not a data: URI");
        }
        int comma = uri.indexOf(',');
        if (comma < 0) {
            throw new IllegalArgumentException("data: URI without a comma");
        }
        String header = uri.substring(5, comma);
        String payload = uri.substring(comma + 1);
        String mediaType = "text/plain";
        Charset charset = StandardCharsets.UTF_8;
        boolean base64 = false;
        String[] parts = header.split(";");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            if (i == 0 && !part.isEmpty() && !part.contains("=")) {
                mediaType = part.toLowerCase(Locale.ROOT);
            } else if (part.equalsIgnoreCase("base64")) {
                base64 = true;
            } else if (part.regionMatches(true, 0, "charset=", 0, 8)) {
                charset = charsetOf(part.substring(8));
            }
        }
        String text;
        if (base64) {
            // A base64 payload may itself have been percent-encoded by a careful client.
            String raw = payload.contains("%") ? URLDecoder.decode(payload, StandardCharsets.US_ASCII) : payload;
            text = new String(Base64.getMimeDecoder().decode(raw), charset);
        } else {
            text = URLDecoder.decode(payload, charset);
        }
        return new DataUri(mediaType, text);
    }

    private static Charset charsetOf(String name) {
        String clean = name.replace("\"", "").replace("'", "").trim();
        if (clean.equalsIgnoreCase("utf8")) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(clean);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    public boolean isHtml() {
        return mediaType.contains("html");
    }
}
