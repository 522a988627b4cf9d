package org.spinecds.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;

/**
 * A committed JSON Schema (draft 2020-12), loaded once from the classpath, that checks parsed JSON
 * documents. Each violation names the file and the field as a JSON Pointer, for example
 * {@code criteria.json: /3/id: unknown field}. A schema may word its own messages: {@code "message":
 * {"pattern": "must be a uuid"}} beside the keyword. Thread-safe.
 *
 * <pre>{@code
 * static final SchemaCheck CRITERIA = SchemaCheck.of(Catalogues.class, "criteria.schema.json");
 * List<SchemaCheck.Violation> wrong = CRITERIA.check(tree, "rules/criteria.json");
 * }</pre>
 */
public final class SchemaCheck {

    /**
     * One way a document breaks its schema.
     *
     * @param file the document, as its reader names it
     * @param field the JSON Pointer of the field ({@code /3/id}); {@code /} for the document itself
     * @param message what is wrong, in the validator's words
     */
    public record Violation(String file, String field, String message) {
        public Violation {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }

        /**
         * The field as a path in the document's own terms: {@code /feedback/0/card} is
         * {@code feedback[0].card}; the document itself is {@code $}.
         */
        public String path() {
            if (field.equals("/")) {
                return "$";
            }
            StringBuilder path = new StringBuilder();
            for (String segment : field.substring(1).split("/", -1)) {
                String name = segment.replace("~1", "/").replace("~0", "~");
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    path.append('[').append(name).append(']');
                } else {
                    path.append(path.length() == 0 ? "" : ".").append(name);
                }
            }
            return path.toString();
        }

        /** {@code file: field: message}. */
        @Override
        public String toString() {
            return file + ": " + field + ": " + message;
        }
    }

    /**
     * Draft 2020-12; the validator's messages in English whatever the machine's locale; a schema may
     * give its own message for a keyword with {@code "message": {"pattern": "must be a uuid"}}.
     */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            registry -> registry.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .errorMessageKeyword("message").locale(Locale.ENGLISH).pathType(PathType.JSON_POINTER).build()));
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String name;
    private final Schema schema;

    private SchemaCheck(String name, Schema schema) {
        this.name = name;
        this.schema = schema;
    }

    /**
     * The schema {@code resource}, found as {@link Class#getResourceAsStream} finds it: a name without
     * a leading slash is beside {@code owner}. A relative {@code $ref} in it ({@code "patient.schema.json"})
     * names a schema beside it on the classpath.
     *
     * @throws IllegalStateException if the resource is missing or not a schema (a build error)
     */
    public static SchemaCheck of(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema " + resource + " is not on the classpath beside " + owner.getName());
            }
            String absolute = resource.startsWith("/") ? resource.substring(1)
                    : owner.getPackageName().replace('.', '/') + "/" + resource;
            return new SchemaCheck(resource, REGISTRY.getSchema(SchemaLocation.of("classpath:" + absolute),
                    MAPPER.readTree(in)));
        } catch (IOException e) {
            throw new UncheckedIOException("schema " + resource + " cannot be read", e);
        }
    }

    /** The violations of {@code document}, in the order the validator finds them; empty if it is valid. */
    public List<Violation> check(JsonNode document, String file) {
        List<Violation> out = new ArrayList<>();
        for (Error e : schema.validate(document)) {
            out.add(new Violation(file, field(e), message(e)));
        }
        return out;
    }

    /**
     * The pointer of the field: for an unknown or a missing field, the field itself rather than the
     * object that holds it.
     */
    private static String field(Error e) {
        String at = e.getInstanceLocation().toString();
        at = at.startsWith("$") ? at.substring(1) : at;
        if (e.getProperty() != null && ("additionalProperties".equals(e.getKeyword()) || "required".equals(e.getKeyword()))) {
            at = at + "/" + e.getProperty().replace("~", "~0").replace("/", "~1");
        }
        return at.isEmpty() ? "/" : at;
    }

    private static String message(Error e) {
        if (e.isCustomMessage()) {
            return e.getMessage();
        }
        return switch (e.getKeyword()) {
            case "additionalProperties" -> "unknown field";
            case "required" -> "required";
            default -> e.getMessage();
        };
    }

    @Override
    public String toString() {
        return "SchemaCheck[" + name + "]";
    }
}
