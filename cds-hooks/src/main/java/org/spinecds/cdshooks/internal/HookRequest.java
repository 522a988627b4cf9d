package org.spinecds.cdshooks.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

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

    private static final int MAX_ID = 256;
    private static final int MAX_TOKEN = 16 * 1024;

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

    /**
     * Checks a request body for a service.
     *
     * @throws HttpError 400 naming the field in error
     */
    public static HookRequest parse(JsonNode body, ServiceDefinition service) throws HttpError {
        if (body == null || !body.isObject()) {
            throw HttpError.badRequest("$", "the hook request must be a JSON object");
        }
        String hook = string(body, "hook", "hook", true);
        if (!hook.equals(service.hook())) {
            throw HttpError.badRequest("hook", "service " + service.id() + " answers the hook " + service.hook()
                    + ", not " + shown(hook));
        }
        String hookInstance = string(body, "hookInstance", "hookInstance", true);
        JsonNode server = body.get("fhirServer");
        String fhirServer = null;
        if (server != null) {
            if (!server.isTextual() || server.asText().isBlank() || server.asText().length() > 2048) {
                throw HttpError.badRequest("fhirServer", "must be the base URL of the FHIR server, a string");
            }
            fhirServer = server.asText();
        }
        FhirAuthorization authorization = authorization(body.get("fhirAuthorization"));
        if (authorization != null && fhirServer == null) {
            throw HttpError.badRequest("fhirServer", "required with fhirAuthorization");
        }
        JsonNode context = body.get("context");
        if (context == null || !context.isObject()) {
            throw HttpError.badRequest("context", "required: an object");
        }
        String patientId = string(context, "patientId", "context.patientId", true);
        string(context, "userId", "context.userId", false);
        List<String> selections = new ArrayList<>();
        JsonNode draftOrders = null;
        if (service.isOrder()) {
            draftOrders = context.get("draftOrders");
            if (draftOrders == null || !draftOrders.isObject()
                    || !"Bundle".equals(draftOrders.path("resourceType").asText(null))) {
                throw HttpError.badRequest("context.draftOrders", "required: a FHIR Bundle of the draft orders");
            }
        }
        if (service.isOrderSelect()) {
            JsonNode sel = context.get("selections");
            if (sel == null || !sel.isArray() || sel.isEmpty()) {
                throw HttpError.badRequest("context.selections", "required: a non-empty array of order ids, "
                        + "e.g. \"ServiceRequest/123\"");
            }
            for (int i = 0; i < sel.size(); i++) {
                JsonNode s = sel.get(i);
                if (!s.isTextual() || !s.asText().matches("[A-Za-z]+/[A-Za-z0-9\\-.]{1,64}")) {
                    throw HttpError.badRequest("context.selections[" + i + "]", "must be a relative reference "
                            + "such as \"ServiceRequest/123\"");
                }
                selections.add(s.asText());
            }
        } else if (service.isOrder()) {
            // order-sign: every order being signed is in draftOrders
            JsonNode entries = draftOrders.path("entry");
            for (JsonNode e : entries) {
                JsonNode r = e.path("resource");
                if ("ServiceRequest".equals(r.path("resourceType").asText()) && r.path("id").isTextual()) {
                    selections.add("ServiceRequest/" + r.path("id").asText());
                }
            }
        }
        Map<String, JsonNode> prefetch = null;
        int ignored = 0;
        JsonNode pre = body.get("prefetch");
        if (pre != null && !pre.isNull()) {
            if (!pre.isObject()) {
                throw HttpError.badRequest("prefetch", "must be an object of prefetch key to FHIR resource");
            }
            prefetch = new LinkedHashMap<>();
            JsonNode otherKeyPatient = null;
            Map<String, String> known = service.prefetch();
            for (Iterator<Map.Entry<String, JsonNode>> it = pre.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!known.containsKey(e.getKey())) {
                    // another service's key; its value may still be the patient in context (the
                    // specification's own example sends the Patient as "patientToGreet")
                    JsonNode v = e.getValue();
                    if (otherKeyPatient == null && v.isObject() && "Patient".equals(v.path("resourceType").asText())
                            && patientId.equals(v.path("id").asText())) {
                        otherKeyPatient = v;
                    }
                    ignored++;
                    continue;
                }
                JsonNode v = e.getValue();
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
        return new HookRequest(hook, hookInstance, patientId, fhirServer, authorization, prefetch, ignored,
                selections, draftOrders);
    }

    private static FhirAuthorization authorization(JsonNode a) throws HttpError {
        if (a == null) {
            return null;
        }
        if (!a.isObject()) {
            throw HttpError.badRequest("fhirAuthorization", "must be an object with access_token, token_type, "
                    + "expires_in, scope and subject");
        }
        JsonNode token = a.get("access_token");
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw HttpError.badRequest("fhirAuthorization.access_token", "required: the bearer access token");
        }
        if (token.asText().length() > MAX_TOKEN || !token.asText().matches("[\\x21-\\x7e]+")) {
            throw HttpError.badRequest("fhirAuthorization.access_token", "must be a token of at most " + MAX_TOKEN
                    + " visible ASCII characters");
        }
        JsonNode type = a.get("token_type");
        if (type == null || !type.isTextual() || !type.asText().equalsIgnoreCase("Bearer")) {
            throw HttpError.badRequest("fhirAuthorization.token_type", "must be \"Bearer\"");
        }
        JsonNode expires = a.get("expires_in");
        if (expires == null || !expires.canConvertToLong() || !expires.isIntegralNumber() || expires.asLong() < 0) {
            throw HttpError.badRequest("fhirAuthorization.expires_in", "required: the token's lifetime in seconds, "
                    + "an integer of 0 or more");
        }
        JsonNode scopes = a.get("scope");
        if (scopes == null || !scopes.isTextual() || scopes.asText().isBlank() || scopes.asText().length() > 4096) {
            throw HttpError.badRequest("fhirAuthorization.scope", "required: the scopes granted, a string");
        }
        String scope = scopes.asText();
        String subject = string(a, "subject", "fhirAuthorization.subject", true);
        return new FhirAuthorization(token.asText(), expires.asLong(), scope, subject);
    }

    private static String string(JsonNode node, String field, String path, boolean required) throws HttpError {
        JsonNode v = node.get(field);
        if (v == null) {
            if (required) {
                throw HttpError.badRequest(path, "required");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw HttpError.badRequest(path, "must be a non-empty string");
        }
        if (v.asText().length() > MAX_ID) {
            throw HttpError.badRequest(path, "at most " + MAX_ID + " characters");
        }
        return v.asText();
    }

    /** A client's value in an error message, shortened and on one line. */
    static String shown(String s) {
        String one = s.codePoints().filter(c -> c >= 0x20).limit(60)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return "\"" + one + (s.length() > 60 ? "…" : "") + "\"";
    }
}
