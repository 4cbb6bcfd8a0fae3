package io.parley.server.http.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of a token request body, already read into memory within its small limit: form-encoded, or
 * {@code multipart/form-data} (COMPAT: tolerances, "Token endpoint"). Multipart is parsed here, in memory,
 * rather than by the servlet layer, which spooled parts of any size to temporary files and answered some
 * malformed shapes with 500. Field names are lower-cased; the first occurrence of a field wins.
 */
final class TokenForm {
    private TokenForm() {}

    /** Thrown for a body that is not the form it claims to be (answered 400 invalid_request). */
    static final class MalformedFormException extends RuntimeException {
        MalformedFormException(String message) {
            super(message);
        }
    }

    static Map<String, String> urlEncoded(byte[] body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8).trim().toLowerCase(Locale.ROOT),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed %-escape: leave the field out, the grant then fails as invalid_request
            }
        }
        return out;
    }

    static Map<String, String> multipart(byte[] body, String contentType) {
        String boundary = boundary(contentType);
        String text = new String(body, StandardCharsets.ISO_8859_1); // byte-for-byte; values are re-decoded as UTF-8
        String delimiter = "--" + boundary;
        int at = text.indexOf(delimiter);
        if (at < 0) {
            throw new MalformedFormException("The multipart body has no part with the boundary of its Content-Type.");
        }
        Map<String, String> out = new HashMap<>();
        while (true) {
            at += delimiter.length();
            if (text.startsWith("--", at)) {
                return out; // the closing delimiter
            }
            int headersEnd = text.indexOf("\r\n\r\n", at);
            int next = text.indexOf("\r\n" + delimiter, at);
            if (headersEnd < 0 || next < 0 || headersEnd > next) {
                throw new MalformedFormException("A multipart part is not closed by its boundary.");
            }
            String name = fieldName(text.substring(at, headersEnd));
            if (name != null) {
                byte[] value = text.substring(headersEnd + 4, next).getBytes(StandardCharsets.ISO_8859_1);
                out.putIfAbsent(name.trim().toLowerCase(Locale.ROOT), new String(value, StandardCharsets.UTF_8));
            }
            at = next + 2;
        }
    }

    private static String boundary(String contentType) {
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                String b = p.substring(9).trim();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                if (!b.isEmpty() && b.length() <= 70) {
                    return b;
                }
            }
        }
        throw new MalformedFormException("A multipart Content-Type needs a boundary of 1 to 70 characters.");
    }

    /** The {@code name} of a part's Content-Disposition, or null when it has none. */
    private static String fieldName(String headers) {
        for (String line : headers.split("\r\n")) {
            if (!line.regionMatches(true, 0, "Content-Disposition:", 0, 20)) {
                continue;
            }
            for (String param : line.substring(20).split(";")) {
                String p = param.trim();
                if (p.regionMatches(true, 0, "name=", 0, 5)) {
                    String v = p.substring(5).trim();
                    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
                }
            }
        }
        return null;
    }
}
