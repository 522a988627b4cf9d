package org.spinecds.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

/**
 * The relevance gate of patient-view: cards only for a chart with a spinal condition, spinal symptoms or
 * a spine order, never for a child, the inputs to collect in one card; a site can turn it off or choose
 * the triggers.
 */
class RelevanceGateTest {

    private static final String PATIENT_VIEW = "/cds-services/spinecds-patient-view";
    private final TestServer server = TestServer.get();

    private static Map<String, Object> with(Object... pairs) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static JsonNode cards(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestServer.json(response).get("cards");
    }

    /** An adult's chart with nothing spinal: high blood pressure and a blood pressure reading. */
    private static ObjectNode nothingSpinal(int age) throws Exception {
        ObjectNode request = RecordedPatients.patientView(RecordedPatients.candidateWith(with()));
        ObjectNode prefetch = (ObjectNode) request.get("prefetch");
        ((ObjectNode) prefetch.get("patient")).put("birthDate", (2026 - age - 1) + "-11-02");
        prefetch.set("observations", TestServer.JSON.readTree("""
                {"resourceType": "Bundle", "type": "searchset", "total": 1, "entry": [{"resource":
                  {"resourceType": "Observation", "id": "bp-1", "status": "final",
                   "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                             "code": "vital-signs"}]}],
                   "code": {"coding": [{"system": "http://loinc.org", "code": "85354-9", "display": "Blood pressure panel"}]},
                   "subject": {"reference": "Patient/rec-1"}, "effectiveDateTime": "2026-05-20T09:00:00Z",
                   "component": [{"code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]},
                                  "valueQuantity": {"value": 148, "unit": "mmHg", "system": "http://unitsofmeasure.org", "code": "mm[Hg]"}}]},
                  "search": {"mode": "match"}}]}"""));
        prefetch.set("conditions", TestServer.JSON.readTree("""
                {"resourceType": "Bundle", "type": "searchset", "total": 1, "entry": [{"resource":
                  {"resourceType": "Condition", "id": "htn-1",
                   "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]},
                   "verificationStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": "confirmed"}]},
                   "code": {"coding": [{"system": "http://snomed.info/sct", "code": "59621000", "display": "Essential hypertension"}],
                            "text": "Essential hypertension"},
                   "subject": {"reference": "Patient/rec-1"}, "onsetDateTime": "2019-03-01"},
                  "search": {"mode": "match"}}]}"""));
        return request;
    }

    @Test
    void aSixYearOldGetsNoCards() {
        ObjectNode child = RecordedPatients.patientView(RecordedPatients.candidateWith(with("age", 6)));

        HttpResponse<String> response = server.post(PATIENT_VIEW, child.toString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"cards\":[]}");
    }

    @Test
    void aPatientWithNothingSpinalGetsNoCards() throws Exception {
        HttpResponse<String> response = server.post(PATIENT_VIEW, nothingSpinal(58).toString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"cards\":[]}");
    }

    @Test
    void aSpinalPatientGetsTheVerdictCardAndExactlyOneInputsCard() {
        ObjectNode spinal = RecordedPatients.patientView(RecordedPatients.candidateWith(
                with("bmi", null, "surgeonMissProcedures", null, "saddleAnaesthesia", null)));

        JsonNode cards = cards(server.post(PATIENT_VIEW, spinal.toString()));

        assertThat(cards).hasSize(2);
        assertThat(cards.get(0).get("extension").get("org.spinecds.verdict").asText()).isEqualTo("INSUFFICIENT_INFORMATION");
        JsonNode inputs = cards.get(1).get("extension");
        assertThat(inputs.get("org.spinecds.toSettle").get(0).get("input").asText()).isEqualTo("saddleAnaesthesia");
        assertThat(inputs.get("org.spinecds.inputsToComplete").toString()).contains("\"bmi\"");
        assertThat(inputs.get("org.spinecds.findingsWaiting").toString()).isEqualTo("[\"RISK-SURGEON-VOLUME-UNKNOWN\"]");
    }

    @Test
    void aSpinalConditionRecordedOnlyAsACodeTheListsDoNotHoldOpensTheGate() throws Exception {
        ObjectNode request = nothingSpinal(58);
        ((ObjectNode) request.get("prefetch").get("conditions").get("entry").get(0).get("resource")).set("code",
                TestServer.JSON.readTree("{\"coding\": [{\"system\": \"http://snomed.info/sct\", \"code\": \"202708005\", "
                        + "\"display\": \"Displacement of lumbar intervertebral disc\"}]}"));

        assertThat(cards(server.post(PATIENT_VIEW, request.toString()))).isNotEmpty();
    }

    @Test
    void aSiteCanTurnTheGateOffOrChooseItsTriggers() throws Exception {
        ObjectNode child = RecordedPatients.patientView(RecordedPatients.candidateWith(with("age", 6)));
        ObjectNode adult = RecordedPatients.patientView(RecordedPatients.candidateWith(with("plannedProcedure", null)));
        try (CdsHooksServer off = TestServer.start(b -> b.relevanceGate(RelevanceGate.off()));
             CdsHooksServer ordersOnly = TestServer.start(b -> b.relevanceGate(
                     RelevanceGate.on(Set.of(RelevanceGate.Trigger.SPINE_ORDER))))) {
            JsonNode childCards = cards(server.post(off, PATIENT_VIEW, child.toString()));
            assertThat(childCards.get(0).get("extension").get("org.spinecds.verdict").asText()).isEqualTo("OUTSIDE_SCOPE");
            assertThat(cards(server.post(off, PATIENT_VIEW, nothingSpinal(58).toString()))).isNotEmpty();

            assertThat(cards(server.post(ordersOnly, PATIENT_VIEW, adult.toString()))).isEmpty();
            assertThat(cards(server.post(ordersOnly, PATIENT_VIEW,
                    RecordedPatients.patientView(RecordedPatients.candidate()).toString()))).isNotEmpty();
        }
        assertThatThrownBy(() -> RelevanceGate.on(Set.of())).hasMessageStartingWith("relevanceGate:");
        assertThat(List.of(RelevanceGate.defaults().triggers().size())).containsExactly(3);
    }
}
