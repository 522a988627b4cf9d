package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.spinecds.SpineCds;
import org.spinecds.json.AssessmentJson;
import org.spinecds.patient.Patient;

/** The same patient and rule base give the same JSON, byte for byte, apart from the assessment time. */
class DeterminismTest {

    @Test
    void sameInputSameBytesAcrossCallsAndEngines() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);
        SpineCds other = SpineCds.builder().defaultRules().clock(clock).build();
        List<Patient> patients = RandomPatients.generate(42L, 300);

        for (Patient p : patients) {
            String first = AssessmentJson.write(Engine.ENGINE.assess(p)).replaceAll("\"assessedAt\" : \"[^\"]+\"", "");
            String again = AssessmentJson.write(Engine.ENGINE.assess(p)).replaceAll("\"assessedAt\" : \"[^\"]+\"", "");
            String elsewhere = AssessmentJson.write(other.assess(p)).replaceAll("\"assessedAt\" : \"[^\"]+\"", "");
            assertThat(again).isEqualTo(first);
            assertThat(elsewhere).isEqualTo(first);
        }
    }
}
