package org.spinecds.cdshooks.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinecds.AssessmentException;
import org.spinecds.InvalidPatientException;
import org.spinecds.SpineCds;
import org.spinecds.cdshooks.FhirServerAccess;
import org.spinecds.cdshooks.RelevanceGate;
import org.spinecds.fhir.FhirJson;
import org.spinecds.fhir.FhirPatientMapper;
import org.spinecds.fhir.MappedPatient;
import org.spinecds.patient.Input;
import org.spinecds.patient.Procedure;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.LenientErrorHandler;

/**
 * Answers a hook call: reads the prefetch resources with HAPI FHIR's R4 parser, fetches what the
 * prefetch lacks from the client's FHIR server when the site allows that server, maps the resources
 * to a patient with the {@link FhirPatientMapper}, applies the {@link RelevanceGate}, assesses the
 * patient and renders the cards.
 *
 * <ul>
 *   <li><b>Each prefetch value</b> is a resource of the key's type or a Bundle of them. Each resource is
 *       parsed on its own, strictly. A list is <em>incomplete</em> when it has a {@code next} link (one
 *       page of the results), a {@code total} above its matches, an error {@code OperationOutcome} (in
 *       its place, the specification's answer of a failed prefetch, or as an entry), an entry that is
 *       not valid FHIR, or a match of another resource type. Entries of other types ({@code include}d
 *       resources) are left out, never an error.</li>
 *   <li><b>The client's FHIR server</b> ({@code fhirServer}, with the {@code fhirAuthorization} bearer
 *       token) is asked, when the site allows it, for each key not sent or incomplete; a search read to
 *       its end completes the list. A server the site does not allow is not contacted: the call goes on
 *       with what the prefetch gave, and a line says so in the log (without the URL or the patient).</li>
 *   <li><b>What an incomplete list could have said is unknown</b>: after mapping, every input that
 *       came from a resource of its type is made unknown again, and so are the lists the type's missing
 *       members could extend (diagnoses, regions, symptoms and comorbidities for conditions; conservative
 *       care for procedures). The inputs card names the list and those inputs.</li>
 *   <li>No Patient resource (neither sent nor read): 412. A Patient resource that is not valid FHIR
 *       is read leniently for its id and deceased status; its age and sex are then unknown.</li>
 *   <li>order-select, order-sign: the selected (order-sign: all) {@code ServiceRequest}s of
 *       {@code draftOrders} that are spine procedures are the planned procedure (the prefetched service
 *       requests are left out, so that an older order cannot stand in for the one being placed); each is
 *       assessed, its verdict card first. Orders that are not spine procedures get no cards.</li>
 * </ul>
 */
public final class HookService implements Router.Hook {

    private static final Logger LOG = LoggerFactory.getLogger(HookService.class);
    private static final Set<String> MEDICATION_KEYS = Set.of("medicationStatements", "medicationRequests");
    private final ServiceDefinition service;
    private final SpineCds engine;
    private final FhirPatientMapper mapper;
    private final Cards cards;
    private final FhirFetcher fetcher;
    private final RelevanceGate gate;
    private final int adultAge;

    /** A service that contacts no FHIR server and answers every chart (no relevance gate). */
    public HookService(ServiceDefinition service, SpineCds engine, FhirPatientMapper mapper, Cards cards) {
        this(service, engine, mapper, cards, null, RelevanceGate.off());
    }

    /**
     * @param fetcher the reader of the allowed FHIR servers, or {@code null} to contact none
     * @param gate when patient-view answers cards
     */
    public HookService(ServiceDefinition service, SpineCds engine, FhirPatientMapper mapper, Cards cards,
                       FhirFetcher fetcher, RelevanceGate gate) {
        this.service = service;
        this.engine = engine;
        this.mapper = mapper;
        this.cards = cards;
        this.fetcher = fetcher;
        this.gate = gate;
        this.adultAge = (int) Math.ceil(engine.thresholds().stream().filter(t -> t.getName().equals("adultAge"))
                .findFirst().map(org.spinecds.rule.Threshold::getValue).orElse(18.0));
    }

    /** What one prefetch key gave. */
    private static final class KeyData {
        final List<Resource> resources = new ArrayList<>();
        boolean sent;
        boolean noData;
        boolean incomplete;
    }

    @Override
    public List<Card> answer(HookRequest request) throws HttpError {
        List<ServiceRequest> ordered = List.of();
        if (service.isOrder()) {
            ordered = spineProcedureOrders(request);
            if (ordered.isEmpty()) {
                // no spine procedure is being ordered: nothing to say, whatever the prefetch holds
                return List.of();
            }
        }
        Map<String, JsonNode> prefetch = request.prefetch() == null ? Map.of() : request.prefetch();
        Map<String, KeyData> keys = new LinkedHashMap<>();
        for (ServiceDefinition.Prefetch p : ServiceDefinition.PREFETCH) {
            KeyData data = new KeyData();
            JsonNode node = prefetch.get(p.key());
            if (node != null) {
                data.sent = true;
                if (node.isNull()) {
                    data.noData = true;
                } else {
                    read(p, node, data, request.patientId());
                }
            }
            keys.put(p.key(), data);
        }
        if (request.ignoredPrefetchKeys() > 0) {
            LOG.debug("{}: {} prefetch keys this service does not ask for were left out", service.id(),
                    request.ignoredPrefetchKeys());
        }
        FhirFetcher.Session session = session(request);
        if (session != null) {
            fetch(session, keys, request.patientId());
        }
        KeyData patientKey = keys.get(ServiceDefinition.PATIENT_KEY);
        if (patientKey.resources.isEmpty()) {
            if (request.prefetch() == null) {
                throw HttpError.preconditionFailed("the request has no prefetch data and the Patient could not be "
                        + "read from a FHIR server; " + (request.hasFhirServer() ? "the FHIR server it offered is not "
                        + "one this site allows, or did not answer; " : "") + "send the prefetch of its discovery entry");
            }
            throw HttpError.preconditionFailed("prefetch.patient: the Patient resource is needed to judge the "
                    + "patient and was not sent");
        }
        Resource patientResource = patientKey.resources.get(0);
        if (!request.patientId().equals(patientResource.getIdElement().getIdPart())) {
            throw HttpError.badRequest("prefetch.patient.id", "the Patient resource is not the patient of "
                    + "context.patientId");
        }
        List<Resource> resources = new ArrayList<>();
        keys.values().forEach(k -> resources.addAll(k.resources));
        List<String> notSent = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        Set<String> incompleteTypes = new LinkedHashSet<>();
        for (ServiceDefinition.Prefetch p : ServiceDefinition.PREFETCH) {
            KeyData k = keys.get(p.key());
            if (!k.sent) {
                if (!p.key().equals(ServiceDefinition.QUESTIONNAIRE_RESPONSES_KEY)) { // answers, not record data
                    notSent.add(p.key());
                }
            } else if (k.incomplete) {
                incomplete.add(p.key());
                incompleteTypes.add(p.resourceType());
                if (MEDICATION_KEYS.contains(p.key())) {
                    incompleteTypes.add("Medication");
                }
            }
        }
        if (!service.isOrder()) {
            MappedPatient mapped = map(resources, Set.of());
            // relevance is judged on all that the record says, an incomplete list's members included
            Relevance.Decision decision = Relevance.decide(gate, mapper, resources, mapped.patient(), adultAge);
            if (!decision.answer()) {
                LOG.debug("{}: no cards ({})", service.id(), decision.reason());
                return List.of();
            }
            if (!incompleteTypes.isEmpty()) {
                mapped = unknownFromIncomplete(mapped, resources, incompleteTypes, mapper::inputsFrom);
            }
            return assess(mapped, notSent, incomplete);
        }
        List<Card> answer = new ArrayList<>();
        resources.removeIf(r -> r instanceof ServiceRequest);
        incompleteTypes.remove("ServiceRequest");
        incomplete.remove("serviceRequests");
        for (ServiceRequest order : ordered) {
            List<Resource> withOrder = new ArrayList<>(resources);
            withOrder.add(order);
            answer.addAll(assess(map(withOrder, incompleteTypes), notSent, incomplete));
        }
        return answer;
    }

    /** A session with the client's FHIR server when the site allows it, else null (and why, logged). */
    private FhirFetcher.Session session(HookRequest request) {
        if (!request.hasFhirServer()) {
            return null;
        }
        if (fetcher == null || fetcher.access().match(request.fhirServer()) == null) {
            LOG.info("{}: the request's fhirServer is not one this site allows; it is not contacted, and the "
                    + "call is assessed on its prefetch", service.id());
            return null;
        }
        URI base = fetcher.access().match(request.fhirServer());
        HookRequest.FhirAuthorization auth = request.fhirAuthorization();
        long budget = fetcher.access().totalTimeLimit().toNanos();
        if (auth != null) {
            String clientId = fetcher.access().clientId();
            if (clientId != null && !clientId.equals(auth.subject())) {
                LOG.info("{}: the fhirAuthorization token was issued to another client (its subject is not this "
                        + "service's client id); the FHIR server is not contacted", service.id());
                return null;
            }
            if (auth.expiresIn() == 0) {
                LOG.info("{}: the fhirAuthorization token has expired (expires_in 0); the FHIR server is not "
                        + "contacted", service.id());
                return null;
            }
            budget = Math.min(budget, TimeUnit.SECONDS.toNanos(auth.expiresIn()));
        }
        return fetcher.session(base, auth == null ? null : auth.accessToken(), System.nanoTime() + budget);
    }

    /** Reads from the FHIR server what the prefetch lacks: keys not sent, or incomplete. */
    private void fetch(FhirFetcher.Session session, Map<String, KeyData> keys, String patientId) {
        for (ServiceDefinition.Prefetch p : ServiceDefinition.PREFETCH) {
            KeyData k = keys.get(p.key());
            boolean lacking = !k.sent || k.incomplete;
            if (!lacking) {
                continue;
            }
            if (p.key().equals(ServiceDefinition.PATIENT_KEY)) {
                if (k.resources.isEmpty()) {
                    Patient patient = session.patient(patientId);
                    if (patient != null) {
                        k.resources.add(patient);
                        k.sent = true;
                        k.incomplete = false;
                    }
                }
                continue;
            }
            FhirFetcher.Result result = session.search(p.resourceType(), patientId);
            if (result.complete()) {
                k.resources.clear();
                k.resources.addAll(result.resources());
                k.sent = true;
                k.incomplete = false;
            } else if (!result.resources().isEmpty()
                    || !k.sent && !p.key().equals(ServiceDefinition.QUESTIONNAIRE_RESPONSES_KEY)) {
                Set<String> have = new LinkedHashSet<>();
                k.resources.forEach(r -> have.add(r.fhirType() + "/" + r.getIdElement().getIdPart()));
                for (Resource r : result.resources()) {
                    if (!r.getIdElement().hasIdPart() || have.add(r.fhirType() + "/" + r.getIdElement().getIdPart())) {
                        k.resources.add(r);
                    }
                }
                k.sent = true;
                k.incomplete = true;
            }
        }
    }

    private MappedPatient map(List<Resource> resources, Set<String> incompleteTypes) throws HttpError {
        MappedPatient mapped;
        try {
            mapped = mapper.map(resources);
        } catch (InvalidPatientException e) {
            throw HttpError.badRequest("prefetch", e.getMessage());
        }
        if (incompleteTypes.isEmpty()) {
            return mapped;
        }
        return unknownFromIncomplete(mapped, resources, incompleteTypes, mapper::inputsFrom);
    }

    /**
     * The mapped patient without what an incomplete list could have said otherwise: every input that
     * came from a resource of an incomplete type, and every input such a resource could give or
     * contradict ({@code inputsFrom}, e.g. a missing MedicationRequest may contradict an observation
     * that says the patient takes no blood thinner). A list keeps the members known present.
     */
    static MappedPatient unknownFromIncomplete(MappedPatient mapped, List<Resource> resources, Set<String> types,
                                               java.util.function.Function<String, Set<Input>> inputsFrom) {
        Set<String> labels = new LinkedHashSet<>();
        for (Resource r : resources) {
            if (types.contains(r.fhirType()) && r.getIdElement().getValue() != null) {
                labels.add(r.getIdElement().getValue());
                if (r.getIdElement().hasIdPart()) {
                    labels.add(r.fhirType() + "/" + r.getIdElement().getIdPart());
                }
            }
        }
        Set<Input> unknown = EnumSet.noneOf(Input.class);
        for (Map.Entry<Input, List<String>> e : mapped.provenance().entrySet()) {
            for (String label : e.getValue()) {
                boolean fromType = labels.contains(label) || types.stream().anyMatch(t -> label.equals(t)
                        || label.startsWith(t + "/") || label.startsWith(t + "["));
                if (fromType) {
                    unknown.add(e.getKey());
                }
            }
        }
        // and every input a resource of the type could give or contradict, wherever it came from here
        types.forEach(t -> unknown.addAll(inputsFrom.apply(t)));
        org.spinecds.patient.Patient.Builder b = mapped.patient().toBuilder();
        Map<Input, List<String>> provenance = new EnumMap<>(Input.class);
        provenance.putAll(mapped.provenance());
        for (Input i : unknown) {
            Set<?> present = i.type() == Input.Type.ENUM_SET ? mapped.patient().present(i) : Set.of();
            b.set(i, null);
            if (present.isEmpty()) {
                provenance.remove(i);
            } else {
                // a member the pages sent confirm stays present; what the missing pages would say is unknown
                b.members(i, present, Set.of());
            }
        }
        return new MappedPatient(b.build(), provenance, mapped.unsettled(), mapped.ignored());
    }

    private List<Card> assess(MappedPatient mapped, List<String> notSent, List<String> incomplete) throws HttpError {
        try {
            return cards.render(new Cards.CardInput(engine.assess(mapped.patient()), mapped.provenance(), notSent,
                    incomplete, mapped.notes(), service.isOrder()));
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

    /** Whether an OperationOutcome reports an error (or a fatal error), not only warnings. */
    static boolean isError(OperationOutcome oo) {
        return oo.getIssue().stream().anyMatch(i -> i.getSeverity() == null
                || i.getSeverity() == OperationOutcome.IssueSeverity.ERROR
                || i.getSeverity() == OperationOutcome.IssueSeverity.FATAL);
    }

    /** Reads one prefetch value into {@code data}, marking it incomplete where it holds less than all. */
    private void read(ServiceDefinition.Prefetch key, JsonNode node, KeyData data, String patientId) throws HttpError {
        String at = "prefetch." + key.key();
        String type = node.path("resourceType").asText();
        if (type.equals("OperationOutcome")) {
            // the client's prefetch of this key failed: as if not sent, but said
            data.incomplete = true;
            LOG.info("{}: {} is an OperationOutcome (a failed prefetch); the list is incomplete", service.id(), at);
            return;
        }
        boolean patientKey = key.key().equals(ServiceDefinition.PATIENT_KEY);
        if (!type.equals("Bundle")) {
            if (!type.equals(key.resourceType())) {
                if (patientKey) {
                    throw HttpError.badRequest(at, "must be the Patient resource, not a " + HookRequest.shown(type));
                }
                data.incomplete = true;
                LOG.info("{}: {} is a resource of another type; the list is incomplete", service.id(), at);
                return;
            }
            Resource r = patientKey ? patient(node, at, data) : entry(node, at, data);
            if (r != null) {
                data.resources.add(r);
            }
            return;
        }
        JsonNode links = node.path("link");
        for (JsonNode link : links) {
            if ("next".equals(link.path("relation").asText())) {
                data.incomplete = true;
                LOG.info("{}: {} holds one page of its results (a next link); the list is incomplete", service.id(), at);
            }
        }
        int matches = 0;
        JsonNode entries = node.path("entry");
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            JsonNode resource = e.path("resource");
            String entryAt = at + ".entry[" + i + "].resource";
            String mode = e.path("search").path("mode").asText("match");
            String entryType = resource.path("resourceType").asText();
            boolean medication = MEDICATION_KEYS.contains(key.key()) && entryType.equals("Medication");
            if (entryType.equals("OperationOutcome")) {
                Resource oo = entry(resource, entryAt, data);
                if (oo instanceof OperationOutcome outcome && isError(outcome)) {
                    data.incomplete = true;
                    LOG.info("{}: {} reports an error; the list is incomplete", service.id(), entryAt);
                }
                continue;
            }
            if (!entryType.equals(key.resourceType()) && !medication) {
                if (mode.equals("match")) {
                    data.incomplete = true;
                    LOG.info("{}: {} is a resource of another type; the list is incomplete", service.id(), entryAt);
                }
                continue;
            }
            if (mode.equals("match") && !medication) {
                matches++;
            }
            Resource r = patientKey ? patient(resource, entryAt, data) : entry(resource, entryAt, data);
            if (r != null) {
                data.resources.add(r);
            }
        }
        if (patientKey && data.resources.size() > 1) {
            throw HttpError.badRequest(at, "holds more than one Patient");
        }
        JsonNode total = node.path("total");
        if (total.canConvertToInt() && total.asInt() > matches) {
            data.incomplete = true;
            LOG.info("{}: {} holds fewer matches than its total; the list is incomplete", service.id(), at);
        }
    }

    /** One resource, strictly; one that is not valid FHIR makes its list incomplete. */
    private Resource entry(JsonNode node, String at, KeyData data) {
        try {
            return (Resource) FhirJson.parse(Jackson.MAPPER.writeValueAsString(node));
        } catch (DataFormatException | ClassCastException | JsonProcessingException e) {
            data.incomplete = true;
            LOG.info("{}: {} is not valid FHIR R4 and is left out; the list is incomplete", service.id(), at);
            return null;
        }
    }

    /**
     * The Patient, strictly; one that is not valid FHIR is read leniently, without logging, for its id
     * and deceased status, and its age and sex are then unknown (the key is incomplete).
     */
    private Resource patient(JsonNode node, String at, KeyData data) throws HttpError {
        String json;
        try {
            json = Jackson.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw HttpError.badRequest(at, "cannot be read: " + e.getOriginalMessage());
        }
        try {
            return FhirJson.parse(Patient.class, json);
        } catch (DataFormatException e) {
            Patient lenient;
            try {
                lenient = FhirJson.context().newJsonParser().setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(false))
                        .parseResource(Patient.class, json);
            } catch (DataFormatException e2) {
                throw HttpError.badRequest(at, "not valid FHIR R4: " + e2.getMessage());
            }
            data.incomplete = true;
            LOG.info("{}: {} is not valid FHIR R4; its age and sex are taken as unknown", service.id(), at);
            lenient.setBirthDateElement(null);
            lenient.setGender(null);
            return lenient;
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
