package org.spinecds.cdshooks.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.spinecds.AssessmentException;
import org.spinecds.InvalidPatientException;
import org.spinecds.SpineCds;
import org.spinecds.fhir.FhirJson;
import org.spinecds.fhir.FhirPatientMapper;
import org.spinecds.fhir.MappedPatient;
import org.spinecds.patient.Procedure;

import ca.uhn.fhir.parser.DataFormatException;

/**
 * Answers a hook call: reads the prefetch resources with HAPI FHIR's R4 parser ({@link FhirJson}, strict:
 * an unknown element or an invalid value is an error, never a warning in a log), maps them to a patient with the
 * {@link FhirPatientMapper}, assesses the patient and renders the cards.
 *
 * <ul>
 *   <li>No prefetch, or no {@code patient} in it: 412, since this service does not query the client's
 *       FHIR server and cannot judge a patient it has no Patient resource of.</li>
 *   <li>A prefetch key the client did not send: its data stay unknown, and the inputs card says
 *       what is missing.</li>
 *   <li>order-select: the selected {@code ServiceRequest}s of {@code draftOrders} that are spine
 *       procedures are the planned procedure (the prefetched service requests are left out, so that an
 *       older order cannot stand in for the one being placed); each is assessed, its verdict card
 *       first. Orders that are not spine procedures get no cards.</li>
 * </ul>
 */
public final class HookService implements Router.Hook {

    private static final Set<String> MEDICATION_KEYS = Set.of("medicationStatements", "medicationRequests");

    private final ServiceDefinition service;
    private final SpineCds engine;
    private final FhirPatientMapper mapper;
    private final Cards cards;

    public HookService(ServiceDefinition service, SpineCds engine, FhirPatientMapper mapper, Cards cards) {
        this.service = service;
        this.engine = engine;
        this.mapper = mapper;
        this.cards = cards;
    }

    @Override
    public List<Card> answer(HookRequest request) throws HttpError {
        Map<String, JsonNode> prefetch = request.prefetch();
        if (prefetch == null || prefetch.isEmpty()) {
            throw HttpError.preconditionFailed("the request has no prefetch data; this service does not query the "
                    + "FHIR server" + (request.hasFhirServer() ? " it was offered" : "") + ", send the prefetch of "
                    + "its discovery entry");
        }
        JsonNode patient = prefetch.get(ServiceDefinition.PATIENT_KEY);
        if (patient == null || patient.isNull()) {
            throw HttpError.preconditionFailed("prefetch.patient: the Patient resource is needed to judge the "
                    + "patient and was not sent");
        }
        List<Resource> resources = new ArrayList<>();
        for (ServiceDefinition.Prefetch p : ServiceDefinition.PREFETCH) {
            JsonNode node = prefetch.get(p.key());
            if (node != null && !node.isNull()) {
                resources.addAll(resources(p, node));
            }
        }
        Resource patientResource = resources.stream().filter(r -> r.fhirType().equals("Patient")).findFirst()
                .orElseThrow();
        if (!request.patientId().equals(patientResource.getIdElement().getIdPart())) {
            throw HttpError.badRequest("prefetch.patient.id", "the Patient resource is not the patient of "
                    + "context.patientId");
        }
        if (!service.isOrderSelect()) {
            return assess(resources, request);
        }
        List<ServiceRequest> ordered = spineProcedureOrders(request);
        List<Card> answer = new ArrayList<>();
        resources.removeIf(r -> r instanceof ServiceRequest);
        for (ServiceRequest order : ordered) {
            List<Resource> withOrder = new ArrayList<>(resources);
            withOrder.add(order);
            answer.addAll(assess(withOrder, request));
        }
        return answer;
    }

    private List<Card> assess(List<Resource> resources, HookRequest request) throws HttpError {
        MappedPatient mapped;
        try {
            mapped = mapper.map(resources);
        } catch (InvalidPatientException e) {
            throw HttpError.badRequest("prefetch", e.getMessage());
        }
        try {
            return cards.render(new Cards.CardInput(engine.assess(mapped.patient()), mapped.provenance(),
                    request.prefetchNotSent(), service.isOrderSelect()));
        } catch (AssessmentException e) {
            throw HttpError.rulesFailed(e);
        }
    }

    /** The selected service requests of the draft orders that order a spine procedure, in selection order. */
    private List<ServiceRequest> spineProcedureOrders(HookRequest request) throws HttpError {
        Bundle drafts = (Bundle) parse(request.draftOrders(), Bundle.class, "context.draftOrders");
        Map<String, ServiceRequest> byRef = new LinkedHashMap<>();
        for (Bundle.BundleEntryComponent e : drafts.getEntry()) {
            if (e.getResource() instanceof ServiceRequest sr && sr.getIdElement().hasIdPart()) {
                byRef.put("ServiceRequest/" + sr.getIdElement().getIdPart(), sr);
            }
        }
        List<ServiceRequest> spine = new ArrayList<>();
        for (int i = 0; i < request.selections().size(); i++) {
            String selection = request.selections().get(i);
            if (!selection.startsWith("ServiceRequest/")) {
                continue;
            }
            ServiceRequest sr = byRef.get(selection);
            if (sr == null) {
                throw HttpError.badRequest("context.selections[" + i + "]", selection + " is not in draftOrders");
            }
            Procedure procedure;
            try {
                procedure = mapper.map(List.of(sr)).patient().getPlannedProcedure();
            } catch (InvalidPatientException e) {
                throw HttpError.badRequest("context.draftOrders", e.getMessage());
            }
            if (procedure != null) {
                spine.add(sr);
            }
        }
        return spine;
    }

    /** The resources of one prefetch value: a resource of the key's type, or a search Bundle of them. */
    private static List<Resource> resources(ServiceDefinition.Prefetch key, JsonNode node) throws HttpError {
        String at = "prefetch." + key.key();
        Resource resource = (Resource) parse(node, null, at);
        if (!(resource instanceof Bundle bundle)) {
            check(resource, key, at);
            return List.of(resource);
        }
        if (key.key().equals(ServiceDefinition.PATIENT_KEY)) {
            throw HttpError.badRequest(at, "must be the Patient resource, not a Bundle");
        }
        if (bundle.getLink(Bundle.LINK_NEXT) != null) {
            throw HttpError.badRequest(at, "holds one page of the results only (it has a next link); prefetch "
                    + "data must hold all of them");
        }
        List<Resource> out = new ArrayList<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Resource r = bundle.getEntry().get(i).getResource();
            if (r == null || r instanceof OperationOutcome) {
                continue;
            }
            check(r, key, at + ".entry[" + i + "].resource");
            out.add(r);
        }
        return out;
    }

    private static void check(Resource r, ServiceDefinition.Prefetch key, String at) throws HttpError {
        boolean medication = MEDICATION_KEYS.contains(key.key()) && r.fhirType().equals("Medication");
        if (!r.fhirType().equals(key.resourceType()) && !medication) {
            throw HttpError.badRequest(at, "a " + r.fhirType() + " where " + key.resourceType() + " resources "
                    + "are expected");
        }
    }

    /** Parses a resource of the given type, or of any type when {@code type} is null. */
    private static <T extends IBaseResource> IBaseResource parse(JsonNode node, Class<T> type, String at)
            throws HttpError {
        try {
            String json = Jackson.MAPPER.writeValueAsString(node);
            return type == null ? FhirJson.parse(json) : FhirJson.parse(type, json);
        } catch (DataFormatException | ClassCastException e) {
            throw HttpError.badRequest(at, "not valid FHIR R4: " + e.getMessage());
        } catch (JsonProcessingException e) {
            throw HttpError.badRequest(at, "cannot be read: " + e.getOriginalMessage());
        }
    }
}
