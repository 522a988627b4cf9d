package org.spinecds.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spinecds.Verdict;
import org.spinecds.json.PatientJson;

/** Hook calls over HTTP: the example patients, order-select, missing data, and requests that cannot be judged. */
class HookCallTest {

    private static final String PATIENT_VIEW = "/cds-services/spinecds-patient-view";
    private static final String ORDER_SELECT = "/cds-services/spinecds-order-select";

    private final TestServer server = TestServer.get();

    static List<String> names() {
        return HookExamples.names();
    }

    private static ObjectNode request(String file) throws Exception {
        return (ObjectNode) TestServer.JSON.readTree(TestServer.hookFile(file));
    }

    private JsonNode cards(String path, JsonNode request) {
        HttpResponse<String> response = server.post(path, request.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestServer.json(response).get("cards");
    }

    private static String verdict(JsonNode cards) {
        return cards.get(0).get("extension").get("org.spinecds.verdict").asText();
    }

    private static List<String> findings(JsonNode cards) {
        return java.util.stream.StreamSupport.stream(cards.spliterator(), false)
                .map(c -> c.path("extension").path("org.spinecds.finding").asText(null))
                .filter(java.util.Objects::nonNull).toList();
    }

    private String error(String path, JsonNode request, int status) {
        HttpResponse<String> response = server.post(path, request.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return TestServer.json(response).get("error").asText();
    }

    @ParameterizedTest
    @MethodSource("names")
    void eachExamplePatientViewGivesTheVerdictOfItsJsonExample(String name) throws Exception {
        Verdict expected = TestServer.engine().assess(PatientJson.read(HookExamples.examples()
                .resolve("patients/" + name + ".json"))).verdict();

        JsonNode cards = cards(PATIENT_VIEW, request(name + ".patient-view.json"));

        assertThat(verdict(cards)).isEqualTo(expected.name());
        assertThat(cards.get(0).get("summary").asText()).startsWith(expected.title());
        for (JsonNode card : cards) {
            assertThat(card.get("uuid").asText()).matches("[0-9a-f-]{36}");
            assertThat(card.get("summary").asText().length()).isBetween(1, 139);
            assertThat(card.get("indicator").asText()).isIn("info", "warning", "critical");
            assertThat(card.get("detail").asText()).isNotBlank();
            assertThat(card.get("source").get("label").asText()).isNotBlank();
            assertThat(card.get("overrideReasons")).allSatisfy(r -> assertThat(r.get("display").asText()).isNotBlank());
            assertThat(card.path("links"))
                    .allSatisfy(l -> assertThat(l.get("type").asText()).isEqualTo("absolute"));
        }
    }

    @Test
    void theVerdictCardStatesTheEvidenceAndWhereItCameFrom() throws Exception {
        JsonNode cards = cards(PATIENT_VIEW, request("multilevel-stenosis.patient-view.json"));

        assertThat(verdict(cards)).isEqualTo("OPEN_SURGERY_PREFERRED");
        assertThat(cards.get(0).get("detail").asText()).contains("`OPEN-MULTILEVEL`",
                "`levels` = 3 vertebral levels (`>=` 3 vertebral levels (`openPreferredLevels`))");
        JsonNode thinners = java.util.stream.StreamSupport.stream(cards.spliterator(), false)
                .filter(c -> "RISK-BLOOD-THINNERS".equals(c.path("extension").path("org.spinecds.finding").asText()))
                .findFirst().orElseThrow();
        assertThat(thinners.get("indicator").asText()).isEqualTo("warning");
        assertThat(thinners.get("detail").asText()).contains("**From the record:** `onBloodThinners` from MedicationStatement/");
    }

    @Test
    void orderSelectAssessesTheProcedureBeingOrdered() throws Exception {
        JsonNode lumbar = cards(ORDER_SELECT, request("lumbar-disc-herniation.order-select.json"));
        JsonNode cervical = cards(ORDER_SELECT, request("cervical-radiculopathy.order-select.json"));

        assertThat(verdict(lumbar)).isEqualTo("MINIMALLY_INVASIVE_CANDIDATE");
        assertThat(verdict(cervical)).isEqualTo("MINIMALLY_INVASIVE_CANDIDATE");
        assertThat(findings(cervical)).contains("PROC-COMPLEX");
        assertThat(cervical.toString()).contains("Planned ACDF");
    }

    @Test
    void anOlderServiceRequestCannotStandInForTheOrderBeingPlaced() throws Exception {
        ObjectNode cervical = request("cervical-radiculopathy.order-select.json");
        JsonNode lumbarOrders = request("lumbar-disc-herniation.patient-view.json").get("prefetch").get("serviceRequests");
        ((ObjectNode) cervical.get("prefetch")).set("serviceRequests", lumbarOrders);

        JsonNode cards = cards(ORDER_SELECT, cervical);

        assertThat(cards.toString()).contains("Planned ACDF").doesNotContain("LUMBAR_DISCECTOMY");
    }

    @Test
    void anOrderThatIsNotASpineProcedureGetsNoCards() throws Exception {
        ObjectNode order = request("lumbar-disc-herniation.order-select.json");
        ObjectNode draft = (ObjectNode) order.get("context").get("draftOrders").get("entry").get(0).get("resource");
        draft.set("code", TestServer.JSON.readTree(
                "{\"coding\": [{\"system\": \"http://loinc.org\", \"code\": \"24627-2\", \"display\": \"Chest CT\"}]}"));

        HttpResponse<String> response = server.post(ORDER_SELECT, order.toString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"cards\":[]}");
    }

    @Test
    void aSelectionMissingFromTheDraftOrdersIsRefused() throws Exception {
        ObjectNode order = request("lumbar-disc-herniation.order-select.json");
        ((ObjectNode) order.get("context")).putArray("selections").add("ServiceRequest/elsewhere");

        assertThat(error(ORDER_SELECT, order, 400)).isEqualTo("context.selections[0]: ServiceRequest/elsewhere is not "
                + "in draftOrders");
    }

    @Test
    void prefetchDataNotSentGiveACardNamingTheInputsToCollect() throws Exception {
        ObjectNode request = request("lumbar-disc-herniation.patient-view.json");
        ((ObjectNode) request.get("prefetch")).remove("observations");

        JsonNode cards = cards(PATIENT_VIEW, request);

        JsonNode collect = cards.get(1);
        assertThat(collect.get("summary").asText()).startsWith("Collect ");
        assertThat(collect.get("extension").get("org.spinecds.prefetchNotSent").toString()).isEqualTo("[\"observations\"]");
        assertThat(collect.get("extension").get("org.spinecds.missingInputs")).isNotEmpty();
        assertThat(collect.get("detail").asText()).contains("| Input | What to record | Needed for |",
                "The EHR did not send these prefetch data: `observations`");
        assertThat(verdict(cards)).isEqualTo("INSUFFICIENT_INFORMATION");
    }

    @Test
    void aPrefetchKeyWithNoDataIsNotAnError() throws Exception {
        ObjectNode request = request("lumbar-disc-herniation.patient-view.json");
        ((ObjectNode) request.get("prefetch")).putNull("procedures");

        JsonNode cards = cards(PATIENT_VIEW, request);

        assertThat(verdict(cards)).isIn("INSUFFICIENT_INFORMATION", "CONSERVATIVE_CARE_FIRST");
    }

    @Test
    void withoutThePatientResourceNothingCanBeJudged() throws Exception {
        ObjectNode noPrefetch = request("lumbar-disc-herniation.patient-view.json");
        noPrefetch.remove("prefetch");
        noPrefetch.put("fhirServer", "https://ehr.example.org/fhir");
        ObjectNode noPatient = request("lumbar-disc-herniation.patient-view.json");
        ((ObjectNode) noPatient.get("prefetch")).remove("patient");
        ObjectNode nullPatient = request("lumbar-disc-herniation.patient-view.json");
        ((ObjectNode) nullPatient.get("prefetch")).putNull("patient");

        assertThat(error(PATIENT_VIEW, noPrefetch, 412)).contains("no prefetch data")
                .contains("does not query the FHIR server it was offered");
        assertThat(error(PATIENT_VIEW, noPatient, 412)).startsWith("prefetch.patient: the Patient resource is needed");
        assertThat(error(PATIENT_VIEW, nullPatient, 412)).startsWith("prefetch.patient");
    }

    @Test
    void invalidRequestsAre400NamingTheField() throws Exception {
        ObjectNode wrongHook = request("lumbar-disc-herniation.patient-view.json");
        wrongHook.put("hook", "order-sign");
        ObjectNode noPatientId = request("lumbar-disc-herniation.patient-view.json");
        ((ObjectNode) noPatientId.get("context")).remove("patientId");
        ObjectNode badDate = request("lumbar-disc-herniation.patient-view.json");
        ((ObjectNode) badDate.get("prefetch").get("patient")).put("birthDate", "the tenth of January");
        ObjectNode unknownElement = request("lumbar-disc-herniation.patient-view.json");
        ((ObjectNode) unknownElement.get("prefetch").get("patient")).put("shoeSize", 44);
        ObjectNode wrongType = request("lumbar-disc-herniation.patient-view.json");
        ((ObjectNode) wrongType.get("prefetch")).set("conditions", wrongType.get("prefetch").get("observations"));
        ObjectNode otherPatient = request("lumbar-disc-herniation.patient-view.json");
        ((ObjectNode) otherPatient.get("context")).put("patientId", "someone-else");
        ObjectNode unknownKey = request("lumbar-disc-herniation.patient-view.json");
        ((ObjectNode) unknownKey.get("prefetch")).putObject("allergies").put("resourceType", "Bundle");
        ObjectNode paged = request("lumbar-disc-herniation.patient-view.json");
        ((ObjectNode) paged.get("prefetch").get("conditions")).putArray("link").addObject()
                .put("relation", "next").put("url", "https://ehr.example.org/fhir/Condition?page=2");
        ObjectNode notFhir = request("lumbar-disc-herniation.patient-view.json");
        ((ObjectNode) notFhir.get("prefetch")).putObject("procedures").put("entries", 3);

        assertThat(error(PATIENT_VIEW, TestServer.JSON.readTree("[1]"), 400)).startsWith("$: the hook request must be");
        HttpResponse<String> broken = server.post(PATIENT_VIEW, "{\"hook\": \"patient-view\",");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(broken).get("error").asText()).startsWith("$: invalid JSON at line 1");
        assertThat(error(PATIENT_VIEW, wrongHook, 400)).isEqualTo("hook: service spinecds-patient-view answers the "
                + "hook patient-view, not \"order-sign\"");
        assertThat(error(PATIENT_VIEW, noPatientId, 400)).isEqualTo("context.patientId: required");
        assertThat(error(PATIENT_VIEW, badDate, 400)).startsWith("prefetch.patient: not valid FHIR R4")
                .contains("the tenth of January");
        assertThat(error(PATIENT_VIEW, unknownElement, 400)).startsWith("prefetch.patient: not valid FHIR R4")
                .contains("shoeSize");
        assertThat(error(PATIENT_VIEW, wrongType, 400)).startsWith("prefetch.conditions.entry[0].resource: a "
                + "Observation where Condition resources are expected");
        assertThat(error(PATIENT_VIEW, otherPatient, 400)).startsWith("prefetch.patient.id");
        assertThat(error(PATIENT_VIEW, unknownKey, 400)).startsWith("prefetch.\"allergies\": not a prefetch key");
        assertThat(error(PATIENT_VIEW, paged, 400)).startsWith("prefetch.conditions: holds one page");
        assertThat(error(PATIENT_VIEW, notFhir, 400)).startsWith("prefetch.procedures: must be a FHIR resource");
    }

    @Test
    void contradictoryResourcesAre400NamingTheResource() throws Exception {
        ObjectNode request = request("lumbar-disc-herniation.patient-view.json");
        ObjectNode condition = (ObjectNode) request.get("prefetch").get("conditions").get("entry").get(0).get("resource");
        condition.putObject("subject").put("reference", "Patient/someone-else");

        String error = error(PATIENT_VIEW, request, 400);

        assertThat(error).startsWith("prefetch: patient: Condition/").contains("another patient");
    }
}
