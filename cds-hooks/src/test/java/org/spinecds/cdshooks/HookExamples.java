package org.spinecds.cdshooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.spinecds.cdshooks.internal.ServiceDefinition;
import org.spinecds.fhir.FhirJson;
import org.spinecds.fhir.FhirPatientMapper;

/**
 * The example hook requests of {@code examples/fhir/hooks/}, made from the example bundles of
 * {@code examples/fhir/}: for each patient a {@code patient-view} request whose prefetch holds the
 * bundle's resources by prefetch key (search results as {@code searchset} bundles, {@code null} for a
 * key without data, as the specification asks), and, for a patient with a planned spine procedure, an
 * {@code order-select} request that selects it as a draft order.
 */
final class HookExamples {

    /** The day the example bundles' dates are written against. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

    static final FhirPatientMapper MAPPER = FhirPatientMapper.withDefaultCodes().withClock(CLOCK);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private HookExamples() {
    }

    /** The examples folder of the project; the tests run in the module's folder. */
    static Path examples() {
        return Path.of("..", "examples").toAbsolutePath().normalize();
    }

    static Path hooksDir() {
        return examples().resolve("fhir/hooks");
    }

    /** The example bundles' base names, e.g. {@code lumbar-disc-herniation} for {@code lumbar-disc-herniation.bundle.json}. */
    static List<String> names() {
        String suffix = ".bundle.json";
        try (Stream<Path> bundles = Files.list(examples().resolve("fhir"))) {
            return bundles.map(Path::getFileName).map(Path::toString).filter(f -> f.endsWith(suffix))
                    .map(f -> f.substring(0, f.length() - suffix.length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode bundle(String name) {
        try {
            return JSON.readTree(examples().resolve("fhir/" + name + ".bundle.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every example hook request, by file name, as it should be on disk. */
    static Map<String, String> expectedFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : names()) {
            JsonNode bundle = bundle(name);
            files.put(name + ".patient-view.json", write(patientView(name, bundle)));
            String order = spineOrderId(bundle);
            if (order != null) {
                files.put(name + ".order-select.json", write(orderSelect(name, bundle, order)));
            }
        }
        return files;
    }

    static ObjectNode patientView(String name, JsonNode bundle) {
        ObjectNode request = envelope(name, "patient-view", bundle);
        request.set("prefetch", prefetch(bundle, null));
        return request;
    }

    /** An order-select request whose draft orders hold the planned spine procedure, selected. */
    static ObjectNode orderSelect(String name, JsonNode bundle, String orderId) {
        ObjectNode request = envelope(name, "order-select", bundle);
        ObjectNode context = (ObjectNode) request.get("context");
        context.putArray("selections").add("ServiceRequest/" + orderId);
        ObjectNode drafts = context.putObject("draftOrders");
        drafts.put("resourceType", "Bundle");
        drafts.put("type", "collection");
        ArrayNode entries = drafts.putArray("entry");
        for (JsonNode e : bundle.get("entry")) {
            if (isResource(e, "ServiceRequest") && orderId.equals(e.get("resource").path("id").asText())) {
                ObjectNode draft = e.get("resource").deepCopy();
                draft.put("status", "draft");
                entries.addObject().set("resource", draft);
            }
        }
        request.set("prefetch", prefetch(bundle, orderId));
        return request;
    }

    private static ObjectNode envelope(String name, String hook, JsonNode bundle) {
        ObjectNode request = NODES.objectNode();
        request.put("hookInstance", UUID.nameUUIDFromBytes((name + "/" + hook).getBytes(StandardCharsets.UTF_8))
                .toString());
        request.put("hook", hook);
        ObjectNode context = request.putObject("context");
        context.put("userId", "Practitioner/example");
        context.put("patientId", patient(bundle).path("id").asText());
        return request;
    }

    /** The prefetch of the discovery entry, filled from the bundle; {@code leaveOut} is a service request id. */
    private static ObjectNode prefetch(JsonNode bundle, String leaveOut) {
        ObjectNode prefetch = NODES.objectNode();
        for (ServiceDefinition.Prefetch p : ServiceDefinition.PREFETCH) {
            if (p.key().equals(ServiceDefinition.PATIENT_KEY)) {
                prefetch.set(p.key(), patient(bundle).deepCopy());
                continue;
            }
            List<JsonNode> matches = new ArrayList<>();
            for (JsonNode e : bundle.get("entry")) {
                if (isResource(e, p.resourceType())
                        && !(leaveOut != null && leaveOut.equals(e.get("resource").path("id").asText()))) {
                    matches.add(e);
                }
            }
            if (matches.isEmpty() && p.key().equals(ServiceDefinition.QUESTIONNAIRE_RESPONSES_KEY)) {
                continue; // no answers yet: an EHR leaves the optional key out
            }
            if (matches.isEmpty()) {
                prefetch.putNull(p.key());
                continue;
            }
            ObjectNode searchset = prefetch.putObject(p.key());
            searchset.put("resourceType", "Bundle");
            searchset.put("type", "searchset");
            searchset.put("total", matches.size());
            ArrayNode entries = searchset.putArray("entry");
            for (JsonNode e : matches) {
                ObjectNode entry = entries.addObject();
                if (e.has("fullUrl")) {
                    entry.set("fullUrl", e.get("fullUrl"));
                }
                entry.set("resource", e.get("resource").deepCopy());
                entry.putObject("search").put("mode", "match");
            }
            if (p.resourceType().startsWith("Medication")) {
                for (JsonNode e : bundle.get("entry")) {
                    if (isResource(e, "Medication")) {
                        ObjectNode entry = entries.addObject();
                        entry.set("resource", e.get("resource").deepCopy());
                        entry.putObject("search").put("mode", "include");
                    }
                }
            }
        }
        return prefetch;
    }

    /** The id of the bundle's service request for a spine procedure, or null. */
    static String spineOrderId(JsonNode bundle) {
        Bundle parsed = FhirJson.parse(Bundle.class, bundle.toString());
        for (Bundle.BundleEntryComponent e : parsed.getEntry()) {
            if (e.getResource() instanceof ServiceRequest sr
                    && MAPPER.map(List.of(sr)).patient().getPlannedProcedure() != null) {
                return sr.getIdElement().getIdPart();
            }
        }
        return null;
    }

    private static JsonNode patient(JsonNode bundle) {
        for (JsonNode e : bundle.get("entry")) {
            if (isResource(e, "Patient")) {
                return e.get("resource");
            }
        }
        throw new IllegalStateException("the bundle has no Patient");
    }

    private static boolean isResource(JsonNode entry, String type) {
        return type.equals(entry.path("resource").path("resourceType").asText());
    }

    static String write(JsonNode json) {
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        pretty.indentArraysWith(new DefaultIndenter("  ", "\n"));
        pretty.indentObjectsWith(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(pretty).writeValueAsString(json) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites the example hook requests: {@code mvn -pl cds-hooks test -Dtest=HookExamplesTest -Dspinecds.writeHooks=true}. */
    static void writeAll() throws IOException {
        Files.createDirectories(hooksDir());
        for (Map.Entry<String, String> f : expectedFiles().entrySet()) {
            Files.writeString(hooksDir().resolve(f.getKey()), f.getValue());
        }
    }
}
