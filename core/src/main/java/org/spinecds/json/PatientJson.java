package org.spinecds.json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.spinecds.InvalidPatientException;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;

/**
 * Reads a patient from the SpineCDS patient JSON format: one flat object whose field names are the
 * {@link Input} JSON names ({@code age}, {@code bmi}, {@code diagnoses}, ...). A field that is absent
 * or {@code null} is unknown. Enum values are the constant names ({@code "HERNIATED_DISC"});
 * set-valued inputs are arrays of them, and an empty array means "none".
 *
 * <p>Reading is strict: malformed JSON, an unknown field, a duplicate field, a value of the wrong
 * type (a string for a number, 2.5 for a whole number), an impossible value and contradictory
 * inputs each raise an {@link InvalidPatientException} naming the field.
 */
public final class PatientJson {

    /** The largest patient document read, in bytes: a patient is a few kilobytes. */
    public static final int MAX_DOCUMENT_BYTES = 1 << 20;
    /** The deepest nesting read: the format nests two levels (an object holding arrays). */
    public static final int MAX_NESTING_DEPTH = 8;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxStringLength(10_000)
                            .maxNumberLength(100)
                            .maxDocumentLength(MAX_DOCUMENT_BYTES)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** The optional patient identifier field: carried into the assessment for the host's audit, never logged. */
    public static final String PATIENT_ID = "patientId";

    /** The name given to the whole document in errors that concern no single field. */
    public static final String ROOT = "$";

    private PatientJson() {
    }

    public static Patient read(String json) {
        if (json.length() > MAX_DOCUMENT_BYTES) {
            throw tooLarge();
        }
        try {
            return fromTree(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw syntax(e);
        }
    }

    public static Patient read(InputStream in) throws IOException {
        byte[] content = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
        if (content.length > MAX_DOCUMENT_BYTES) {
            throw tooLarge();
        }
        try {
            return fromTree(MAPPER.readTree(content));
        } catch (JsonProcessingException e) {
            throw syntax(e);
        } catch (java.io.CharConversionException e) {
            throw InvalidPatientException.of(ROOT, "not valid UTF-8 text: %s", e.getMessage());
        }
    }

    private static InvalidPatientException tooLarge() {
        return InvalidPatientException.of(ROOT, "the document is larger than %d bytes", MAX_DOCUMENT_BYTES);
    }

    /**
     * Reads a patient file.
     *
     * @throws InvalidPatientException if the file is missing or holds no valid patient
     * @throws IOException if the file cannot be read for another reason
     */
    public static Patient read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (NoSuchFileException e) {
            throw InvalidPatientException.of(ROOT, "no such file: %s", file);
        }
    }

    /** A patient from a parsed JSON object. */
    public static Patient fromTree(JsonNode root) {
        if (root == null || root.isMissingNode()) {
            throw InvalidPatientException.of(ROOT, "the document is empty; expected a JSON object");
        }
        if (!root.isObject()) {
            throw InvalidPatientException.of(ROOT, "expected a JSON object, found %s", kind(root));
        }
        Patient.Builder builder = Patient.builder();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals(PATIENT_ID)) {
                JsonNode id = field.getValue();
                if (!id.isNull() && !id.isTextual()) {
                    throw InvalidPatientException.of(PATIENT_ID, "must be a string, was %s", kind(id));
                }
                builder.patientId(id.isNull() ? null : id.textValue());
                continue;
            }
            Input input = Input.byJsonName(field.getKey()).orElseThrow(() ->
                    InvalidPatientException.of(fieldName(field.getKey()), "unknown field"));
            builder.set(input, value(input, field.getValue()));
        }
        return builder.build();
    }

    /** A field name as errors show it: as it is when it is a plain word, quoted otherwise. */
    private static String fieldName(String key) {
        if (key.matches("[A-Za-z0-9_$-]{1,64}")) {
            return key;
        }
        String shown = key.length() > 64 ? key.substring(0, 64) + "..." : key;
        return "\"" + shown.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static Object value(Input input, JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        return switch (input.type()) {
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    throw wrongType(input, node, "true or false");
                }
                yield node.booleanValue();
            }
            case INTEGER, DECIMAL -> {
                if (!node.isNumber()) {
                    throw wrongType(input, node, input.type() == Input.Type.INTEGER ? "a whole number" : "a number");
                }
                yield node.numberValue();
            }
            case ENUM -> {
                if (!node.isTextual()) {
                    throw wrongType(input, node, "a string");
                }
                yield node.textValue();
            }
            case ENUM_SET -> {
                if (!node.isArray()) {
                    throw wrongType(input, node, "an array of strings");
                }
                List<String> items = new ArrayList<>();
                for (int i = 0; i < node.size(); i++) {
                    JsonNode item = node.get(i);
                    if (!item.isTextual()) {
                        throw InvalidPatientException.of(input.jsonName() + "[" + i + "]", "must be a string, was %s",
                                kind(item));
                    }
                    items.add(item.textValue());
                }
                yield items;
            }
        };
    }

    private static InvalidPatientException wrongType(Input input, JsonNode node, String expected) {
        return InvalidPatientException.of(input.jsonName(), "must be %s, was %s", expected, kind(node));
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "nothing";
        };
    }

    private static InvalidPatientException syntax(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : String.format("line %d, column %d: ", at.getLineNr(), at.getColumnNr());
        return InvalidPatientException.of(ROOT, "malformed JSON: %s%s", where, e.getOriginalMessage());
    }
}
