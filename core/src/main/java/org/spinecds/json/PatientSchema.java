package org.spinecds.json;

import java.util.Arrays;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.spinecds.patient.Input;

/**
 * The JSON Schema (draft 2020-12) of the patient JSON format, derived from {@link Input}: one
 * property per input with its type, unit, range and allowed values. The repository carries it as
 * {@code schema/patient.schema.json}, and a test keeps that file equal to this output. Cross-field
 * rules (a stenosis severity needs a stenosis diagnosis, ...) are checked by the reader, not here.
 */
public final class PatientSchema {

    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private PatientSchema() {
    }

    public static String generate() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("title", "SpineCDS patient");
        root.put("description", "One patient for a SpineCDS assessment. Every field is optional: an absent or null "
                + "field is unknown, and unknown is never read as false. A list given as an array is the complete list: "
                + "an empty array means none. A list not known complete is an object {\"present\": [...], "
                + "\"absent\": [...]}: the members known present and known absent, every other member unknown.");
        root.put("type", "object");
        root.put("additionalProperties", false);
        ObjectNode props = root.putObject("properties");
        ObjectNode id = props.putObject(PatientJson.PATIENT_ID);
        id.put("description", "The host's identifier of the patient: carried into the assessment for audit, never logged");
        id.putArray("type").add("string").add("null");
        id.put("minLength", 1);
        id.put("maxLength", 200);
        for (Input input : Input.values()) {
            ObjectNode p = props.putObject(input.jsonName());
            String unit = input.unit() == null ? "" : " (" + input.unit() + ")";
            p.put("description", input.description() + unit);
            switch (input.type()) {
                case BOOLEAN -> p.putArray("type").add("boolean").add("null");
                case INTEGER, DECIMAL -> {
                    p.putArray("type").add(input.type() == Input.Type.INTEGER ? "integer" : "number").add("null");
                    if (input == Input.BMI) {
                        p.put("exclusiveMinimum", (int) input.min());
                    } else {
                        p.put("minimum", (int) input.min());
                    }
                    p.put("maximum", (int) input.max());
                }
                case ENUM -> {
                    p.putArray("type").add("string").add("null");
                    constants(p.putArray("enum"), input).add(MAPPER.nullNode());
                }
                case ENUM_SET -> {
                    p.putArray("type").add("array").add("object").add("null");
                    members(p, input);
                    p.put("additionalProperties", false);
                    ObjectNode known = p.putObject("properties");
                    members(known.putObject(PatientJson.PRESENT).put("description", "The members known present"), input);
                    members(known.putObject(PatientJson.ABSENT).put("description", "The members known absent"), input);
                }
            }
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An array of distinct members of the input's enum (in a node that may also allow other types). */
    private static void members(ObjectNode p, Input input) {
        if (!p.has("type")) {
            p.putArray("type").add("array").add("null");
        }
        p.put("uniqueItems", true);
        ObjectNode items = p.putObject("items");
        items.put("type", "string");
        constants(items.putArray("enum"), input);
    }

    private static ArrayNode constants(ArrayNode array, Input input) {
        Arrays.stream(input.enumType().getEnumConstants()).map(Enum::name).forEach(array::add);
        return array;
    }

    /** Prints the schema, to regenerate the committed file. */
    public static void main(String[] args) {
        System.out.print(generate());
    }
}
