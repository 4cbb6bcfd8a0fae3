package io.parley.server.http;

import io.javalin.http.Context;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.InputBag;
import io.parley.server.core.UcwaException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reading request bodies: bounded in size (413 EntityTooLarge), typed by Content-Type (415), and lenient
 * where clients are sloppy. COMPAT: clients send a JSON Content-Type on empty POSTs; an empty body is
 * never parsed (tolerances, "Requests").
 */
public final class Bodies {
    private final int maxBytes;

    public Bodies(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public byte[] bytes(Context ctx) {
        String cached = ctx.attribute("parley.body.read");
        if (cached != null) {
            return ctx.attribute("parley.body");
        }
        try {
            byte[] body = read(ctx.req().getInputStream(), ctx.req().getContentLengthLong());
            ctx.attribute("parley.body", body);
            ctx.attribute("parley.body.read", "yes");
            return body;
        } catch (IOException e) {
            throw UcwaException.badRequest("DeserializationFailure", "The request body could not be read.");
        }
    }

    /** Whether a body of this declared Content-Length (-1: none given) is within the limit. */
    public boolean fits(long declared) {
        return declared >= 0 && declared <= maxBytes;
    }

    /** Reads (and closes) a whole body, refused (413) past the limit; {@code declared} is its Content-Length, or -1. */
    public byte[] read(InputStream body, long declared) {
        if (declared > maxBytes) {
            throw tooLarge(body, declared);
        }
        try (InputStream in = body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[declared >= 0 ? (int) Math.max(1, Math.min(declared, 8192)) : 8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > maxBytes) {
                    throw tooLarge(in, -1);
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw UcwaException.badRequest("DeserializationFailure", "The request body could not be read.");
        }
    }

    /** A JSON property bag; an empty body is an empty bag whatever the Content-Type. */
    public InputBag json(Context ctx) {
        byte[] body = bytes(ctx);
        if (isBlank(body)) {
            return InputBag.empty();
        }
        String type = mediaType(ctx);
        if (type != null && !type.contains("json")) {
            throw new UcwaException(ErrorCode.UnsupportedMediaType, "UnsupportedMediaType",
                    "Send JSON (application/json); got " + type + ".");
        }
        try {
            return InputBag.parse(body);
        } catch (InputBag.MalformedInputException e) {
            throw UcwaException.badRequest("DeserializationFailure", e.getMessage());
        }
    }

    /** The lower-case media type without parameters, or null when there is no Content-Type. */
    public static String mediaType(Context ctx) {
        return mediaType(rawContentType(ctx));
    }

    /** The lower-case media type of a Content-Type value without parameters, or null when there is none. */
    public static String mediaType(String ct) {
        if (ct == null || ct.isBlank()) {
            return null;
        }
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The Content-Type header as sent. COMPAT: never through the servlet API, which throws on
     * {@code charset='utf-8'} (Microsoft's captured token request sends exactly that).
     */
    public static String rawContentType(Context ctx) {
        return ctx.req().getHeader("Content-Type");
    }

    /** COMPAT: {@code charset=UTF-8}, {@code charset='utf-8'}, {@code charset="utf8"} or none. */
    public static Charset charset(String contentType) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = p.substring(8).replace("'", "").replace("\"", "").trim();
                if (name.equalsIgnoreCase("utf8")) {
                    return StandardCharsets.UTF_8;
                }
                try {
                    return Charset.forName(name);
                } catch (RuntimeException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    /** Bodies up to this much over the limit are read to their end before a 413 ({@link #tooLarge(InputStream, long)}). */
    private static final long DRAIN_EXCESS = 1 << 20;

    /**
     * The 413 for an oversized body, after reading the rest of it when it is not huge. Why: a server that answers
     * and closes while the client is still sending makes the client's TCP stack receive a reset, which throws
     * the answer away (the JDK client then reports "header parser received no bytes" instead of the 413).
     * Read to its end, the body leaves the connection clean and the answer arrives.
     */
    private UcwaException tooLarge(InputStream body, long declared) {
        if (declared <= maxBytes + DRAIN_EXCESS) {
            try (InputStream in = body) {
                long left = maxBytes + DRAIN_EXCESS;
                byte[] sink = new byte[8192];
                int n;
                while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
                    left -= n;
                }
            } catch (IOException ignored) {
                // the client went away: nothing to answer anyway
            }
        }
        return tooLarge();
    }

    private UcwaException tooLarge() {
        return new UcwaException(ErrorCode.EntityTooLarge, "EntityTooLarge",
                "The request body is larger than " + maxBytes + " bytes.");
    }
}
