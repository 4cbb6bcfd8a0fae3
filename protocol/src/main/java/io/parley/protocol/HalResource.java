package io.parley.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/**
 * Builds one UCWA resource in its HAL-like JSON shape: properties, {@code _links}, {@code _embedded}
 * and {@code rel}.
 *
 * <p>The one rule that is easy to get wrong: a rel that can repeat is always an array, even with one
 * element ({@link #links}, {@link #embedAll}); a rel that cannot repeat is a single object
 * ({@link #link}, {@link #embed}). Pick the method by the protocol, not by the count.
 */
public final class HalResource {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final ObjectNode root = NODES.objectNode();
    private final ObjectNode links = NODES.objectNode();
    private ObjectNode embedded;
    private final String rel;

    private HalResource(String rel) {
        this.rel = rel;
    }

    public static HalResource of(String rel) {
        return new HalResource(rel);
    }

    /** A links-only object with no {@code rel} (autodiscover root, user, event-channel pages). */
    public static HalResource bare() {
        return new HalResource(null);
    }

    public HalResource property(String name, String value) {
        if (value != null) {
            root.put(name, value);
        }
        return this;
    }

    public HalResource property(String name, long value) {
        root.put(name, value);
        return this;
    }

    public HalResource property(String name, boolean value) {
        root.put(name, value);
        return this;
    }

    public HalResource property(String name, Collection<String> values) {
        ArrayNode array = root.putArray(name);
        values.forEach(array::add);
        return this;
    }

    public HalResource link(String rel, String href) {
        return link(rel, href, null);
    }

    public HalResource link(String rel, String href, String title) {
        links.set(rel, linkNode(href, title));
        return this;
    }

    /** A repeatable rel: always an array. */
    public HalResource links(String rel, Collection<Link> values) {
        ArrayNode array = links.putArray(rel);
        values.forEach(l -> array.add(linkNode(l.href(), l.title())));
        return this;
    }

    public HalResource embed(String rel, HalResource resource) {
        embedded().set(rel, resource.toNode());
        return this;
    }

    /** A repeatable embedded rel: always an array. */
    public HalResource embedAll(String rel, Collection<HalResource> resources) {
        ArrayNode array = embedded().putArray(rel);
        resources.forEach(r -> array.add(r.toNode()));
        return this;
    }

    /**
     * The JSON tree. It is the builder's own tree, not a copy (rendering is hot: every event embeds a
     * resource), so build a resource once and do not change it after embedding it elsewhere.
     */
    public ObjectNode toNode() {
        root.set("_links", links);
        if (embedded != null) {
            root.set("_embedded", embedded);
        }
        if (rel != null) {
            root.put("rel", rel);
        }
        return root;
    }

    public String toJson() {
        try {
            return UcwaJson.mapper().writeValueAsString(toNode());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode embedded() {
        if (embedded == null) {
            embedded = NODES.objectNode();
        }
        return embedded;
    }

    private static ObjectNode linkNode(String href, String title) {
        ObjectNode node = NODES.objectNode();
        node.put("href", href);
        if (title != null) {
            node.put("title", title);
        }
        return node;
    }
}
