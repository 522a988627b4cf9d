package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinecds.rules.Findings.assertDefinitive;
import static org.spinecds.rules.Findings.assertInputEvidence;
import static org.spinecds.rules.Findings.assertInsufficient;
import static org.spinecds.rules.Findings.completes;
import static org.spinecds.rules.Findings.decidingCodes;
import static org.spinecds.rules.Findings.finding;
import static org.spinecds.rules.Findings.settles;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.spinecds.Assessment;
import org.spinecds.Category;
import org.spinecds.Finding;
import org.spinecds.Severity;
import org.spinecds.Verdict;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;

/**
 * red-flags.drl: signs of cauda equina syndrome or a progressing deficit (URG-1) and a suspected
 * serious spinal pathology (URG-2) call for urgent evaluation; a screen with an unknown answer (URG-S)
 * blocks every verdict below URGENT_EVALUATION.
 */
@DisplayName("Red flags (URG-1, URG-2, URG-S)")
class RedFlagsTest {

    private static final String URG_ACTION =
            "Emergency MRI and same-day referral to the on-call spinal team; do not wait for conservative care";
    private static final List<String> URG_1_CODES =
            List.of("URG-BLADDER-BOWEL", "URG-PROGRESSIVE-WEAKNESS", "URG-SADDLE-ANAESTHESIA");
    private static final List<String> RED_FLAG_CODES = List.of("URG-BLADDER-BOWEL", "URG-PROGRESSIVE-WEAKNESS",
            "URG-SADDLE-ANAESTHESIA", "URG-SERIOUS-PATHOLOGY", "URG-SCREEN-INCOMPLETE");

    private static List<String> redFlagCodes(Assessment a) {
        return a.findingCodes().stream().filter(RED_FLAG_CODES::contains).toList();
    }

    @Nested
    @DisplayName("URG-1: cauda equina syndrome or a progressing deficit")
    class CaudaEquina {

        @ParameterizedTest(name = "{1} = true raises {0}")
        @CsvSource({
                "URG-BLADDER-BOWEL,        BLADDER_BOWEL_DYSFUNCTION",
                "URG-SADDLE-ANAESTHESIA,   SADDLE_ANAESTHESIA",
                "URG-PROGRESSIVE-WEAKNESS, PROGRESSIVE_MOTOR_WEAKNESS"
        })
        void aSignCallsForUrgentEvaluation(String code, Input sign) {
            // given an otherwise complete minimally invasive candidate who now reports the sign
            Patient patient = Patients.candidate().set(sign, true).build();

            // when
            Assessment a = Engine.assess(patient);

            // then the red flag is a critical finding that alone decides the verdict
            Finding f = finding(a, code);
            assertThat(f.criterion()).isEqualTo("URG-1");
            assertThat(f.category()).isEqualTo(Category.RED_FLAG);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.action()).isEqualTo(URG_ACTION);
            assertThat(f.evidence()).hasSize(1);
            assertInputEvidence(f, sign.jsonName(), true);
            assertThat(redFlagCodes(a)).containsExactly(code);
            assertDefinitive(a, Verdict.URGENT_EVALUATION);
            assertThat(decidingCodes(a)).containsExactly(code);
            assertThat(a.overridden()).as("the candidacy yields to it").singleElement()
                    .satisfies(o -> assertThat(o.verdict()).isEqualTo(Verdict.MINIMALLY_INVASIVE_CANDIDATE));
        }

        @ParameterizedTest(name = "{0} = false raises no red flag")
        @EnumSource(value = Input.class,
                names = {"BLADDER_BOWEL_DYSFUNCTION", "SADDLE_ANAESTHESIA", "PROGRESSIVE_MOTOR_WEAKNESS"})
        void aSignKnownAbsentIsNoRedFlag(Input sign) {
            // given a candidate in whom the sign was looked for and is absent
            Patient patient = Patients.candidate().set(sign, false).build();

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(redFlagCodes(a)).isEmpty();
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @ParameterizedTest(name = "{0} unknown leaves URG-1 unsettled")
        @EnumSource(value = Input.class,
                names = {"BLADDER_BOWEL_DYSFUNCTION", "SADDLE_ANAESTHESIA", "PROGRESSIVE_MOTOR_WEAKNESS"})
        void anUnknownSignLeavesUrg1UnsettledAndBlocksEveryLowerVerdict(Input sign) {
            // given a candidate in whom the sign was not asked about
            Patient patient = Patients.candidate().set(sign, null).build();

            // when
            Assessment a = Engine.assess(patient);

            // then the sign is neither present nor ruled out: the screen is incomplete, and no verdict
            // below urgent evaluation can be given
            assertThat(redFlagCodes(a)).containsExactly("URG-SCREEN-INCOMPLETE");
            assertInsufficient(a, Verdict.URGENT_EVALUATION, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            assertThat(a.toSettle()).containsExactly(settles(sign.jsonName(), Verdict.URGENT_EVALUATION, "URG-1"));
            assertThat(decidingCodes(a)).containsExactly("URG-SCREEN-INCOMPLETE");
            assertThat(finding(a, "URG-SCREEN-INCOMPLETE").detail()).startsWith("Not known: " + sign.jsonName() + ".");
        }

        @Test
        void caudaEquinaWithProgressiveWeaknessListsEveryRedFlag() {
            // given suspected cauda equina syndrome with a worsening motor deficit
            var patient = Patients.candidate().bladderBowelDysfunction(true).saddleAnaesthesia(true)
                    .progressiveMotorWeakness(true);

            // when
            Assessment a = Engine.assess(patient);

            // then every sign is a finding, and each one stands behind the urgent verdict
            assertThat(redFlagCodes(a)).containsExactlyElementsOf(URG_1_CODES);
            assertDefinitive(a, Verdict.URGENT_EVALUATION);
            assertThat(decidingCodes(a)).containsExactlyElementsOf(URG_1_CODES);
        }

        @Test
        void aRedFlagAloneIsEnoughWhenNothingElseIsKnown() {
            // given a referral that reports only saddle anaesthesia
            Patient patient = Patient.builder().saddleAnaesthesia(true).build();

            // when
            Assessment a = Engine.assess(patient);

            // then the missing work-up does not delay the urgent evaluation, and nothing is asked first
            assertThat(redFlagCodes(a)).containsExactly("URG-SADDLE-ANAESTHESIA");
            assertDefinitive(a, Verdict.URGENT_EVALUATION);
            assertThat(decidingCodes(a)).containsExactly("URG-SADDLE-ANAESTHESIA");
            assertThat(a.overridden()).as("no lower verdict is known to hold").isEmpty();
        }

        @Test
        void aPresentRedFlagDecidesWhileTheOtherFlagsAreUnknown() {
            // given progressive weakness, the other signs and the serious-pathology judgement not asked about
            var patient = Patients.candidate().progressiveMotorWeakness(true).bladderBowelDysfunction(null)
                    .saddleAnaesthesia(null).seriousPathologySuspected(null);

            // when
            Assessment a = Engine.assess(patient);

            // then whatever the other answers, the verdict is urgent evaluation: the screen is not incomplete
            assertThat(redFlagCodes(a)).containsExactly("URG-PROGRESSIVE-WEAKNESS");
            assertDefinitive(a, Verdict.URGENT_EVALUATION);
        }

        @Test
        void everyUnknownSignIsNamedInTheOrderOfTheScreen() {
            // given a candidate whose red flags were not asked about at all
            var patient = Patients.candidate().bladderBowelDysfunction(null).saddleAnaesthesia(null)
                    .progressiveMotorWeakness(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "URG-SCREEN-INCOMPLETE");
            assertThat(f.criterion()).isEqualTo("URG-S");
            assertThat(f.category()).isEqualTo(Category.RED_FLAG);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.detail()).startsWith(
                    "Not known: bladderBowelDysfunction, saddleAnaesthesia, progressiveMotorWeakness.");
            assertThat(f.action()).isEqualTo("Ask about each unknown red flag; where a serious-pathology flag is "
                    + "present, record whether serious pathology is suspected");
            assertInsufficient(a, Verdict.URGENT_EVALUATION, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            assertThat(a.toSettle()).containsExactly(
                    settles("bladderBowelDysfunction", Verdict.URGENT_EVALUATION, "URG-1"),
                    settles("saddleAnaesthesia", Verdict.URGENT_EVALUATION, "URG-1"),
                    settles("progressiveMotorWeakness", Verdict.URGENT_EVALUATION, "URG-1"));
        }
    }

    @Nested
    @DisplayName("URG-2: suspected serious spinal pathology")
    class SeriousPathology {

        private static final String URG_2_ACTION = "Urgent investigation and referral by the local pathway "
                + "(MRI, blood tests); not a candidate for elective surgery until serious pathology is excluded";

        @Test
        void aSuspectedSeriousPathologyCallsForUrgentEvaluation() {
            // given a candidate with a history of cancer and weight loss, in whom the clinician suspects metastases
            var patient = Patients.candidate().seriousPathologySuspected(true).cancerHistory(true)
                    .unexplainedWeightLoss(true);

            // when
            Assessment a = Engine.assess(patient);

            // then the judgement decides; the flags present are cited beside it
            Finding f = finding(a, "URG-SERIOUS-PATHOLOGY");
            assertThat(f.criterion()).isEqualTo("URG-2");
            assertThat(f.category()).isEqualTo(Category.RED_FLAG);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.action()).isEqualTo(URG_2_ACTION);
            assertThat(f.evidence()).extracting(e -> e.input()).containsExactly("seriousPathologySuspected",
                    "cancerHistory", "unexplainedWeightLoss");
            assertInputEvidence(f, "seriousPathologySuspected", true);
            assertInputEvidence(f, "cancerHistory", true);
            assertInputEvidence(f, "unexplainedWeightLoss", true);
            assertThat(f.detail()).isEqualTo("The clinician suspects a serious spinal pathology "
                    + "(seriousPathologySuspected = true); flags present: cancerHistory, unexplainedWeightLoss.");
            assertThat(redFlagCodes(a)).containsExactly("URG-SERIOUS-PATHOLOGY");
            assertDefinitive(a, Verdict.URGENT_EVALUATION);
            assertThat(decidingCodes(a)).containsExactly("URG-SERIOUS-PATHOLOGY");
        }

        @Test
        void aSuspicionWithoutAFlagStillCallsForUrgentEvaluation() {
            // given a suspicion on other grounds (night pain, imaging), every listed flag absent
            var patient = Patients.candidate().seriousPathologySuspected(true);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "URG-SERIOUS-PATHOLOGY");
            assertThat(f.detail()).isEqualTo(
                    "The clinician suspects a serious spinal pathology (seriousPathologySuspected = true).");
            assertThat(f.evidence()).hasSize(1);
            assertDefinitive(a, Verdict.URGENT_EVALUATION);
        }

        @Test
        void aSuspicionAloneIsEnoughWhenNothingElseIsKnown() {
            // when
            Assessment a = Engine.assess(Patient.builder().seriousPathologySuspected(true));

            // then
            assertDefinitive(a, Verdict.URGENT_EVALUATION);
            assertThat(decidingCodes(a)).containsExactly("URG-SERIOUS-PATHOLOGY");
        }

        @ParameterizedTest(name = "{0} present, not suspected: no URG-2")
        @EnumSource(value = Input.class, names = {"CANCER_HISTORY", "UNEXPLAINED_WEIGHT_LOSS", "FEVER",
                "INTRAVENOUS_DRUG_USE", "RECENT_SIGNIFICANT_TRAUMA", "LONG_TERM_CORTICOSTEROIDS"})
        void aFlagThatTheClinicianHasWeighedAndExcludedDoesNotDecide(Input flag) {
            // given a flag present, but the clinician has weighed it and does not suspect serious pathology
            var patient = Patients.candidate().set(flag, true);

            // when
            Assessment a = Engine.assess(patient);

            // then the clinician's judgement decides URG-2: it is ruled out, and the screen is complete
            assertThat(redFlagCodes(a)).isEmpty();
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void anUnrecordedJudgementLeavesUrg2UnsettledEvenWithEveryFlagAbsent() {
            // given every flag known to be absent, but the clinician's judgement not recorded: a clinician
            // may suspect serious pathology on other grounds
            var patient = Patients.candidate().seriousPathologySuspected(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(redFlagCodes(a)).containsExactly("URG-SCREEN-INCOMPLETE");
            assertThat(finding(a, "URG-SCREEN-INCOMPLETE").detail()).isEqualTo("Not known: seriousPathologySuspected. "
                    + "A red flag or a suspected serious pathology would call for urgent evaluation.");
            assertInsufficient(a, Verdict.URGENT_EVALUATION, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            assertThat(a.toSettle()).containsExactly(
                    settles("seriousPathologySuspected", Verdict.URGENT_EVALUATION, "URG-2"));
            assertThat(a.inputsToComplete()).isEmpty();
        }

        @Test
        void aFlagPresentWithoutAJudgementAsksForTheJudgement() {
            // given fever in an intravenous drug user (a possible spinal infection), judgement not recorded
            var patient = Patients.candidate().seriousPathologySuspected(null).fever(true).intravenousDrugUse(true);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "URG-SCREEN-INCOMPLETE");
            assertThat(f.detail()).contains("Serious-pathology flags present: fever, intravenousDrugUse; "
                    + "record whether serious pathology is suspected.");
            assertThat(redFlagCodes(a)).doesNotContain("URG-SERIOUS-PATHOLOGY");
            assertInsufficient(a, Verdict.URGENT_EVALUATION, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            assertThat(a.missingInputs()).containsExactly("seriousPathologySuspected");
        }

        @Test
        void theUnaskedFlagsCompleteThePictureTheClinicianWeighs() {
            // given neither the judgement nor any of its flags recorded
            var patient = Patients.candidate().seriousPathologySuspected(null).cancerHistory(null)
                    .unexplainedWeightLoss(null).fever(null).intravenousDrugUse(null).recentSignificantTrauma(null)
                    .longTermCorticosteroids(null);

            // when
            Assessment a = Engine.assess(patient);

            // then the judgement settles the rank; the flags are listed apart, to inform it
            assertInsufficient(a, Verdict.URGENT_EVALUATION, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            assertThat(a.toSettle()).containsExactly(
                    settles("seriousPathologySuspected", Verdict.URGENT_EVALUATION, "URG-2"));
            assertThat(a.inputsToComplete()).containsExactly(completes("cancerHistory", "URG-2"),
                    completes("unexplainedWeightLoss", "URG-2"), completes("fever", "URG-2"),
                    completes("intravenousDrugUse", "URG-2"), completes("recentSignificantTrauma", "URG-2"),
                    completes("longTermCorticosteroids", "URG-2"));
            assertThat(finding(a, "URG-SCREEN-INCOMPLETE").detail()).startsWith("Not known: seriousPathologySuspected, "
                    + "cancerHistory, unexplainedWeightLoss, fever, intravenousDrugUse, recentSignificantTrauma, "
                    + "longTermCorticosteroids.");
        }

        @Test
        void unaskedFlagsDoNotBlockAVerdictOnceTheClinicianHasJudged() {
            // given the judgement recorded (not suspected), none of the flags asked about
            var patient = Patients.candidate().cancerHistory(null).unexplainedWeightLoss(null).fever(null)
                    .intravenousDrugUse(null).recentSignificantTrauma(null).longTermCorticosteroids(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(redFlagCodes(a)).isEmpty();
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void aCaudaEquinaSignDecidesWhileTheJudgementIsUnknown() {
            // given bladder dysfunction, serious pathology not yet judged
            var patient = Patients.candidate().bladderBowelDysfunction(true).seriousPathologySuspected(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(redFlagCodes(a)).containsExactly("URG-BLADDER-BOWEL");
            assertDefinitive(a, Verdict.URGENT_EVALUATION);
        }

        @Test
        void aSuspicionDecidesWhileTheCaudaEquinaSignsAreUnknown() {
            // given suspected serious pathology, the cauda equina signs not asked about
            var patient = Patients.candidate().seriousPathologySuspected(true).bladderBowelDysfunction(null)
                    .saddleAnaesthesia(null).progressiveMotorWeakness(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(redFlagCodes(a)).containsExactly("URG-SERIOUS-PATHOLOGY");
            assertDefinitive(a, Verdict.URGENT_EVALUATION);
        }
    }

    @Test
    void theWholeScreenUnknownAsksForEachAnswerInTheOrderOfTheScreen() {
        // given a candidate of whom no red flag and no judgement is recorded
        var patient = Patients.candidate().bladderBowelDysfunction(null).saddleAnaesthesia(null)
                .progressiveMotorWeakness(null).seriousPathologySuspected(null);

        // when
        Assessment a = Engine.assess(patient);

        // then
        assertInsufficient(a, Verdict.URGENT_EVALUATION, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        assertThat(a.missingInputs()).containsExactly("bladderBowelDysfunction", "saddleAnaesthesia",
                "progressiveMotorWeakness", "seriousPathologySuspected");
        assertThat(a.toSettle()).extracting(m -> m.criteria()).containsExactly(List.of("URG-1"), List.of("URG-1"),
                List.of("URG-1"), List.of("URG-2"));
        assertThat(decidingCodes(a)).containsExactly("URG-SCREEN-INCOMPLETE");
    }
}
