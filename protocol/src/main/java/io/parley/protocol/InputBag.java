package io.parley.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A UCWA input body: a JSON property bag whose names are matched case-insensitively
 * (COMPAT: Microsoft's samples send {@code UserAgent} and {@code userAgent}; tolerances "Requests").
 * An empty body is an empty bag: clients send a JSON content type on empty POSTs.
 */
public final class InputBag {
    private final Map<String, JsonNode> properties = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    private InputBag() {}

    public static InputBag empty() {
        return new InputBag();
    }

    /**
     * Parses a request body. Throws {@link MalformedInputException} when the body is not a JSON object.
     */
    public static InputBag parse(byte[] body) {
        InputBag bag = new InputBag();
        if (body == null || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return bag;
        }
        JsonNode root;
        try {
            root = UcwaJson.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedInputException("The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new MalformedInputException("The request body could not be read.");
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return bag;
        }
        if (!root.isObject()) {
            throw new MalformedInputException("The request body must be a JSON object.");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            bag.properties.put(e.getKey(), e.getValue());
        }
        return bag;
    }

    /** Adds a query parameter as input; body properties win (UCWA accepts input in either place). */
    public InputBag withFallback(String name, String value) {
        if (value != null && !properties.containsKey(name)) {
            properties.put(name, com.fasterxml.jackson.databind.node.TextNode.valueOf(value));
        }
        return this;
    }

    public Optional<String> string(String name) {
        JsonNode node = properties.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isContainerNode()) {
            throw new MalformedInputException("Property '" + name + "' must be a string.");
        }
        return Optional.of(node.asText());
    }

    public List<String> strings(String name) {
        JsonNode node = properties.get(name);
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (node.isTextual()) {
            for (String s : node.asText().split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        } else {
            throw new MalformedInputException("Property '" + name + "' must be an array of strings.");
        }
        return out;
    }

    /** The href of an input link ({@code _links.<rel>.href}), e.g. the first message of startMessaging. */
    public Optional<String> linkHref(String rel) {
        JsonNode links = properties.get("_links");
        if (links == null || !links.isObject()) {
            return Optional.empty();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = links.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().toLowerCase(Locale.ROOT).equals(rel.toLowerCase(Locale.ROOT))) {
                JsonNode link = e.getValue().isArray() ? e.getValue().path(0) : e.getValue();
                JsonNode href = link.get("href");
                return href == null || href.isNull() ? Optional.empty() : Optional.of(href.asText());
            }
        }
        return Optional.empty();
    }

    public boolean isEmpty() {
        return properties.isEmpty();
    }

    /** The input was not usable at all (bad JSON, wrong shape). */
    public static final class MalformedInputException extends RuntimeException {
        public MalformedInputException(String message) {
            super(message);
        }
    }
}
