package org.spinecds.cdshooks.internal;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

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
}
