package io.parley.server.http.render;

import java.util.regex.Pattern;

/** The plain-text rendering of an HTML IM, for the plainMessage link next to htmlMessage. */
final class HtmlText {
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</p>|</div>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private HtmlText() {}

    static String plain(String html) {
        String text = TAG.matcher(BREAK.matcher(html).replaceAll("\n")).replaceAll("");
        return text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&").strip();
    }
}
