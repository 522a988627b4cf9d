package org.spinecds.cdshooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.spinecds.cdshooks.internal.ServiceDefinition;
import org.spinecds.patient.Input;

/**
 * Hook requests for made-up patients given as patient JSON, independent of the example bundles: the
 * Patient resource carries the age (as a birth date against {@link HookExamples#CLOCK}) and the sex,
 * and one Observation carries every other input as a component coded with SpineCDS's own input code
 * system, the way a site's spine pre-assessment form can record it. The other prefetch keys are sent
 * as {@code null} (no such data). So a test can state a patient once, as JSON, and check that the
 * service gives over HTTP the verdict the engine gives that JSON.
 */
final class RecordedPatients {

    static final String PATIENT_ID = "rec-1";
    private static final String INPUT_SYSTEM = "https://spinecds.org/fhir/CodeSystem/input";
    private static final String UCUM = "http://unitsofmeasure.org";
    /** The units the mapper reads as UCUM codes; the others are counts or grades written without one. */
    private static final Set<String> UCUM_UNITS = Set.of("kg/m2", "cm", "deg");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RecordedPatients() {
    }

    /** The candidate of the tests: every input known, a minimally invasive candidate. */
    static ObjectNode candidate() {
        try (InputStream in = RecordedPatients.class.getResourceAsStream("candidate.patient.json")) {
            return (ObjectNode) TestServer.JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The candidate with some inputs changed; a {@code null} value forgets the input. */
    static ObjectNode candidateWith(Map<String, Object> changes) {
        ObjectNode patient = candidate();
        changes.forEach((name, value) -> {
            if (value == null) {
                patient.remove(name);
            } else {
                patient.set(name, TestServer.JSON.valueToTree(value));
            }
        });
        return patient;
    }

    /** A patient-view request for the patient. */
    static ObjectNode patientView(JsonNode patient) {
        ObjectNode request = NODES.objectNode();
        request.put("hookInstance", UUID.nameUUIDFromBytes(patient.toString().getBytes(StandardCharsets.UTF_8))
                .toString());
        request.put("hook", "patient-view");
        request.putObject("context").put("userId", "Practitioner/example").put("patientId", PATIENT_ID);
        ObjectNode prefetch = request.putObject("prefetch");
        for (ServiceDefinition.Prefetch p : ServiceDefinition.PREFETCH) {
            prefetch.putNull(p.key());
        }
        prefetch.set(ServiceDefinition.PATIENT_KEY, patientResource(patient));
        ObjectNode observations = prefetch.putObject("observations");
        observations.put("resourceType", "Bundle").put("type", "searchset").put("total", 1);
        ObjectNode entry = observations.putArray("entry").addObject();
        entry.set("resource", observation(patient));
        entry.putObject("search").put("mode", "match");
        return request;
    }

    private static ObjectNode patientResource(JsonNode patient) {
        ObjectNode r = NODES.objectNode();
        r.put("resourceType", "Patient").put("id", PATIENT_ID);
        if (patient.has("sex")) {
            r.put("gender", patient.get("sex").asText().toLowerCase(java.util.Locale.ROOT));
        }
        if (patient.has("age")) {
            LocalDate today = LocalDate.now(HookExamples.CLOCK);
            r.put("birthDate", today.minusYears(patient.get("age").asInt()).minusMonths(6).toString());
        }
        return r;
    }

    private static ObjectNode observation(JsonNode patient) {
        ObjectNode o = NODES.objectNode();
        o.put("resourceType", "Observation").put("id", "spine-record").put("status", "final");
        o.putObject("code").put("text", "Spine surgery pre-assessment");
        o.putObject("subject").put("reference", "Patient/" + PATIENT_ID);
        o.put("effectiveDateTime", "2026-05-25T10:00:00Z");
        ArrayNode components = o.putArray("component");
        for (Iterator<Map.Entry<String, JsonNode>> it = patient.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            Input input = Input.byJsonName(field.getKey())
                    .orElseThrow(() -> new IllegalArgumentException("not an input: " + field.getKey()));
            if (input == Input.AGE || input == Input.SEX) {
                continue;
            }
            JsonNode value = field.getValue();
            switch (input.type()) {
                case BOOLEAN -> component(components, input.jsonName()).put("valueBoolean", value.asBoolean());
                case INTEGER -> component(components, input.jsonName()).put("valueInteger", value.asInt());
                case DECIMAL -> {
                    ObjectNode q = component(components, input.jsonName()).putObject("valueQuantity");
                    q.put("value", value.decimalValue());
                    if (UCUM_UNITS.contains(input.unit())) {
                        q.put("system", UCUM).put("code", input.unit());
                    }
                }
                case ENUM -> component(components, input.jsonName()).putObject("valueCodeableConcept")
                        .putArray("coding").addObject().put("system", INPUT_SYSTEM)
                        .put("code", input.jsonName() + "." + value.asText());
                case ENUM_SET -> {
                    if (value.isEmpty()) {
                        component(components, input.jsonName()).put("valueBoolean", false);
                    }
                    Set<String> present = new java.util.HashSet<>();
                    value.forEach(v -> present.add(v.asText()));
                    for (Enum<?> member : input.enumType().getEnumConstants()) {
                        component(components, input.jsonName() + "." + member.name())
                                .put("valueBoolean", present.contains(member.name()));
                    }
                }
            }
        }
        return o;
    }

    private static ObjectNode component(ArrayNode components, String code) {
        ObjectNode c = components.addObject();
        c.putObject("code").putArray("coding").addObject().put("system", INPUT_SYSTEM).put("code", code);
        return c;
    }
}
