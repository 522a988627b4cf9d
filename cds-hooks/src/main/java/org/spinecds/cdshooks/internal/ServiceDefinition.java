package org.spinecds.cdshooks.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A CDS Service as the discovery endpoint describes it (CDS Hooks "Discovery" section): hook, title,
 * description, id, prefetch templates and usage requirements.
 *
 * @param hook the hook it answers, {@code patient-view}, {@code order-select} or {@code order-sign}
 * @param title a human-friendly name
 * @param description what it does
 * @param id the {@code {id}} of its URL, {@code /cds-services/{id}}
 * @param prefetch prefetch key to FHIR query template
 * @param usageRequirements what a client must do to use it
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ServiceDefinition(String hook, String title, String description, String id,
                                Map<String, String> prefetch, String usageRequirements) {

    /** The id of the service for the {@code patient-view} hook. */
    public static final String PATIENT_VIEW_ID = "spinecds-patient-view";
    /** The id of the service for the {@code order-select} hook. */
    public static final String ORDER_SELECT_ID = "spinecds-order-select";
    /** The id of the service for the {@code order-sign} hook. */
    public static final String ORDER_SIGN_ID = "spinecds-order-sign";

    /** The prefetch key of the patient's Patient resource, without which nothing can be judged. */
    public static final String PATIENT_KEY = "patient";

    /**
     * The prefetch key of the answers to the SpineCDS inputs Questionnaire: optional, as a patient may
     * have none, so never listed as not sent.
     */
    public static final String QUESTIONNAIRE_RESPONSES_KEY = "questionnaireResponses";

    /** A prefetch key, the FHIR resource type it holds, and its query template. */
    public record Prefetch(String key, String resourceType, String template) {
    }

    /** The prefetch of both services: the resource types the patient mapping reads. */
    public static final List<Prefetch> PREFETCH = List.of(
            new Prefetch(PATIENT_KEY, "Patient", "Patient/{{context.patientId}}"),
            new Prefetch("conditions", "Condition", "Condition?patient={{context.patientId}}"),
            new Prefetch("observations", "Observation", "Observation?patient={{context.patientId}}"),
            new Prefetch("medicationStatements", "MedicationStatement",
                    "MedicationStatement?patient={{context.patientId}}"),
            new Prefetch("medicationRequests", "MedicationRequest", "MedicationRequest?patient={{context.patientId}}"),
            new Prefetch("procedures", "Procedure", "Procedure?patient={{context.patientId}}"),
            new Prefetch("serviceRequests", "ServiceRequest", "ServiceRequest?patient={{context.patientId}}"),
            new Prefetch(QUESTIONNAIRE_RESPONSES_KEY, "QuestionnaireResponse",
                    "QuestionnaireResponse?patient={{context.patientId}}&status=completed,amended"));

    private static final String USAGE = "Send the prefetch data, or fhirServer with fhirAuthorization for a FHIR "
            + "server the site allows (then what the prefetch lacks is fetched from it); without the patient's Patient "
            + "resource the answer is 412. Prefetch data neither sent nor fetched stay unknown and are listed as "
            + "inputs to collect. Every request needs a JWT bearer token signed by a trusted client key.";

    /** The services: assessment on opening the chart, and on selecting or signing a spine procedure order. */
    public static final List<ServiceDefinition> ALL = List.of(
            new ServiceDefinition("patient-view", "SpineCDS: minimally invasive spine surgery candidacy",
                    "Assesses the patient against the SpineCDS rule base: whether minimally invasive spine surgery, "
                            + "open surgery or no surgery (yet) is indicated, with the red flags, risk factors and "
                            + "inputs still to collect, each with its evidence and sources.",
                    PATIENT_VIEW_ID, templates(), USAGE),
            new ServiceDefinition("order-select", "SpineCDS: check a spine procedure being ordered",
                    "When a spine procedure is selected (a ServiceRequest in draftOrders), assesses the patient "
                            + "for that procedure: candidacy for the minimally invasive approach, procedure risks, "
                            + "setting. Orders that are not spine procedures get no cards.",
                    ORDER_SELECT_ID, templates(), USAGE),
            new ServiceDefinition("order-sign", "SpineCDS: check a spine procedure order being signed",
                    "When orders are signed, assesses the patient for each spine procedure among them (the "
                            + "ServiceRequests of draftOrders), as order-select does. Orders that are not spine "
                            + "procedures get no cards.",
                    ORDER_SIGN_ID, templates(), USAGE));

    public ServiceDefinition {
        prefetch = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(prefetch));
    }

    /** Whether this is the order-select service. */
    @JsonIgnore
    public boolean isOrderSelect() {
        return hook.equals("order-select");
    }

    /** Whether the service assesses orders being placed: order-select or order-sign. */
    @JsonIgnore
    public boolean isOrder() {
        return hook.equals("order-select") || hook.equals("order-sign");
    }

    private static Map<String, String> templates() {
        Map<String, String> t = new LinkedHashMap<>();
        PREFETCH.forEach(p -> t.put(p.key(), p.template()));
        return t;
    }
}
