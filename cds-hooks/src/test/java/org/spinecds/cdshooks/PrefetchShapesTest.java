package org.spinecds.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

/**
 * What the specification lets a client send as prefetch, and real records hold: a page of a search (a
 * {@code next} link), an OperationOutcome in place of a failed prefetch, a key of another service,
 * resources of other types, an invalid resource. Each makes its list incomplete (its inputs unknown,
 * named in the inputs card), never an error.
 */
class PrefetchShapesTest {

    private static final String PATIENT_VIEW = "/cds-services/spinecds-patient-view";
    private final TestServer server = TestServer.get();

    private static ObjectNode request() throws Exception {
        return (ObjectNode) TestServer.JSON.readTree(TestServer.hookFile("lumbar-disc-herniation.patient-view.json"));
    }

    private JsonNode cards(JsonNode request) {
        HttpResponse<String> response = server.post(PATIENT_VIEW, request.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestServer.json(response).get("cards");
    }

    private static String verdict(JsonNode cards) {
        return cards.get(0).get("extension").get("org.spinecds.verdict").asText();
    }

    private static JsonNode inputs(JsonNode cards) {
        for (JsonNode c : cards) {
            if (c.path("extension").has("org.spinecds.missingInputs") || c.path("extension").has("org.spinecds.prefetchIncomplete")) {
                return c;
            }
        }
        throw new AssertionError("no inputs card in " + cards);
    }

    @Test
    void aPageOfASearchMakesItsListIncompleteAndItsInputsUnknown() throws Exception {
        ObjectNode paged = request();
        ((ObjectNode) paged.get("prefetch").get("conditions")).putArray("link").addObject()
                .put("relation", "next").put("url", "https://ehr.example.org/fhir/Condition?patient=pat&page=2");

        JsonNode cards = cards(paged);

        assertThat(verdict(cards)).isEqualTo("INSUFFICIENT_INFORMATION");
        JsonNode inputs = inputs(cards);
        assertThat(inputs.get("extension").get("org.spinecds.prefetchIncomplete").toString()).isEqualTo("[\"conditions\"]");
        assertThat(inputs.get("extension").get("org.spinecds.missingInputs").toString()).contains("\"diagnoses\"");
        assertThat(inputs.get("detail").asText()).contains("The EHR sent only part of these prefetch data: `conditions`");
    }

    @Test
    void anOperationOutcomeInPlaceOfAFailedPrefetchMakesItsListIncomplete() throws Exception {
        ObjectNode failed = request();
        ((ObjectNode) failed.get("prefetch")).set("conditions", TestServer.JSON.readTree("{\"resourceType\": "
                + "\"OperationOutcome\", \"issue\": [{\"severity\": \"error\", \"code\": \"timeout\", \"diagnostics\": "
                + "\"The search timed out\"}]}"));

        JsonNode cards = cards(failed);

        assertThat(verdict(cards)).isEqualTo("INSUFFICIENT_INFORMATION");
        assertThat(inputs(cards).get("extension").get("org.spinecds.prefetchIncomplete").toString())
                .isEqualTo("[\"conditions\"]");
    }

    @Test
    void keysOfOtherServicesAndIncludedResourcesOfOtherTypesNeverBlockACall() throws Exception {
        String plain = verdict(cards(request()));
        ObjectNode request = request();
        ((ObjectNode) request.get("prefetch")).putObject("allergies").put("resourceType", "Bundle")
                .put("type", "searchset");
        ((ObjectNode) request.get("prefetch")).set("hemoglobin-a1c", null);
        ObjectNode included = ((com.fasterxml.jackson.databind.node.ArrayNode) request.get("prefetch").get("conditions")
                .get("entry")).addObject();
        included.putObject("resource").put("resourceType", "Practitioner").put("id", "dr-1");
        included.putObject("search").put("mode", "include");

        JsonNode cards = cards(request);

        assertThat(verdict(cards)).isEqualTo(plain);
        assertThat(cards.toString()).doesNotContain("prefetchIncomplete");
    }

    @Test
    void anInvalidResourceOfOneListMakesThatListIncompleteNotTheCallAnError() throws Exception {
        ObjectNode request = request();
        ObjectNode medications = ((ObjectNode) request.get("prefetch")).putObject("medicationRequests");
        medications.put("resourceType", "Bundle").put("type", "searchset");
        ObjectNode bad = medications.putArray("entry").addObject().putObject("resource");
        bad.put("resourceType", "MedicationRequest").put("id", "mr-1").put("status", "active")
                .put("intent", "order").put("dosageTextFromVendor", "1 tablet daily");
        bad.putObject("subject").put("reference", "Patient/pat");
        bad.putObject("medicationCodeableConcept").put("text", "Omeprazole 20 MG");

        JsonNode cards = cards(request);

        assertThat(inputs(cards).get("extension").get("org.spinecds.prefetchIncomplete").toString())
                .isEqualTo("[\"medicationRequests\"]");
    }

    @Test
    void anInvalidPatientResourceLeavesItsAgeAndSexUnknown() throws Exception {
        ObjectNode request = request();
        ((ObjectNode) request.get("prefetch").get("patient")).put("birthDate", "the tenth of January");

        JsonNode cards = cards(request);

        assertThat(verdict(cards)).isEqualTo("INSUFFICIENT_INFORMATION");
        JsonNode inputs = inputs(cards);
        assertThat(inputs.get("extension").get("org.spinecds.prefetchIncomplete").toString()).isEqualTo("[\"patient\"]");
        assertThat(inputs.get("extension").get("org.spinecds.missingInputs").toString()).contains("\"age\"");
        assertThat(cards.toString()).doesNotContain("the tenth of January");
    }

    @Test
    void aBundleWithFewerMatchesThanItsTotalIsIncomplete() throws Exception {
        ObjectNode request = request();
        ((ObjectNode) request.get("prefetch").get("conditions")).put("total", 40);

        assertThat(inputs(cards(request)).get("extension").get("org.spinecds.prefetchIncomplete").toString())
                .isEqualTo("[\"conditions\"]");
    }

    @Test
    void theSpecificationsPatientViewExampleKeyStandsForThePatient() throws Exception {
        ObjectNode request = request();
        ObjectNode prefetch = (ObjectNode) request.get("prefetch");
        JsonNode patient = prefetch.remove("patient");
        prefetch.set("patientToGreet", patient);

        assertThat(verdict(cards(request))).isEqualTo(verdict(cards(request())));
        assertThat(List.of(patient.get("id").asText())).containsExactly(request.get("context").get("patientId").asText());
    }

    @Test
    void twoBmisAtTheSameTimeThatDifferLeaveTheBmiUnknownAndTheInputsCardSaysWhy() throws Exception {
        ObjectNode request = request();
        com.fasterxml.jackson.databind.node.ArrayNode entries =
                (com.fasterxml.jackson.databind.node.ArrayNode) request.get("prefetch").get("observations").get("entry");
        ObjectNode second = null;
        for (JsonNode e : entries) {
            if (e.get("resource").get("id").asText().equals("bmi")) {
                second = e.deepCopy();
            }
        }
        assertThat(second).as("the example's BMI observation").isNotNull();
        ((ObjectNode) second.get("resource")).put("id", "bmi-2");
        ((ObjectNode) second.get("resource").get("valueQuantity")).put("value", 31.2);
        entries.add(second);

        JsonNode cards = cards(request);

        String detail = cards.get(cards.size() - 1).get("detail").asText();
        assertThat(detail).contains("Left unknown although the record speaks of them", "bmi (", "Observation/bmi-2");
    }
}
