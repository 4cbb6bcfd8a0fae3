package io.parley.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The single Jackson setup for UCWA JSON, used by server and client alike.
 *
 * <p>Lenient on input (case-insensitive property names, trailing commas: Microsoft's own samples send
 * both), compact on output (batch parts must be one line).
 */
public final class UcwaJson {
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";

    // Jackson's default buffer pool is per thread, and a virtual thread (one per request) starts with none:
    // every request allocated fresh read/write buffers (a tenth of the server's allocation under load).
    // A pool shared by all threads recycles them.
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build())
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private UcwaJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
