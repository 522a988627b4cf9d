package org.spinecds.cdshooks.internal;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import org.spinecds.json.SchemaCheck;

/** The JSON reader and writer of the service: strict reading (no duplicate keys, no trailing data). */
final class Jackson {

    /** Deeper nesting than any hook request needs (a Bundle inside the prefetch is about 12 deep). */
    static final int MAX_NESTING = 64;

    static final ObjectMapper MAPPER;

    static {
        JsonMapper mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        mapper.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build());
        MAPPER = mapper;
    }

    private Jackson() {
    }

    /**
     * A request body read as {@code type} once it meets {@code schema}. The specification's objects may
     * gain fields (a hook's context, a Coding's display): those are allowed and not read.
     *
     * @param what the request, as a message names it ({@code hook request})
     * @throws HttpError 400 naming the first field that breaks the schema
     */
    static <T> T read(JsonNode body, SchemaCheck schema, Class<T> type, String what) throws HttpError {
        JsonNode node = body == null ? NullNode.getInstance() : body;
        List<SchemaCheck.Violation> wrong = schema.check(node, what);
        if (!wrong.isEmpty()) {
            throw HttpError.badRequest(wrong.get(0));
        }
        try {
            return MAPPER.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(node);
        } catch (IOException e) {
            throw HttpError.badRequest("$", "the " + what + " does not match its schema");
        }
    }
}
