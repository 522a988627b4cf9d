package org.spinecds.internal;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.spinecds.RuleLoadException;
import org.spinecds.RuleLoadException.Problem;
import org.spinecds.json.SchemaCheck;

/**
 * Strict JSON reading of the rule set's files: each is parsed, checked against its committed JSON
 * Schema (a resource beside this class, kept equal to the copy in the repository's {@code schema/})
 * and bound to a record, refusing unknown fields.
 */
final class Json {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    /**
     * Reads {@code content} as {@code type} once it meets {@code schema}.
     *
     * @throws RuleLoadException naming {@code file} and, for each violation of the schema, the field
     */
    static <T> T read(byte[] content, String file, SchemaCheck schema, Class<T> type) {
        return read(content, file, schema, MAPPER.constructType(type));
    }

    /** A list of {@code element}, as {@link #read(byte[], String, SchemaCheck, Class)} reads it. */
    static <T> List<T> readList(byte[] content, String file, SchemaCheck schema, Class<T> element) {
        return read(content, file, schema, MAPPER.getTypeFactory().constructCollectionType(List.class, element));
    }

    private static <T> T read(byte[] content, String file, SchemaCheck schema, JavaType type) {
        JsonNode tree = readTree(content, file);
        List<SchemaCheck.Violation> wrong = schema.check(tree, file);
        if (!wrong.isEmpty()) {
            throw RuleLoadException.of(wrong.stream()
                    .map(v -> new Problem(file, 0, 0, null, v.field() + ": " + v.message())).toList());
        }
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            // the schema and the record disagree: a build error, reported as the file's problem
            throw RuleLoadException.of(file, "does not match its reader: %s", e.getOriginalMessage());
        }
    }

    static JsonNode readTree(byte[] content, String file) {
        try {
            return MAPPER.readTree(content);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 0 : at.getLineNr();
            int column = at == null ? 0 : at.getColumnNr();
            throw RuleLoadException.of(List.of(new Problem(file, line, column, null, "invalid JSON: " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw RuleLoadException.of(file, "cannot be read: %s", e.getMessage());
        }
    }

    /** {@code value}, or {@code fallback} when it is absent or blank. */
    static String text(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
