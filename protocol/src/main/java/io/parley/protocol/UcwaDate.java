package io.parley.protocol;

import java.time.Instant;

/** ASP.NET AJAX dates as UCWA JSON writes them: {@code "/Date(1383784870271)/"}. */
public final class UcwaDate {
    private UcwaDate() {}

    /** The string value; Jackson escapes the slashes the way real servers do not need to. */
    public static String format(Instant instant) {
        return "/Date(" + instant.toEpochMilli() + ")/";
    }

    public static Instant parse(String value) {
        int open = value.indexOf('(');
        int close = value.indexOf(')', open + 1);
        if (open < 0 || close < 0) {
            throw new IllegalArgumentException("not a /Date(ms)/ value: " + value);
        }
        String millis = value.substring(open + 1, close);
        int sign = Math.max(millis.indexOf('+', 1), millis.indexOf('-', 1));
        return Instant.ofEpochMilli(Long.parseLong(sign > 0 ? millis.substring(0, sign) : millis));
    }
}
