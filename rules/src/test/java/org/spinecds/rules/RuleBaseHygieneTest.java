package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.spinecds.Assessment;
import org.spinecds.Finding;
import org.spinecds.RuleLint;
import org.spinecds.SpineCds;
import org.spinecds.patient.Patient;
import org.spinecds.patient.SmokingStatus;

/**
 * The default rule base makes none of the calls a rule must not make, and what it produces for a real
 * patient prints no patient value from {@code toString}.
 */
class RuleBaseHygieneTest {

    @Test
    void theDefaultRulesLintClean() throws Exception {
        assertThat(RuleLint.lintDefaultRules()).isEmpty();

        // not because the lint cannot read them: one call added to a default file is found
        String drl;
        try (InputStream in = getClass().getResourceAsStream("/" + SpineCds.DEFAULT_RULES + "/red-flags.drl")) {
            drl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String changed = drl.replaceFirst("\nthen\n", "\nthen\n    System.exit(1);\n");
        assertThat(changed).isNotEqualTo(drl);
        assertThat(RuleLint.lint("red-flags.drl", changed)).singleElement()
                .satisfies(w -> assertThat(w.message()).startsWith("calls System.exit"));
    }

    @Test
    void noToStringOfARealAssessmentPrintsThePatientsValues() {
        String id = "SENTINEL-ID-7731";
        Patient patient = Patients.candidate().patientId(id).bmi(37.83).symptomDurationWeeks(47)
                .smokingStatus(SmokingStatus.CURRENT).build();
        Assessment a = Engine.ENGINE.assess(patient);
        List<Object> parts = new ArrayList<>(List.of(a, patient, Engine.ENGINE.trace(patient)));
        parts.addAll(a.findings());
        parts.addAll(a.criteria());
        parts.addAll(a.overridden());
        parts.addAll(a.toSettle());
        a.findings().forEach(f -> parts.addAll(f.evidence()));
        assertThat(a.findings()).as("the findings state the values, so the test can fail")
                .anySatisfy(f -> assertThat(f.summary() + f.detail()).contains("37.8"));

        for (Object o : parts) {
            assertThat(o.toString()).as("%s.toString()", o.getClass().getName())
                    .doesNotContain(id).doesNotContain("37.8").doesNotContain("47 weeks");
        }
        assertThat(a.findings()).extracting(Finding::toString).anySatisfy(s -> assertThat(s).contains("RISK-SMOKER"));
    }
}
