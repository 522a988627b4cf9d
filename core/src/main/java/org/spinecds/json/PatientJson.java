package org.spinecds.json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.spinecds.InvalidPatientException;
import org.spinecds.patient.Input;
import org.spinecds.patient.Members;
import org.spinecds.patient.Patient;

/**
 * Reads a patient from the SpineCDS patient JSON format: one flat object whose field names are the
 * {@link Input} JSON names ({@code age}, {@code bmi}, {@code diagnoses}, ...). A field that is absent
 * or {@code null} is unknown. Enum values are the constant names ({@code "HERNIATED_DISC"}). A
 * set-valued input is either an array of them, the complete list (an empty array means "none"), or an
 * object {@code {"present": [...], "absent": [...]}} saying what is known member by member when the
 * list is not known complete: the members known present, those known absent (either key may be
 * omitted), every other member being unknown (see {@link Patient.Builder#members}).
 * {@link #write} writes a patient in the same shapes.
 *
 * <p>Reading is strict: malformed JSON, an unknown field, a duplicate field, a value of the wrong
 * type (a string for a number, 2.5 for a whole number), an impossible value and contradictory
 * inputs each raise an {@link InvalidPatientException} naming the field. So does text that is not
 * Unicode: bytes that are not UTF-8 (a UTF-16 or Latin-1 file), and a string (a value or a field
 * name) holding an unpaired surrogate, which a JSON escape (backslash, u, D800) can spell but
 * which no Unicode text contains, and which would otherwise be carried into the output.
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

    /** The key of a set input's object form holding the members known present. */
    public static final String PRESENT = "present";
    /** The key of a set input's object form holding the members known absent. */
    public static final String ABSENT = "absent";

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

    /**
     * Reads a patient from the bytes of one document, strictly as UTF-8 (see {@link #decode}); a byte
     * order mark is not skipped here (a file's is, by {@link #read(InputStream)}).
     */
    public static Patient read(byte[] bytes, int offset, int length) {
        if (length > MAX_DOCUMENT_BYTES) {
            throw tooLarge();
        }
        return read(decode(bytes, offset, length));
    }

    /**
     * Reads a patient document of UTF-8 text, after an optional UTF-8 byte order mark (RFC 8259, 8.1);
     * text in another encoding (UTF-16 with or without its byte order mark, Latin-1) is refused.
     */
    public static Patient read(InputStream in) throws IOException {
        byte[] content = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
        if (content.length > MAX_DOCUMENT_BYTES) {
            throw tooLarge();
        }
        int start = content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF ? 3 : 0;
        return read(content, start, content.length - start);
    }

    /**
     * The text of a document's bytes, read strictly as UTF-8: a malformed or truncated sequence, an
     * overlong form or an encoded surrogate is refused with its byte offset (from 0), never replaced,
     * and so is a NUL byte, which JSON text never holds but UTF-16 and UTF-32 text of JSON always does.
     * The message shows no content.
     *
     * @throws InvalidPatientException naming {@code $}, with "not UTF-8" in the message
     */
    public static String decode(byte[] bytes, int offset, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[offset + i] == 0) {
                throw InvalidPatientException.of(ROOT, "not UTF-8 text: a NUL byte at byte offset %d "
                        + "(UTF-16 or UTF-32 text has them)", i);
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        CharBuffer out = CharBuffer.allocate(length); // UTF-8 never has fewer bytes than UTF-16 chars
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            throw InvalidPatientException.of(ROOT, "not UTF-8 text: an invalid byte sequence at byte offset %d",
                    in.position() - offset);
        }
        return out.flip().toString();
    }

    private static InvalidPatientException tooLarge() {
        return InvalidPatientException.of(ROOT, "the document is larger than %d bytes", MAX_DOCUMENT_BYTES);
    }

    /**
     * Reads a patient file (see {@link #read(InputStream)}).
     *
     * @throws InvalidPatientException if the file holds no valid patient
     * @throws IOException naming the file if it cannot be read: a missing file is a
     *     {@link java.nio.file.NoSuchFileException}, a directory a {@link FileSystemException}
     */
    public static Patient read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "is a directory, not a patient file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
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
            if (!isUnicode(field.getKey())) {
                throw InvalidPatientException.of(fieldName(field.getKey()),
                        "the field name is not valid Unicode text (it holds an unpaired surrogate)");
            }
            if (field.getKey().equals(PATIENT_ID)) {
                JsonNode id = field.getValue();
                if (!id.isNull() && !id.isTextual()) {
                    throw InvalidPatientException.of(PATIENT_ID, "must be a string, was %s", kind(id));
                }
                builder.patientId(id.isNull() ? null : unicode(PATIENT_ID, id.textValue()));
                continue;
            }
            Input input = Input.byJsonName(field.getKey()).orElseThrow(() ->
                    InvalidPatientException.of(fieldName(field.getKey()), "unknown field"));
            if (input.type() == Input.Type.ENUM_SET && field.getValue().isObject()) {
                members(builder, input, field.getValue());
            } else {
                builder.set(input, value(input, field.getValue()));
            }
        }
        return builder.build();
    }

    /**
     * A field name as errors show it: as it is when it is a plain word, quoted otherwise, with control
     * characters and surrogates as JSON escapes (so that an error never carries an unpaired surrogate).
     */
    private static String fieldName(String key) {
        if (key.matches("[A-Za-z0-9_$-]{1,64}")) {
            return key;
        }
        String shown = key.length() > 64 ? key.substring(0, 64) + "..." : key;
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F || Character.isSurrogate(c)) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    /** Whether every surrogate in {@code s} is one of a pair, as in any Unicode text. */
    static boolean isUnicode(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code text}, refused naming {@code field} if it is not Unicode text; the message shows no value. */
    private static String unicode(String field, String text) {
        if (!isUnicode(text)) {
            throw InvalidPatientException.of(field, "not valid Unicode text (it holds an unpaired surrogate)");
        }
        return text;
    }

    /** A set input's object form: its members known present and known absent. */
    private static void members(Patient.Builder builder, Input input, JsonNode node) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!key.equals(PRESENT) && !key.equals(ABSENT)) {
                throw InvalidPatientException.of(input.jsonName() + "." + fieldName(key),
                        "unknown field; a list known member by member has only \"%s\" and \"%s\"", PRESENT, ABSENT);
            }
        }
        builder.members(input, memberList(input, PRESENT, node.get(PRESENT)),
                memberList(input, ABSENT, node.get(ABSENT)));
    }

    private static List<String> memberList(Input input, String key, JsonNode node) {
        String field = input.jsonName() + "." + key;
        List<String> items = new ArrayList<>();
        if (node == null) {
            return items; // a side not given: nothing said of it ({} says nothing known)
        }
        if (!node.isArray()) {
            // null too: a side given as null says neither "none" nor anything else; it is refused, not
            // taken silently as unknown
            throw InvalidPatientException.of(field, "must be an array of strings, was %s", kind(node));
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String at = field + "[" + i + "]";
            if (!item.isTextual()) {
                throw InvalidPatientException.of(at, "must be a string, was %s", kind(item));
            }
            String name = unicode(at, item.textValue());
            if (java.util.Arrays.stream(input.enumType().getEnumConstants()).noneMatch(c -> c.name().equals(name))) {
                throw InvalidPatientException.of(at, "must be one of %s, was \"%s\"", allowed(input), name);
            }
            items.add(name);
        }
        return items;
    }

    private static String allowed(Input input) {
        return java.util.Arrays.stream(input.enumType().getEnumConstants()).map(Enum::name)
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    /**
     * A patient as a document of this format, which {@link #read(String)} reads back to an equal
     * patient: the identifier, then the known inputs in {@link Input} order (a complete list as an
     * array), then each list known member by member as its object form (an empty side omitted).
     */
    public static ObjectNode toTree(Patient patient) {
        ObjectNode root = MAPPER.createObjectNode();
        if (patient.getPatientId() != null) {
            root.put(PATIENT_ID, patient.getPatientId());
        }
        for (Input input : Input.values()) {
            Object value = patient.get(input);
            Members members = patient.partialInputs().get(input);
            if (value != null) {
                root.set(input.jsonName(), node(value));
            } else if (members != null) {
                ObjectNode o = root.putObject(input.jsonName());
                if (!members.present().isEmpty()) {
                    o.set(PRESENT, node(members.present()));
                }
                if (!members.absent().isEmpty()) {
                    o.set(ABSENT, node(members.absent()));
                }
            }
        }
        return root;
    }

    /** A patient as the text of a document of this format (see {@link #toTree}). */
    public static String write(Patient patient) {
        try {
            return MAPPER.writeValueAsString(toTree(patient));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode node(Object value) {
        if (value instanceof Set<?> set) {
            ArrayNode a = MAPPER.createArrayNode();
            set.forEach(m -> a.add(((Enum<?>) m).name()));
            return a;
        }
        if (value instanceof Enum<?> e) {
            return MAPPER.getNodeFactory().textNode(e.name());
        }
        if (value instanceof Boolean b) {
            return MAPPER.getNodeFactory().booleanNode(b);
        }
        if (value instanceof Integer i) {
            return MAPPER.getNodeFactory().numberNode(i);
        }
        if (value instanceof Double d) {
            return MAPPER.getNodeFactory().numberNode(d);
        }
        throw new IllegalStateException("no JSON form for a " + value.getClass().getSimpleName());
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
                yield unicode(input.jsonName(), node.textValue());
            }
            case ENUM_SET -> {
                if (!node.isArray()) {
                    throw wrongType(input, node, "an array of strings (the complete list) or an object with "
                            + "\"present\" and \"absent\" arrays");
                }
                List<String> items = new ArrayList<>();
                for (int i = 0; i < node.size(); i++) {
                    JsonNode item = node.get(i);
                    if (!item.isTextual()) {
                        throw InvalidPatientException.of(input.jsonName() + "[" + i + "]", "must be a string, was %s",
                                kind(item));
                    }
                    items.add(unicode(input.jsonName() + "[" + i + "]", item.textValue()));
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
