package org.spinecds.cdshooks.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import org.spinecds.json.SchemaCheck;

/**
 * The envelope of a CDS Hooks request (the specification's "Calling a CDS Service" section), checked:
 * {@code hook} (the service's own), {@code hookInstance}, {@code fhirServer} and
 * {@code fhirAuthorization}, {@code context} with {@code patientId} (and, for order-select,
 * {@code selections} and {@code draftOrders}; for order-sign, {@code draftOrders}), and the
 * {@code prefetch} object. A prefetch key that the service does not ask for is left out, never an
 * error: the specification lets a client send what it prefetches for several services, and its own
 * examples do; when such a key holds the Patient of {@code context.patientId} and {@code patient} is not
 * sent, it stands for {@code patient}. The FHIR resources inside stay JSON here; {@link HookService} parses them.
 *
 * @param hook the hook
 * @param hookInstance the client's id of this call
 * @param patientId {@code context.patientId}
 * @param fhirServer the client's FHIR server base URL ({@code fhirServer}), or {@code null}
 * @param fhirAuthorization the bearer token for it ({@code fhirAuthorization}), or {@code null}
 * @param prefetch the prefetch values of the service's keys, a JSON null where the client has no data;
 *     {@code null} when the request has no {@code prefetch}
 * @param ignoredPrefetchKeys how many prefetch keys the service does not ask for were left out
 * @param selections order-select's {@code context.selections} (order-sign: every ServiceRequest of the
 *     draft orders), else empty
 * @param draftOrders order-select's or order-sign's {@code context.draftOrders} Bundle, else {@code null}
 */
public record HookRequest(String hook, String hookInstance, String patientId, String fhirServer,
                          FhirAuthorization fhirAuthorization, Map<String, JsonNode> prefetch, int ignoredPrefetchKeys,
                          List<String> selections, JsonNode draftOrders) {

    /**
     * The specification's {@code fhirAuthorization}: an OAuth 2.0 bearer access token for the client's
     * FHIR server, its lifetime in seconds, its scopes and the service's client id ({@code subject}).
     * {@code toString} never shows the token.
     */
    public record FhirAuthorization(String accessToken, long expiresIn, String scope, String subject) {
        @Override
        public String toString() {
            return "FhirAuthorization[expires in " + expiresIn + " s]";
        }
    }

    public HookRequest {
        prefetch = prefetch == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(prefetch));
        selections = List.copyOf(selections);
    }

    /** Whether the client offered its FHIR server. */
    public boolean hasFhirServer() {
        return fhirServer != null;
    }

    /** The prefetch keys of the service that the request does not carry, in discovery order. */
    public List<String> prefetchNotSent() {
        return ServiceDefinition.PREFETCH.stream().map(ServiceDefinition.Prefetch::key)
                .filter(k -> !k.equals(ServiceDefinition.QUESTIONNAIRE_RESPONSES_KEY)) // answers, not record data
                .filter(k -> prefetch == null || !prefetch.containsKey(k)).toList();
    }

    /** Names the hook and the keys only: never the patient, the token or the data. */
    @Override
    public String toString() {
        return "HookRequest[" + hook + ", prefetch " + (prefetch == null ? "none" : prefetch.keySet())
                + (fhirServer == null ? "" : ", fhirServer") + (fhirAuthorization == null ? "" : ", fhirAuthorization")
                + "]";
    }

    /** The request as {@code hook-request.schema.json} (beside this class) describes it. */
    private record Envelope(String hook, String hookInstance, String fhirServer, Authorization fhirAuthorization,
                            Context context, Map<String, JsonNode> prefetch) {
    }

    private record Authorization(@JsonProperty("access_token") String accessToken,
                                 @JsonProperty("token_type") String tokenType,
                                 @JsonProperty("expires_in") long expiresIn, String scope, String subject) {
    }

    private record Context(String patientId, List<String> selections, JsonNode draftOrders) {
    }

    private static final SchemaCheck SCHEMA = SchemaCheck.of(HookRequest.class, "hook-request.schema.json");
    /**
     * Checks a request body for a service: against the schema, then what depends on the service.
     *
     * @throws HttpError 400 naming the field in error
     */
    public static HookRequest parse(JsonNode body, ServiceDefinition service) throws HttpError {
        Envelope request = Jackson.read(body, SCHEMA, Envelope.class, "hook request");
        if (!request.hook().equals(service.hook())) {
            throw HttpError.badRequest("hook", "service " + service.id() + " answers the hook " + service.hook()
                    + ", not " + shown(request.hook()));
        }
        Authorization a = request.fhirAuthorization();
        if (a != null && request.fhirServer() == null) {
            throw HttpError.badRequest("fhirServer", "required with fhirAuthorization");
        }
        FhirAuthorization authorization = a == null ? null
                : new FhirAuthorization(a.accessToken(), a.expiresIn(), a.scope(), a.subject());
        String patientId = request.context().patientId();
        List<String> selections = new ArrayList<>();
        JsonNode draftOrders = null;
        if (service.isOrder()) {
            draftOrders = request.context().draftOrders();
            if (draftOrders == null || !draftOrders.isObject()
                    || !"Bundle".equals(draftOrders.path("resourceType").asText(null))) {
                throw HttpError.badRequest("context.draftOrders", "required: a FHIR Bundle of the draft orders");
            }
        }
        if (service.isOrderSelect()) {
            if (request.context().selections() == null) {
                throw HttpError.badRequest("context.selections", "required: a non-empty array of order ids, "
                        + "e.g. \"ServiceRequest/123\"");
            }
            selections.addAll(request.context().selections());
        } else if (service.isOrder()) {
            // order-sign: every order being signed is in draftOrders
            for (JsonNode e : draftOrders.path("entry")) {
                JsonNode r = e.path("resource");
                if ("ServiceRequest".equals(r.path("resourceType").asText()) && r.path("id").isTextual()) {
                    selections.add("ServiceRequest/" + r.path("id").asText());
                }
            }
        }
        Map<String, JsonNode> prefetch = null;
        int ignored = 0;
        if (request.prefetch() != null) {
            prefetch = new LinkedHashMap<>();
            JsonNode otherKeyPatient = null;
            Map<String, String> known = service.prefetch();
            for (Map.Entry<String, JsonNode> e : request.prefetch().entrySet()) {
                JsonNode v = e.getValue() == null ? NullNode.getInstance() : e.getValue();
                if (!known.containsKey(e.getKey())) {
                    // another service's key; its value may still be the patient in context (the
                    // specification's own example sends the Patient as "patientToGreet")
                    if (otherKeyPatient == null && v.isObject() && "Patient".equals(v.path("resourceType").asText())
                            && patientId.equals(v.path("id").asText())) {
                        otherKeyPatient = v;
                    }
                    ignored++;
                    continue;
                }
                if (!v.isNull() && !(v.isObject() && v.path("resourceType").isTextual())) {
                    throw HttpError.badRequest("prefetch." + e.getKey(), "must be a FHIR resource (an object with "
                            + "a resourceType) or null");
                }
                prefetch.put(e.getKey(), v);
            }
            if (otherKeyPatient != null && !prefetch.containsKey(ServiceDefinition.PATIENT_KEY)) {
                prefetch.put(ServiceDefinition.PATIENT_KEY, otherKeyPatient);
            }
        }
        return new HookRequest(request.hook(), request.hookInstance(), patientId, request.fhirServer(), authorization,
                prefetch, ignored, selections, draftOrders);
    }

    /** A client's value in an error message, shortened and on one line. */
    static String shown(String s) {
        String one = s.codePoints().filter(c -> c >= 0x20).limit(60)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return "\"" + one + (s.length() > 60 ? "…" : "") + "\"";
    }
}
