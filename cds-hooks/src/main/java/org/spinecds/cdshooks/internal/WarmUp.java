package org.spinecds.cdshooks.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.spinecds.fhir.FhirJson;
import org.spinecds.fhir.FhirPatientMapper;
import org.spinecds.fhir.FhirQuestionnaire;
import org.spinecds.patient.Input;

/**
 * Answers a bundled, made-up patient-view call once before the port opens, so that the first client's
 * call does not wait for the FHIR context, the parsers, the mapping, the rule sessions and the card
 * rendering to be made: its cards are rendered and written as JSON, and a Questionnaire of every input
 * too. A failure is logged and the service starts all the same (its first call is then only slower).
 *
 * <p>{@link #fhir} does the part that needs no rule engine (HAPI's FHIR context, which takes seconds to
 * make, the parser, the mapping and the FHIR writer), so that a host can run it while the rule base
 * compiles on another core ({@code spinecds serve} does); {@link #run} then finds it done.
 */
public final class WarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    private static final String CALL = "warm-up.patient-view.json";

    private WarmUp() {
    }

    /**
     * Parses the bundled call's prefetch as FHIR, maps it with the mapper and writes a Questionnaire of
     * every input: no rule engine is needed. Returns whether it succeeded (a failure is only logged).
     */
    public static boolean fhir(FhirPatientMapper mapper) {
        long start = System.nanoTime();
        try (InputStream in = WarmUp.class.getResourceAsStream(CALL)) {
            if (in == null) {
                throw new IOException(CALL + " is missing from the jar");
            }
            List<Resource> resources = new ArrayList<>();
            for (JsonNode value : Jackson.MAPPER.readTree(in).path("prefetch")) {
                IBaseResource r = FhirJson.parse(Jackson.MAPPER.writeValueAsString(value));
                if (r instanceof Bundle b) {
                    b.getEntry().stream().filter(Bundle.BundleEntryComponent::hasResource)
                            .forEach(e -> resources.add(e.getResource()));
                } else if (r instanceof Resource resource) {
                    resources.add(resource);
                }
            }
            mapper.map(resources);
            FhirJson.write(FhirQuestionnaire.forInputs(List.of(Input.values())));
        } catch (Exception e) {
            LOG.warn("FHIR warm-up failed ({} at {}); the service starts, its first call will be slower",
                    e.getClass().getName(), e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?");
            return false;
        }
        LOG.info("FHIR warmed up in {} ms: FHIR context, parser and mapping are ready",
                (System.nanoTime() - start) / 1_000_000);
        return true;
    }

    /** Answers the bundled call with the patient-view service's answer; returns whether it succeeded. */
    public static boolean run(Router.Hook patientView) {
        long start = System.nanoTime();
        ServiceDefinition service = ServiceDefinition.ALL.stream()
                .filter(s -> s.id().equals(ServiceDefinition.PATIENT_VIEW_ID)).findFirst().orElseThrow();
        try (InputStream in = WarmUp.class.getResourceAsStream(CALL)) {
            if (in == null) {
                throw new IOException(CALL + " is missing from the jar");
            }
            JsonNode call = Jackson.MAPPER.readTree(in);
            Jackson.MAPPER.writeValueAsString(Map.of("cards", patientView.answer(HookRequest.parse(call, service))));
            FhirJson.write(FhirQuestionnaire.forInputs(List.of(Input.values())));
        } catch (Exception e) {
            // the call is a made-up patient's, so the failure's place may be logged
            LOG.warn("Warm-up failed ({} at {}); the service starts, its first call will be slower",
                    e.getClass().getName(), e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?");
            return false;
        }
        LOG.info("Warmed up in {} ms: FHIR context, mapping, rule sessions and cards are ready",
                (System.nanoTime() - start) / 1_000_000);
        return true;
    }
}
