package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinecds.rules.Findings.assertDefinitive;
import static org.spinecds.rules.Findings.assertInputEvidence;
import static org.spinecds.rules.Findings.assertThresholdEvidence;
import static org.spinecds.rules.Findings.completes;
import static org.spinecds.rules.Findings.finding;
import static org.spinecds.rules.Findings.settles;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.spinecds.Assessment;
import org.spinecds.Category;
import org.spinecds.Finding;
import org.spinecds.Severity;
import org.spinecds.Verdict;
import org.spinecds.patient.Comorbidity;
import org.spinecds.patient.Input;
import org.spinecds.patient.Procedure;
import org.spinecds.patient.Region;
import org.spinecds.patient.SmokingStatus;

/**
 * patient-risk.drl: RISK-1 to RISK-11 are warnings with actions beside the verdict, never reasons for
 * it; a risk whose input is unknown is not claimed absent, its input completes the risk picture.
 */
@DisplayName("Patient risk factors (RISK-1 to RISK-11)")
class PatientRiskTest {

    private static List<String> riskCodes(Assessment a) {
        return a.findings().stream().filter(f -> f.category() == Category.PATIENT_RISK).map(Finding::code).toList();
    }

    private static void assertRiskFinding(Finding f, String criterion, Severity severity) {
        assertThat(f.criterion()).isEqualTo(criterion);
        assertThat(f.category()).isEqualTo(Category.PATIENT_RISK);
        assertThat(f.severity()).isEqualTo(severity);
    }

    @Test
    void theReferenceCandidateHasNoRiskFactorAndNothingToComplete() {
        // when
        Assessment a = Engine.assess(Patients.candidate());

        // then
        assertThat(riskCodes(a)).isEmpty();
        assertThat(a.inputsToComplete()).isEmpty();
    }

    @Nested
    @DisplayName("RISK-1: current smoker")
    class Smoking {

        @Test
        void aCurrentSmokerIsAdvisedToStop() {
            // when
            Assessment a = Engine.assess(Patients.candidate().smokingStatus(SmokingStatus.CURRENT));

            // then
            Finding f = finding(a, "RISK-SMOKER");
            assertRiskFinding(f, "RISK-1", Severity.WARNING);
            assertInputEvidence(f, "smokingStatus", "CURRENT");
            assertThat(f.action()).isEqualTo("Stop smoking before surgery; for a fusion, smoking also raises the risk of non-union");
            assertThat(riskCodes(a)).containsExactly("RISK-SMOKER");
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @ParameterizedTest(name = "a {0} smoker is not warned")
        @EnumSource(value = SmokingStatus.class, names = {"FORMER", "NEVER"})
        void aFormerOrNonSmokerIsNotWarned(SmokingStatus status) {
            // when
            Assessment a = Engine.assess(Patients.candidate().smokingStatus(status));

            // then
            assertThat(riskCodes(a)).isEmpty();
        }

        @Test
        void anUnknownSmokingStatusIsNotReadAsNonSmokingButCompletesThePicture() {
            // when
            Assessment a = Engine.assess(Patients.candidate().smokingStatus(null));

            // then
            assertThat(riskCodes(a)).isEmpty();
            assertThat(a.inputsToComplete()).containsExactly(completes("smokingStatus", "RISK-1"));
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }
    }

    @Nested
    @DisplayName("RISK-2: obesity")
    class Obesity {

        @ParameterizedTest(name = "BMI {0} is obesity")
        @ValueSource(doubles = {30.0, 35.0, 39.9})
        void aBmiFromThirtyToUnderFortyIsObesity(double bmi) {
            // when
            Assessment a = Engine.assess(Patients.candidate().bmi(bmi));

            // then
            Finding f = finding(a, "RISK-OBESITY");
            assertRiskFinding(f, "RISK-2", Severity.WARNING);
            assertThresholdEvidence(f, "bmi", bmi, ">=", 30, "obesityBmi");
            assertThresholdEvidence(f, "bmi", bmi, "<", 40, "severeObesityBmi");
            assertThat(f.action()).isEqualTo("Give weight and lifestyle advice before surgery");
            assertThat(riskCodes(a)).containsExactly("RISK-OBESITY");
        }

        @Test
        void aBmiOf29Point9IsNotObesity() {
            // when
            Assessment a = Engine.assess(Patients.candidate().bmi(29.9));

            // then
            assertThat(riskCodes(a)).isEmpty();
        }

        @ParameterizedTest(name = "BMI {0} is severe obesity")
        @ValueSource(doubles = {40.0, 45.5})
        void aBmiOfFortyOrMoreIsSevereObesity(double bmi) {
            // when
            Assessment a = Engine.assess(Patients.candidate().bmi(bmi));

            // then
            Finding f = finding(a, "RISK-OBESITY-SEVERE");
            assertRiskFinding(f, "RISK-2", Severity.WARNING);
            assertThresholdEvidence(f, "bmi", bmi, ">=", 40, "severeObesityBmi");
            assertThat(f.action()).isEqualTo("Give weight and lifestyle advice; consider optimisation before surgery");
            assertThat(riskCodes(a)).containsExactly("RISK-OBESITY-SEVERE");
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void anUnknownBmiIsNotReadAsNormal() {
            // when
            Assessment a = Engine.assess(Patients.candidate().bmi(null));

            // then it completes both the risk picture and the same-day judgement
            assertThat(riskCodes(a)).isEmpty();
            assertThat(a.inputsToComplete()).containsExactly(completes("bmi", "RISK-2", "SET-1"));
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }
    }

    @Nested
    @DisplayName("RISK-3, RISK-4, RISK-7, RISK-8, RISK-10: history flags")
    class Flags {

        @ParameterizedTest(name = "{1} = true raises {0}")
        @CsvSource(delimiter = '|', value = {
                "RISK-CLOTTING       | CLOTTING_DISORDER_HISTORY    | RISK-3  | Review venous thromboembolism prophylaxis",
                "RISK-BLOOD-THINNERS | ON_BLOOD_THINNERS            | RISK-4  | Plan the peri-operative management of the anticoagulant or antiplatelet medication with its prescriber (stopping, bridging, restarting)",
                "RISK-ANAESTHESIA    | ANAESTHESIA_REACTION_HISTORY | RISK-7  | Arrange an anaesthesia consultation",
                "RISK-REVISION       | PRIOR_SURGERY_SAME_LEVEL     | RISK-8  | ",
                "RISK-EXPECTATIONS   | EXPECTS_COMPLETE_PAIN_RELIEF | RISK-10 | Set realistic expectations: the goal is to relieve nerve pressure, improve function and reduce pain"
        })
        void theFlagIsAWarningWithItsAction(String code, Input flag, String criterion, String action) {
            // when
            Assessment a = Engine.assess(Patients.candidate().set(flag, true));

            // then
            Finding f = finding(a, code);
            assertRiskFinding(f, criterion, Severity.WARNING);
            assertInputEvidence(f, flag.jsonName(), true);
            assertThat(f.action()).isEqualTo(action);
            assertThat(riskCodes(a)).containsExactly(code);
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @ParameterizedTest(name = "{0} = false raises nothing")
        @EnumSource(value = Input.class, names = {"CLOTTING_DISORDER_HISTORY", "ON_BLOOD_THINNERS",
                "ANAESTHESIA_REACTION_HISTORY", "PRIOR_SURGERY_SAME_LEVEL", "EXPECTS_COMPLETE_PAIN_RELIEF"})
        void theFlagAnsweredNoRaisesNothing(Input flag) {
            // when
            Assessment a = Engine.assess(Patients.candidate().set(flag, false));

            // then
            assertThat(riskCodes(a)).isEmpty();
            assertThat(a.inputsToComplete()).isEmpty();
        }

        @ParameterizedTest(name = "{0} unknown completes {1}")
        @CsvSource({
                "CLOTTING_DISORDER_HISTORY,    RISK-3",
                "ON_BLOOD_THINNERS,            RISK-4",
                "ANAESTHESIA_REACTION_HISTORY, RISK-7",
                "PRIOR_SURGERY_SAME_LEVEL,     RISK-8",
                "EXPECTS_COMPLETE_PAIN_RELIEF, RISK-10"
        })
        void theFlagUnansweredIsNotClaimedAbsent(Input flag, String criterion) {
            // when
            Assessment a = Engine.assess(Patients.candidate().set(flag, null));

            // then
            assertThat(riskCodes(a)).isEmpty();
            assertThat(a.inputsToComplete()).containsExactly(completes(flag.jsonName(), criterion));
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }
    }

    @Nested
    @DisplayName("RISK-5: older age")
    class Age {

        @ParameterizedTest(name = "age {0} is older age")
        @ValueSource(ints = {65, 70, 74})
        void anAgeFromSixtyFiveToSeventyFourIsOlderAge(int age) {
            // when
            Assessment a = Engine.assess(Patients.candidate().age(age));

            // then
            Finding f = finding(a, "RISK-AGE");
            assertRiskFinding(f, "RISK-5", Severity.WARNING);
            assertThresholdEvidence(f, "age", age, ">=", 65, "olderAge");
            assertThresholdEvidence(f, "age", age, "<", 75, "elderlyAge");
            assertThat(riskCodes(a)).containsExactly("RISK-AGE");
        }

        @Test
        void sixtyFourIsNotOlderAge() {
            // when
            Assessment a = Engine.assess(Patients.candidate().age(64));

            // then
            assertThat(riskCodes(a)).isEmpty();
        }

        @ParameterizedTest(name = "age {0} is advanced age")
        @ValueSource(ints = {75, 90})
        void seventyFiveOrMoreIsAdvancedAge(int age) {
            // when
            Assessment a = Engine.assess(Patients.candidate().age(age));

            // then
            Finding f = finding(a, "RISK-AGE-ADVANCED");
            assertRiskFinding(f, "RISK-5", Severity.WARNING);
            assertThresholdEvidence(f, "age", age, ">=", 75, "elderlyAge");
            assertThat(riskCodes(a)).containsExactly("RISK-AGE-ADVANCED");
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void anUnknownAgeIsNoAgeRiskAndIsAskedForTheScope() {
            // when
            Assessment a = Engine.assess(Patients.candidate().age(null));

            // then the age settles the scope first, so it is asked for there, not as a picture gap
            assertThat(riskCodes(a)).isEmpty();
            assertThat(a.toSettle()).containsExactly(settles("age", Verdict.OUTSIDE_SCOPE, "SCOPE-1"));
            assertThat(a.inputsToComplete()).isEmpty();
        }
    }

    @Nested
    @DisplayName("RISK-6: poorer general health")
    class GeneralHealth {

        @Test
        void comorbiditiesAreToBeOptimised() {
            // when
            Assessment a = Engine.assess(Patients.candidate().comorbidities(Comorbidity.DIABETES,
                    Comorbidity.HEART_DISEASE));

            // then
            Finding f = finding(a, "RISK-COMORBIDITY");
            assertRiskFinding(f, "RISK-6", Severity.WARNING);
            assertInputEvidence(f, "comorbidities", List.of("DIABETES", "HEART_DISEASE"));
            assertThat(f.action()).isEqualTo("Optimise these conditions before surgery");
            assertThat(riskCodes(a)).containsExactly("RISK-COMORBIDITY");
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void unknownComorbiditiesAreNotReadAsNone() {
            // when
            Assessment a = Engine.assess(Patients.candidate().comorbidities((Comorbidity[]) null));

            // then
            assertThat(riskCodes(a)).isEmpty();
            assertThat(a.inputsToComplete()).containsExactly(completes("comorbidities", "RISK-6", "SET-1"));
        }

        @ParameterizedTest(name = "ASA {0} is no risk factor")
        @ValueSource(ints = {1, 2})
        void asaOneOrTwoIsNotPoorerGeneralHealth(int asa) {
            // when
            Assessment a = Engine.assess(Patients.candidate().asaClass(asa));

            // then
            assertThat(riskCodes(a)).isEmpty();
        }

        @Test
        void asaThreeIsPoorerGeneralHealth() {
            // when
            Assessment a = Engine.assess(Patients.candidate().asaClass(3));

            // then
            Finding f = finding(a, "RISK-ASA");
            assertRiskFinding(f, "RISK-6", Severity.WARNING);
            assertThresholdEvidence(f, "asaClass", 3, ">=", 3, "riskAsaClass");
            assertThresholdEvidence(f, "asaClass", 3, "<", 4, "criticalAsaClass");
            assertThat(f.action()).isEqualTo("Optimise general health before surgery");
            assertThat(riskCodes(a)).containsExactly("RISK-ASA");
        }

        @Test
        void asaFourIsACriticalRiskNotAReasonForOpenSurgery() {
            // when
            Assessment a = Engine.assess(Patients.candidate().asaClass(4));

            // then
            Finding f = finding(a, "RISK-ASA-CRITICAL");
            assertRiskFinding(f, "RISK-6", Severity.CRITICAL);
            assertThresholdEvidence(f, "asaClass", 4, ">=", 4, "criticalAsaClass");
            assertThat(f.action()).isEqualTo("Multidisciplinary review before elective surgery; optimise before surgery");
            assertThat(riskCodes(a)).containsExactly("RISK-ASA-CRITICAL");
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void anUnknownAsaClassIsAskedForTheScope() {
            // when
            Assessment a = Engine.assess(Patients.candidate().asaClass(null));

            // then
            assertThat(riskCodes(a)).isEmpty();
            assertThat(a.toSettle()).containsExactly(settles("asaClass", Verdict.OUTSIDE_SCOPE, "SCOPE-3"));
            assertThat(a.inputsToComplete()).isEmpty();
        }
    }

    @Nested
    @DisplayName("RISK-9: surgeon's minimally invasive experience")
    class SurgeonExperience {

        @Test
        void fortyNineProceduresAreLowExperience() {
            // when
            Assessment a = Engine.assess(Patients.candidate().surgeonMissProcedures(49));

            // then
            Finding f = finding(a, "RISK-SURGEON-VOLUME");
            assertRiskFinding(f, "RISK-9", Severity.WARNING);
            assertThresholdEvidence(f, "surgeonMissProcedures", 49, "<", 50, "minSurgeonMissProcedures");
            assertThat(f.action()).isEqualTo("Consider a surgeon with more minimally invasive experience");
            assertThat(riskCodes(a)).containsExactly("RISK-SURGEON-VOLUME");
        }

        @Test
        void fiftyProceduresAreEnoughExperience() {
            // when
            Assessment a = Engine.assess(Patients.candidate().surgeonMissProcedures(50));

            // then
            assertThat(riskCodes(a)).isEmpty();
        }

        @Test
        void anUnknownExperienceIsItselfARiskAndIsAskedFor() {
            // when
            Assessment a = Engine.assess(Patients.candidate().surgeonMissProcedures(null));

            // then
            Finding f = finding(a, "RISK-SURGEON-VOLUME-UNKNOWN");
            assertRiskFinding(f, "RISK-9", Severity.WARNING);
            assertThat(f.action()).isEqualTo("Ask how many minimally invasive spine procedures the surgeon has performed");
            assertThat(riskCodes(a)).containsExactly("RISK-SURGEON-VOLUME-UNKNOWN");
            assertThat(a.inputsToComplete()).containsExactly(completes("surgeonMissProcedures", "RISK-9"));
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }
    }

    @Nested
    @DisplayName("RISK-11: bone health before a fusion")
    class BoneHealth {

        @ParameterizedTest(name = "osteoporosis before a {0}")
        @EnumSource(value = Procedure.class, names = {"LUMBAR_FUSION", "DEFORMITY_CORRECTION", "ACDF"})
        void osteoporosisBeforeAFusionCallsForABoneDensityAssessment(Procedure procedure) {
            // given
            var patient = Patients.deformityCandidate().plannedProcedure(procedure)
                    .regions(Region.CERVICAL, Region.LUMBAR).comorbidities(Comorbidity.OSTEOPOROSIS);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "RISK-BONE-HEALTH");
            assertRiskFinding(f, "RISK-11", Severity.WARNING);
            assertInputEvidence(f, "plannedProcedure", procedure.name());
            assertThat(f.summary()).isEqualTo("Bone health before a fusion: osteoporosis");
            assertThat(f.action()).isEqualTo("Assess bone density and plan the fixation accordingly");
            assertThat(riskCodes(a)).containsExactly("RISK-COMORBIDITY", "RISK-BONE-HEALTH");
        }

        @Test
        void longTermCorticosteroidsBeforeAFusionCallForABoneDensityAssessment() {
            // when
            Assessment a = Engine.assess(Patients.deformityCandidate().longTermCorticosteroids(true));

            // then
            Finding f = finding(a, "RISK-BONE-HEALTH");
            assertThat(f.summary()).isEqualTo("Bone health before a fusion: long-term corticosteroids");
            assertInputEvidence(f, "longTermCorticosteroids", true);
            assertThat(riskCodes(a)).containsExactly("RISK-BONE-HEALTH");
        }

        @Test
        void bothAreNamed() {
            // when
            Assessment a = Engine.assess(Patients.deformityCandidate().longTermCorticosteroids(true)
                    .comorbidities(Comorbidity.OSTEOPOROSIS));

            // then
            assertThat(finding(a, "RISK-BONE-HEALTH").summary())
                    .isEqualTo("Bone health before a fusion: osteoporosis and long-term corticosteroids");
        }

        @Test
        void osteoporosisBeforeADecompressionIsNoBoneHealthRisk() {
            // when
            Assessment a = Engine.assess(Patients.candidate().comorbidities(Comorbidity.OSTEOPOROSIS));

            // then
            assertThat(riskCodes(a)).containsExactly("RISK-COMORBIDITY");
            assertThat(a.inputsToComplete()).isEmpty();
        }

        @Test
        void aFusionWithBoneHealthKnownGoodIsNoRiskAndNothingToComplete() {
            // when
            Assessment a = Engine.assess(Patients.deformityCandidate());

            // then
            assertThat(riskCodes(a)).isEmpty();
            assertThat(a.inputsToComplete()).isEmpty();
        }

        @Test
        void anUnknownCorticosteroidUseBeforeAFusionCompletesThePicture() {
            // when
            Assessment a = Engine.assess(Patients.deformityCandidate().longTermCorticosteroids(null));

            // then
            assertThat(riskCodes(a)).isEmpty();
            assertThat(a.inputsToComplete()).containsExactly(completes("longTermCorticosteroids", "RISK-11"));
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void anUnknownProcedureWithOsteoporosisCompletesThePicture() {
            // given a deformity within the limits, osteoporosis, the procedure not yet planned
            Assessment a = Engine.assess(Patients.deformityCandidate().plannedProcedure(null)
                    .comorbidities(Comorbidity.OSTEOPOROSIS));

            // then (the comorbidity already rules same-day surgery out, so the procedure only completes RISK-11)
            assertThat(riskCodes(a)).containsExactly("RISK-COMORBIDITY");
            assertThat(a.inputsToComplete()).containsExactly(completes("plannedProcedure", "RISK-11"));
        }
    }

    @Test
    void riskFactorsAccompanyTheVerdictButDoNotChangeIt() {
        // given a candidate with nearly every risk factor
        var patient = Patients.candidate().smokingStatus(SmokingStatus.CURRENT).bmi(41.0).clottingDisorderHistory(true)
                .onBloodThinners(true).age(78).comorbidities(Comorbidity.LUNG_DISEASE).asaClass(4)
                .anaesthesiaReactionHistory(true).priorSurgerySameLevel(true).surgeonMissProcedures(10)
                .expectsCompletePainRelief(true);

        // when
        Assessment a = Engine.assess(patient);

        // then
        assertThat(riskCodes(a)).containsExactly("RISK-SMOKER", "RISK-OBESITY-SEVERE", "RISK-CLOTTING",
                "RISK-BLOOD-THINNERS", "RISK-AGE-ADVANCED", "RISK-ASA-CRITICAL", "RISK-COMORBIDITY",
                "RISK-ANAESTHESIA", "RISK-REVISION", "RISK-SURGEON-VOLUME", "RISK-EXPECTATIONS");
        assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        assertThat(a.decidedBy()).noneMatch(f -> f.category() == Category.PATIENT_RISK);
    }

    @Nested
    @DisplayName("Comorbidities known member by member (the list not known complete)")
    class ComorbiditiesKnownMemberByMember {

        @Test
        void aConfirmedDiabetesWithTheOtherComorbiditiesUnknownIsARisk() {
            // given diabetes confirmed, nothing known of the other comorbidities
            var patient = Patients.candidate().members(Input.COMORBIDITIES, List.of(Comorbidity.DIABETES), null);

            // when
            Assessment a = Engine.assess(patient);

            // then RISK-6 fires on the member known present, and says the list may hold more
            Finding f = finding(a, "RISK-COMORBIDITY");
            assertRiskFinding(f, "RISK-6", Severity.WARNING);
            assertThat(f.summary()).isEqualTo("Comorbidities: [DIABETES]");
            assertThat(f.detail()).contains("[DIABETES]").contains("the list is not known complete");
            assertThat(Findings.evidence(f, "comorbidities", "contains-any").value()).isEqualTo(List.of("DIABETES"));
            assertThat(a.inputsToComplete()).extracting(m -> m.input()).doesNotContain("comorbidities");
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void comorbiditiesKnownAbsentOnlyAreNoRiskAndLeaveTheListToComplete() {
            // given two comorbidities known absent, the others unknown
            Assessment a = Engine.assess(Patients.candidate().members(Input.COMORBIDITIES, null,
                    List.of(Comorbidity.DIABETES, Comorbidity.HEART_DISEASE)));

            // then nothing is claimed, and the list completes RISK-6 and the setting
            assertThat(riskCodes(a)).isEmpty();
            assertThat(a.inputsToComplete()).containsExactly(completes("comorbidities", "RISK-6", "SET-1"));
        }

        @Test
        void osteoporosisKnownPresentBeforeAFusionIsABoneHealthRisk() {
            // when
            Assessment a = Engine.assess(Patients.deformityCandidate()
                    .members(Input.COMORBIDITIES, List.of(Comorbidity.OSTEOPOROSIS), List.of(Comorbidity.DIABETES)));

            // then
            Finding f = finding(a, "RISK-BONE-HEALTH");
            assertThat(f.summary()).isEqualTo("Bone health before a fusion: osteoporosis");
            assertThat(f.detail()).contains("Osteoporosis is known present among the comorbidities [OSTEOPOROSIS]")
                    .contains("not known complete");
            assertThat(Findings.evidence(f, "comorbidities", "contains").threshold()).isEqualTo("OSTEOPOROSIS");
            assertThat(riskCodes(a)).containsExactly("RISK-COMORBIDITY", "RISK-BONE-HEALTH");
        }

        @Test
        void osteoporosisKnownAbsentSettlesBoneHealthThoughTheListIsIncomplete() {
            // when
            Assessment a = Engine.assess(Patients.deformityCandidate()
                    .members(Input.COMORBIDITIES, null, List.of(Comorbidity.OSTEOPOROSIS)));

            // then RISK-11 is no longer open; the list still completes RISK-6
            assertThat(riskCodes(a)).isEmpty();
            assertThat(a.inputsToComplete()).flatExtracting(m -> m.criteria()).doesNotContain("RISK-11").contains("RISK-6");
        }

        @Test
        void osteoporosisUnknownBeforeAFusionLeavesBoneHealthOpen() {
            // given diabetes known present, osteoporosis unknown, a fusion planned
            Assessment a = Engine.assess(Patients.deformityCandidate()
                    .members(Input.COMORBIDITIES, List.of(Comorbidity.DIABETES), null));

            // then
            assertThat(riskCodes(a)).containsExactly("RISK-COMORBIDITY");
            assertThat(a.inputsToComplete()).containsExactly(completes("comorbidities", "RISK-11"));
        }
    }
}
