package org.spinecds.internal;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.spinecds.RuleLoadException;

/** Strict JSON reading of the rule set's catalogues. */
final class Json {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    static JsonNode readTree(byte[] content, String file) {
        try {
            return MAPPER.readTree(content);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 0 : at.getLineNr();
            int column = at == null ? 0 : at.getColumnNr();
            throw RuleLoadException.of(java.util.List.of(
                    new RuleLoadException.Problem(file, line, column, null, "invalid JSON: " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw RuleLoadException.of(file, "cannot be read: %s", e.getMessage());
        }
    }

    /**
     * Refuses an object with a field not in {@code allowed} (a misspelt field would be silently lost),
     * naming the file and every such field; a value that is not an object is refused too.
     */
    static void refuseUnknownFields(JsonNode node, java.util.Set<String> allowed, String file) {
        if (!node.isObject()) {
            throw RuleLoadException.of(file, "must be a JSON object");
        }
        java.util.List<RuleLoadException.Problem> problems = new java.util.ArrayList<>();
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                problems.add(new RuleLoadException.Problem(file, 0, 0, null, "unknown field \"" + field
                        + "\" (expected " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")"));
            }
        }
        if (!problems.isEmpty()) {
            throw RuleLoadException.of(problems);
        }
    }

    static java.util.List<String> texts(JsonNode node, String field) {
        java.util.List<String> out = new java.util.ArrayList<>();
        node.path(field).forEach(v -> out.add(v.asText()));
        return out;
    }

    static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.get(field);
        return v == null || !v.isTextual() || v.asText().isBlank() ? fallback : v.asText();
    }
}
