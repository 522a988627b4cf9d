package org.spinecds.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.spinecds.Verdict;
import org.spinecds.json.PatientJson;

/** The kit's records may be logged whole: their toString names files and scenarios, never a patient value. */
class ToStringPrivacyTest {

    private static final String ID = "SENTINEL-ID-7731";
    private static final String VALUE = "987654";
    private static final String TEXT = "SENTINEL-TEXT-5519";

    @Test
    void noToStringPrintsAPatientValue() {
        List<Object> carriers = List.of(
                new Scenario("s.json", "a scenario", TEXT, PatientJson.read("{\"patientId\": \"" + ID
                        + "\", \"bmi\": 58.37}"), Verdict.MINIMALLY_INVASIVE_CANDIDATE, List.of(), List.of(),
                        Map.of(), List.of(), null),
                new Scenarios.Result("s.json", "a scenario", List.of("invalid patient: bmi: was " + VALUE + " " + ID),
                        Set.of()),
                new Scenarios.Report(List.of(new Scenarios.Result("s.json", "a scenario", List.of(TEXT), Set.of())),
                        List.of()));
        for (Object o : carriers) {
            assertThat(o.toString()).as("%s.toString()", o.getClass().getName())
                    .doesNotContain(ID, VALUE, TEXT, "58.37");
        }
    }
}
