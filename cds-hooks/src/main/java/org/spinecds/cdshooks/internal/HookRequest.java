package org.spinecds.cdshooks.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The envelope of a CDS Hooks request (the specification's "Calling a CDS Service" section), checked:
 * {@code hook} (the service's own), {@code hookInstance}, {@code context} with {@code patientId} (and,
 * for order-select, {@code selections} and {@code draftOrders}), and the {@code prefetch} object. The
 * FHIR resources inside stay JSON here; {@link HookService} parses them.
 *
 * @param hook the hook
 * @param hookInstance the client's id of this call
 * @param patientId {@code context.patientId}
 * @param hasFhirServer whether the client offered its FHIR server ({@code fhirServer})
 * @param prefetch the prefetch values by key, a JSON null where the client has no data; {@code null}
 *     when the request has no {@code prefetch}
 * @param selections order-select's {@code context.selections}, else empty
 * @param draftOrders order-select's {@code context.draftOrders} Bundle, else {@code null}
 */
public record HookRequest(String hook, String hookInstance, String patientId, boolean hasFhirServer,
                          Map<String, JsonNode> prefetch, List<String> selections, JsonNode draftOrders) {

    private static final int MAX_ID = 256;

    public HookRequest {
        prefetch = prefetch == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(prefetch));
        selections = List.copyOf(selections);
    }

    /** The prefetch keys of the service that the request does not carry, in discovery order. */
    public List<String> prefetchNotSent() {
        return ServiceDefinition.PREFETCH.stream().map(ServiceDefinition.Prefetch::key)
                .filter(k -> !k.equals(ServiceDefinition.QUESTIONNAIRE_RESPONSES_KEY)) // answers, not record data
                .filter(k -> prefetch == null || !prefetch.containsKey(k)).toList();
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
        JsonNode fhirServer = body.get("fhirServer");
        if (fhirServer != null && !fhirServer.isTextual()) {
            throw HttpError.badRequest("fhirServer", "must be a URL string");
        }
        JsonNode context = body.get("context");
        if (context == null || !context.isObject()) {
            throw HttpError.badRequest("context", "required: an object");
        }
        String patientId = string(context, "patientId", "context.patientId", true);
        string(context, "userId", "context.userId", false);
        List<String> selections = new ArrayList<>();
        JsonNode draftOrders = null;
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
            draftOrders = context.get("draftOrders");
            if (draftOrders == null || !draftOrders.isObject()
                    || !"Bundle".equals(draftOrders.path("resourceType").asText(null))) {
                throw HttpError.badRequest("context.draftOrders", "required: a FHIR Bundle of the draft orders");
            }
        }
        Map<String, JsonNode> prefetch = null;
        JsonNode pre = body.get("prefetch");
        if (pre != null && !pre.isNull()) {
            if (!pre.isObject()) {
                throw HttpError.badRequest("prefetch", "must be an object of prefetch key to FHIR resource");
            }
            prefetch = new LinkedHashMap<>();
            Map<String, String> known = service.prefetch();
            for (Iterator<Map.Entry<String, JsonNode>> it = pre.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!known.containsKey(e.getKey())) {
                    throw HttpError.badRequest("prefetch." + shown(e.getKey()), "not a prefetch key of this "
                            + "service; its keys are " + String.join(", ", known.keySet()));
                }
                JsonNode v = e.getValue();
                if (!v.isNull() && !(v.isObject() && v.path("resourceType").isTextual())) {
                    throw HttpError.badRequest("prefetch." + e.getKey(), "must be a FHIR resource (an object with "
                            + "a resourceType) or null");
                }
                prefetch.put(e.getKey(), v);
            }
        }
        return new HookRequest(hook, hookInstance, patientId, fhirServer != null, prefetch, selections,
                draftOrders);
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

    @Override
    public String toString() {
        return "HookRequest[" + hook + ", prefetch " + (prefetch == null ? "none"
                : prefetch.keySet().stream().collect(Collectors.joining(", "))) + "]";
    }
}
