package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinecds.rules.Findings.assertInputEvidence;
import static org.spinecds.rules.Findings.finding;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spinecds.Assessment;
import org.spinecds.Category;
import org.spinecds.CriterionStatus;
import org.spinecds.Finding;
import org.spinecds.Severity;
import org.spinecds.Verdict;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;

/** red-flags.drl: signs of cauda equina syndrome or a progressing deficit call for urgent evaluation (URG-1). */
@DisplayName("Red flags (URG-1)")
class RedFlagsTest {

    private static final List<String> RED_FLAG_CODES =
            List.of("URG-BLADDER-BOWEL", "URG-SADDLE-ANAESTHESIA", "URG-PROGRESSIVE-WEAKNESS");

    @ParameterizedTest(name = "{1} = true raises {0}")
    @CsvSource({
            "URG-BLADDER-BOWEL,        BLADDER_BOWEL_DYSFUNCTION",
            "URG-SADDLE-ANAESTHESIA,   SADDLE_ANAESTHESIA",
            "URG-PROGRESSIVE-WEAKNESS, PROGRESSIVE_MOTOR_WEAKNESS"
    })
    void aRedFlagCallsForUrgentEvaluation(String code, Input sign) {
        // given an otherwise ideal minimally invasive candidate who now reports the sign
        Patient patient = Patients.candidate().set(sign, true).build();

        // when
        Assessment a = Engine.assess(patient);

        // then the red flag is a critical finding that decides the verdict
        Finding f = finding(a, code);
        assertThat(f.criterion()).isEqualTo("URG-1");
        assertThat(f.category()).isEqualTo(Category.RED_FLAG);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.action()).isEqualTo("Refer for urgent surgical evaluation");
        assertInputEvidence(f, sign.jsonName(), true);
        assertThat(a.verdict()).isEqualTo(Verdict.URGENT_EVALUATION);
        assertThat(a.decidedBy()).extracting(Finding::code).containsExactly(code);
    }

    @ParameterizedTest(name = "{1} = false raises no red flag")
    @CsvSource({
            "URG-BLADDER-BOWEL,        BLADDER_BOWEL_DYSFUNCTION",
            "URG-SADDLE-ANAESTHESIA,   SADDLE_ANAESTHESIA",
            "URG-PROGRESSIVE-WEAKNESS, PROGRESSIVE_MOTOR_WEAKNESS"
    })
    void aSignReportedAbsentIsNoRedFlag(String code, Input sign) {
        // given a candidate in whom the sign was looked for and is absent
        Patient patient = Patients.candidate().set(sign, false).build();

        // when
        Assessment a = Engine.assess(patient);

        // then
        assertThat(a.findingCodes()).doesNotContain(code);
        assertThat(a.verdict()).isEqualTo(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
    }

    @ParameterizedTest(name = "{1} unknown raises no red flag")
    @CsvSource({
            "URG-BLADDER-BOWEL,        BLADDER_BOWEL_DYSFUNCTION",
            "URG-SADDLE-ANAESTHESIA,   SADDLE_ANAESTHESIA",
            "URG-PROGRESSIVE-WEAKNESS, PROGRESSIVE_MOTOR_WEAKNESS"
    })
    void anUnrecordedSignIsNoRedFlag(String code, Input sign) {
        // given a candidate in whom the sign was not recorded
        Patient patient = Patients.candidate().set(sign, null).build();

        // when
        Assessment a = Engine.assess(patient);

        // then an unknown sign is not reported as present
        assertThat(a.findingCodes()).doesNotContain(code);
        assertThat(a.verdict()).isNotEqualTo(Verdict.URGENT_EVALUATION);
    }

    @Test
    void caudaEquinaWithProgressiveWeaknessListsEveryRedFlag() {
        // given suspected cauda equina syndrome with a worsening motor deficit
        Patient patient = Patients.candidate()
                .bladderBowelDysfunction(true)
                .saddleAnaesthesia(true)
                .progressiveMotorWeakness(true)
                .build();

        // when
        Assessment a = Engine.assess(patient);

        // then every sign is a finding, and each one stands behind the urgent verdict
        assertThat(a.findingCodes()).containsAll(RED_FLAG_CODES);
        assertThat(a.verdict()).isEqualTo(Verdict.URGENT_EVALUATION);
        assertThat(a.decidedBy()).extracting(Finding::code).containsExactlyInAnyOrderElementsOf(RED_FLAG_CODES);
    }

    @Test
    void aRedFlagAloneIsEnoughEvenWhenNothingElseIsKnown() {
        // given a referral that reports only saddle anaesthesia
        Patient patient = Patient.builder().saddleAnaesthesia(true).build();

        // when
        Assessment a = Engine.assess(patient);

        // then the missing work-up does not delay the urgent evaluation
        assertThat(a.verdict()).isEqualTo(Verdict.URGENT_EVALUATION);
        assertThat(a.overridden()).extracting(o -> o.verdict()).contains(Verdict.INSUFFICIENT_INFORMATION);
    }

    @Test
    void aRedFlagWaivesTheWaitForConservativeCare() {
        // given progressive weakness after only one week of conservative care
        Patient patient = Patients.candidate().progressiveMotorWeakness(true).conservativeCareWeeks(1).build();

        // when
        Assessment a = Engine.assess(patient);

        // then conservative care is not required first
        assertThat(a.criterionStatus("CAND-3")).isEqualTo(CriterionStatus.MET);
        assertThat(a.findingCodes()).contains("CAND-3-WAIVED").doesNotContain("CAND-3-TOO-SHORT");
        assertThat(a.verdict()).isEqualTo(Verdict.URGENT_EVALUATION);
    }

    @Test
    void unscreenedRedFlagsAreAWarningThatProposesNoVerdict() {
        // given a candidate whose red flags were not asked about
        var patient = Patients.candidate().bladderBowelDysfunction(null).saddleAnaesthesia(null)
                .progressiveMotorWeakness(null);

        // when
        Assessment a = Engine.assess(patient);

        // then
        Finding f = finding(a, "URG-NOT-SCREENED");
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.detail()).contains("bladderBowelDysfunction, saddleAnaesthesia, progressiveMotorWeakness");
        assertThat(a.verdict()).isEqualTo(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        assertThat(a.overridden()).isEmpty();
    }

    @Test
    void screenedRedFlagsOrAPresentOneGiveNoScreeningWarning() {
        // given all three screened negative / one present and the others unknown
        Assessment screened = Engine.assess(Patients.candidate());
        Assessment present = Engine.assess(Patients.candidate().saddleAnaesthesia(true)
                .bladderBowelDysfunction(null).progressiveMotorWeakness(null));

        // then
        assertThat(screened.findingCodes()).doesNotContain("URG-NOT-SCREENED");
        assertThat(present.findingCodes()).doesNotContain("URG-NOT-SCREENED");
        assertThat(present.verdict()).isEqualTo(Verdict.URGENT_EVALUATION);
    }
}
