package org.spinecds.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.hl7.fhir.r4.model.Resource;
import org.spinecds.Verdict;
import org.spinecds.fhir.FhirJson;
import org.spinecds.json.PatientJson;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;

/**
 * Hook calls over HTTP, as an EHR makes them: every verdict (made-up patients recorded as FHIR by
 * {@link RecordedPatients}), the example patients, order-select, missing data, and requests that
 * cannot be judged.
 */
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
        Patient patient = PatientJson.read(HookExamples.examples().resolve("patients/" + name + ".json"));
        Verdict expected = TestServer.engine().assess(patient).verdict();

        JsonNode cards = cards(PATIENT_VIEW, request(name + ".patient-view.json"));

        if (patient.getAge() != null && patient.getAge() < 18) {
            // the relevance gate: patient-view answers no cards for a child
            assertThat(cards).as(name).isEmpty();
            return;
        }
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

    private static Map<String, Object> with(Object... pairs) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static JsonNode card(JsonNode cards, String finding) {
        return java.util.stream.StreamSupport.stream(cards.spliterator(), false)
                .filter(c -> finding.equals(c.path("extension").path("org.spinecds.finding").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no card for " + finding + " in " + cards));
    }

    @Test
    void aRecordedPatientIsMappedToTheInputsOfItsJson() {
        JsonNode patient = RecordedPatients.candidate();
        JsonNode prefetch = RecordedPatients.patientView(patient).get("prefetch");
        List<Resource> resources = List.of((Resource) FhirJson.parse(prefetch.get("patient").toString()),
                (Resource) FhirJson.parse(prefetch.get("observations").get("entry").get(0).get("resource").toString()));

        Patient mapped = HookExamples.MAPPER.map(resources).patient();

        Patient expected = PatientJson.fromTree(patient);
        for (Input input : Input.values()) {
            assertThat(mapped.get(input)).as(input.jsonName()).isEqualTo(expected.get(input));
        }
    }

    static Stream<Arguments> verdicts() {
        return Stream.of(
                Arguments.of(Verdict.URGENT_EVALUATION, with("progressiveMotorWeakness", true), "critical"),
                Arguments.of(Verdict.OUTSIDE_SCOPE, with("diagnoses", List.of("OTHER")), "info"),
                Arguments.of(Verdict.SURGERY_NOT_INDICATED, with("symptoms", List.of("BACK_PAIN")), "info"),
                Arguments.of(Verdict.CONSERVATIVE_CARE_FIRST, with("conservativeCareRelieved", true), "info"),
                Arguments.of(Verdict.FURTHER_EVALUATION, with("physicalExamDone", false), "info"),
                Arguments.of(Verdict.OPEN_SURGERY_PREFERRED, with("targetAccessible", false), "info"),
                Arguments.of(Verdict.MINIMALLY_INVASIVE_CANDIDATE, with(), "info"),
                Arguments.of(Verdict.INSUFFICIENT_INFORMATION, with("saddleAnaesthesia", null), "warning"));
    }

    @ParameterizedTest
    @MethodSource("verdicts")
    void eachVerdictComesBackAsTheEngineGivesItWithItsVerdictCardFirst(Verdict verdict, Map<String, Object> changes,
                                                                       String indicator) {
        JsonNode patient = RecordedPatients.candidateWith(changes);
        assertThat(TestServer.engine().assess(PatientJson.fromTree(patient)).verdict()).isEqualTo(verdict);

        JsonNode cards = cards(PATIENT_VIEW, RecordedPatients.patientView(patient));

        JsonNode first = cards.get(0);
        assertThat(verdict(cards)).isEqualTo(verdict.name());
        assertThat(first.get("indicator").asText()).isEqualTo(indicator);
        assertThat(first.get("summary").asText()).startsWith(verdict.title());
        assertThat(first.get("source").get("topic").get("system").asText()).isEqualTo("urn:spinecds:verdict");
        assertThat(first.get("source").get("topic").get("code").asText()).isEqualTo(verdict.name());
        assertThat(first.get("detail").asText()).contains("| CAND-8: ");
        for (JsonNode card : cards) {
            assertThat(card.get("summary").asText().length()).isBetween(1, 139);
            assertThat(card.get("indicator").asText()).isIn("info", "warning", "critical");
        }
    }

    @Test
    void anUnaskedRedFlagIsTheFirstInputToCollect() {
        JsonNode cards = cards(PATIENT_VIEW, RecordedPatients.patientView(RecordedPatients.candidateWith(
                with("saddleAnaesthesia", null, "imagingConcordant", null, "bmi", null))));

        assertThat(verdict(cards)).isEqualTo("INSUFFICIENT_INFORMATION");
        assertThat(cards.get(0).get("summary").asText()).isEqualTo("Insufficient information: Urgent evaluation, "
                + "Further evaluation first or Candidate for minimally invasive spine surgery still possible");
        JsonNode inputs = cards.get(1);
        assertThat(inputs.get("indicator").asText()).isEqualTo("warning");
        assertThat(inputs.get("summary").asText()).isEqualTo("Collect 2 inputs, red-flag screen first: "
                + "saddleAnaesthesia, imagingConcordant");
        assertThat(inputs.get("extension").get("org.spinecds.toSettle").toString()).isEqualTo(
                "[{\"input\":\"saddleAnaesthesia\",\"verdict\":\"URGENT_EVALUATION\",\"criteria\":[\"URG-1\"]},"
                + "{\"input\":\"imagingConcordant\",\"verdict\":\"FURTHER_EVALUATION\",\"criteria\":[\"CAND-5\"]}]");
        assertThat(inputs.get("extension").get("org.spinecds.inputsToComplete").get(0).get("input").asText())
                .isEqualTo("bmi");
        assertThat(inputs.get("detail").asText()).contains("| 1 | `saddleAnaesthesia` | Saddle anaesthesia | Urgent "
                + "evaluation (URG-1) |", "| 2 | `imagingConcordant` |", "**Also unknown**");
        assertThat(findings(cards)).doesNotContain("URG-SCREEN-INCOMPLETE");
    }

    @Test
    void theVerdictCardStatesTheEvidenceAndWhereItCameFrom() throws Exception {
        JsonNode cards = cards(PATIENT_VIEW, RecordedPatients.patientView(RecordedPatients.candidateWith(
                with("levels", 3, "onBloodThinners", true))));

        assertThat(verdict(cards)).isEqualTo("OPEN_SURGERY_PREFERRED");
        assertThat(cards.get(0).get("detail").asText()).contains("`OPEN-MULTILEVEL`",
                "`levels` = 3 motion segments (`>=` 3 motion segments (`openPreferredLevels`))",
                "From the record: `levels` from Observation/spine-record");
        assertThat(findings(cards)).doesNotContain("OPEN-MULTILEVEL");
        JsonNode thinners = card(cards, "RISK-BLOOD-THINNERS");
        assertThat(thinners.get("indicator").asText()).isEqualTo("warning");
        assertThat(thinners.get("detail").asText()).contains("**From the record:** `onBloodThinners` from "
                + "Observation/spine-record");
    }

    @Test
    void orderSelectAssessesTheProcedureBeingOrdered() throws Exception {
        JsonNode lumbar = cards(ORDER_SELECT, request("lumbar-disc-herniation.order-select.json"));
        JsonNode cervical = cards(ORDER_SELECT, request("cervical-radiculopathy.order-select.json"));

        // the order being placed is the planned procedure the patient-view request also holds
        assertThat(verdict(lumbar)).isEqualTo(verdict(cards(PATIENT_VIEW, request("lumbar-disc-herniation.patient-view.json"))));
        assertThat(verdict(cervical)).isEqualTo(verdict(cards(PATIENT_VIEW,
                request("cervical-radiculopathy.patient-view.json"))));
        assertThat(cervical.toString()).contains("Planned ACDF");
    }

    @Test
    void onOrderSelectAVerdictAgainstTheOrderIsAWarning() throws Exception {
        ObjectNode order = request("lumbar-disc-herniation.order-select.json");
        ObjectNode recorded = RecordedPatients.patientView(RecordedPatients.candidateWith(
                with("conservativeCareWeeks", 2, "plannedProcedure", null)));
        recorded.put("hook", "order-select");
        ObjectNode context = (ObjectNode) recorded.get("context");
        context.set("selections", order.get("context").get("selections"));
        ObjectNode drafts = order.get("context").get("draftOrders").deepCopy();
        drafts.findParents("subject").forEach(n -> ((ObjectNode) n.get("subject"))
                .put("reference", "Patient/" + RecordedPatients.PATIENT_ID));
        context.set("draftOrders", drafts);

        JsonNode cards = cards(ORDER_SELECT, recorded);

        assertThat(verdict(cards)).isEqualTo("CONSERVATIVE_CARE_FIRST");
        assertThat(cards.get(0).get("indicator").asText()).isEqualTo("warning");
        assertThat(cards.get(0).get("detail").asText()).contains("come back at once");
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
        assertThat(collect.get("summary").asText()).containsAnyOf("Collect ", "Complete the red-flag screen");
        assertThat(collect.get("extension").get("org.spinecds.prefetchNotSent").toString()).isEqualTo("[\"observations\"]");
        assertThat(collect.get("extension").get("org.spinecds.missingInputs")).isNotEmpty();
        assertThat(collect.get("detail").asText()).contains("| # | Input | What to record | Settles whether |",
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
                .contains("the FHIR server it offered is not one this site allows");
        assertThat(error(PATIENT_VIEW, noPatient, 412)).startsWith("prefetch.patient: the Patient resource is needed");
        assertThat(error(PATIENT_VIEW, nullPatient, 412)).startsWith("prefetch.patient");
    }

    @Test
    void invalidRequestsAre400NamingTheField() throws Exception {
        ObjectNode wrongHook = request("lumbar-disc-herniation.patient-view.json");
        wrongHook.put("hook", "order-sign");
        ObjectNode noPatientId = request("lumbar-disc-herniation.patient-view.json");
        ((ObjectNode) noPatientId.get("context")).remove("patientId");
        ObjectNode wrongType = request("lumbar-disc-herniation.patient-view.json");
        ((ObjectNode) wrongType.get("prefetch")).set("patient", wrongType.get("prefetch").get("observations"));
        ObjectNode otherPatient = request("lumbar-disc-herniation.patient-view.json");
        ((ObjectNode) otherPatient.get("context")).put("patientId", "someone-else");
        ObjectNode notFhir = request("lumbar-disc-herniation.patient-view.json");
        ((ObjectNode) notFhir.get("prefetch")).putObject("procedures").put("entries", 3);

        assertThat(error(PATIENT_VIEW, TestServer.JSON.readTree("[1]"), 400)).startsWith("$: the hook request must be");
        HttpResponse<String> broken = server.post(PATIENT_VIEW, "{\"hook\": \"patient-view\",");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(broken).get("error").asText()).startsWith("$: invalid JSON at line 1");
        assertThat(error(PATIENT_VIEW, wrongHook, 400)).isEqualTo("hook: service spinecds-patient-view answers the "
                + "hook patient-view, not \"order-sign\"");
        assertThat(error(PATIENT_VIEW, noPatientId, 400)).isEqualTo("context.patientId: required");
        assertThat(error(PATIENT_VIEW, wrongType, 412)).startsWith("prefetch.patient: the Patient resource is needed");
        assertThat(error(PATIENT_VIEW, otherPatient, 400)).startsWith("prefetch.patient.id");
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
