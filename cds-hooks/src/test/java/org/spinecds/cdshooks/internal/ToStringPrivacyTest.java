package org.spinecds.cdshooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.spinecds.Assessment;
import org.spinecds.SpineCds;
import org.spinecds.json.PatientJson;
import org.spinecds.patient.Input;

/**
 * The service's types that hold a patient's data (the hook request, what the cards are made of, the
 * cards, whose summaries and details state the patient's values) print none of it in {@code toString}.
 */
class ToStringPrivacyTest {

    private static final String ID = "SENTINEL-ID-7731";
    private static final String REF = "Observation/SENTINEL-REF-7731";
    private static final String BMI = "37.83";
    private static final List<String> SENTINELS = List.of("SENTINEL", BMI);

    @Test
    void noToStringPrintsAPatientValue() throws Exception {
        ObjectNode json = CardsTest.patient(Map.of("bmi", Double.parseDouble(BMI)));
        json.put("patientId", ID);
        Assessment a = SpineCds.withDefaultRules().assess(PatientJson.fromTree(json));
        Cards.CardInput input = new Cards.CardInput(a, Map.of(Input.BMI, List.of(REF)), List.of("patient"));
        List<Card> cards = new Cards().render(input);
        assertThat(cards).as("the cards state the value, so the test can fail")
                .anySatisfy(c -> assertThat(c.summary() + c.detail()).contains(BMI));

        ObjectNode prefetch = Jackson.MAPPER.createObjectNode();
        prefetch.put("resourceType", "Patient").put("id", ID);
        HookRequest request = new HookRequest("patient-view", "instance-1", ID, "https://ehr.example.org/fhir/" + ID,
                new HookRequest.FhirAuthorization(ID + "-token", 300, "patient/*.read", ID), Map.of("patient", json), 0,
                List.of(REF), prefetch);

        List<Object> carriers = new ArrayList<>(cards);
        carriers.add(input);
        carriers.add(request);
        carriers.add(request.fhirAuthorization());
        for (Object o : carriers) {
            for (String sentinel : SENTINELS) {
                assertThat(o.toString()).as("%s.toString()", o.getClass().getName()).doesNotContain(sentinel);
            }
        }
    }
}
