package io.parley.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.parley.protocol.DataUri;
import io.parley.protocol.UcwaJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the load generator needs from an event page, read in one streaming pass instead of building a tree:
 * the link to poll next, the text of every incoming IM, and whether the page has anything rarer (invitation
 * or messaging-state events) that needs the full tree.
 */
record EventPageScan(String next, List<String> incomingTexts, int events, boolean needsTree) {

    static EventPageScan of(byte[] page) throws IOException {
        String next = null;
        String resync = null;
        List<String> texts = new ArrayList<>(2);
        int events = 0;
        boolean needsTree = false;
        List<String> path = new ArrayList<>(12); // the field name of every enclosing object or array
        String field = null;
        try (JsonParser p = UcwaJson.mapper().getFactory().createParser(page)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case FIELD_NAME -> field = p.currentName();
                    case START_OBJECT, START_ARRAY -> {
                        if (t == JsonToken.START_OBJECT && "link".equals(field)) {
                            events++; // every event, and only an event, has a "link"
                        }
                        path.add(field);
                        field = null;
                    }
                    case END_OBJECT, END_ARRAY -> {
                        path.removeLast();
                        field = null;
                    }
                    case VALUE_STRING -> {
                        if ("href".equals(field) && path.size() >= 2) {
                            String owner = path.getLast();
                            boolean topLinks = path.size() == 3 && "_links".equals(path.get(1));
                            if (topLinks && "next".equals(owner)) {
                                next = p.getText();
                            } else if (topLinks && "resync".equals(owner)) {
                                resync = p.getText();
                            } else if ("plainMessage".equals(owner)) {
                                texts.add(DataUri.decode(p.getText()).text()); // only incoming IMs carry one
                            }
                        } else if ("rel".equals(field)) {
                            String rel = p.getText();
                            needsTree |= rel.equals("messagingInvitation") || rel.equals("messaging");
                        }
                        field = null;
                    }
                    default -> field = null;
                }
            }
        }
        if (next == null && resync == null) {
            throw new IOException("an event page without a next link");
        }
        return new EventPageScan(resync != null ? resync : next, texts, events, needsTree);
    }
}
