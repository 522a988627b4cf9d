package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinecds.rules.Findings.assertInputEvidence;
import static org.spinecds.rules.Findings.assertThresholdEvidence;
import static org.spinecds.rules.Findings.finding;

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
import org.spinecds.patient.Comorbidity;
import org.spinecds.patient.Input;
import org.spinecds.patient.SmokingStatus;

/** patient-risk.drl: RISK-1 to RISK-10, warnings with actions that never decide the approach. */
@DisplayName("Patient risk factors (RISK-1 to RISK-10)")
class PatientRiskTest {

    @Test
    void theReferenceCandidateHasNoRiskFactor() {
        // when
        Assessment a = Engine.assess(Patients.candidate());

        // then
        assertThat(a.findings()).noneMatch(f -> f.category() == Category.PATIENT_RISK);
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
            assertThat(f.criterion()).isEqualTo("RISK-1");
            assertThat(f.category()).isEqualTo(Category.PATIENT_RISK);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertInputEvidence(f, "smokingStatus", "CURRENT");
            assertThat(f.action()).isEqualTo("Stop smoking before surgery");
        }

        @ParameterizedTest(name = "a {0} smoker is no smoking risk")
        @EnumSource(value = SmokingStatus.class, names = {"FORMER", "NEVER"})
        void aFormerOrNonSmokerIsNotWarned(SmokingStatus status) {
            // when
            Assessment a = Engine.assess(Patients.candidate().smokingStatus(status));

            // then
            assertThat(a.findingCodes()).doesNotContain("RISK-SMOKER");
        }

        @Test
        void anUnknownSmokingStatusIsNotReadAsSmoking() {
            // when
            Assessment a = Engine.assess(Patients.candidate().smokingStatus(null));

            // then
            assertThat(a.findingCodes()).doesNotContain("RISK-SMOKER");
        }
    }

    @Nested
    @DisplayName("RISK-2: obesity")
    class Obesity {

        @ParameterizedTest(name = "BMI {0} is obesity")
        @CsvSource({"30", "35.5", "39.9"})
        void aBmiFromThirtyToUnderFortyIsObesity(double bmi) {
            // when
            Assessment a = Engine.assess(Patients.candidate().bmi(bmi));

            // then
            Finding f = finding(a, "RISK-OBESITY");
            assertThat(f.criterion()).isEqualTo("RISK-2");
            assertThresholdEvidence(f, "bmi", bmi, ">=", 30, "obesityBmi");
            assertThresholdEvidence(f, "bmi", bmi, "<", 40, "severeObesityBmi");
            assertThat(f.action()).isEqualTo("Give weight and lifestyle advice before surgery");
            assertThat(a.findingCodes()).doesNotContain("RISK-OBESITY-SEVERE");
        }

        @Test
        void aBmiOf29Point9IsNotObesity() {
            // when
            Assessment a = Engine.assess(Patients.candidate().bmi(29.9));

            // then
            assertThat(a.findingCodes()).doesNotContain("RISK-OBESITY", "RISK-OBESITY-SEVERE");
        }

        @ParameterizedTest(name = "BMI {0} is severe obesity")
        @CsvSource({"40", "48.2"})
        void aBmiOfFortyOrMoreIsSevereObesity(double bmi) {
            // when
            Assessment a = Engine.assess(Patients.candidate().bmi(bmi));

            // then
            Finding f = finding(a, "RISK-OBESITY-SEVERE");
            assertThat(f.criterion()).isEqualTo("RISK-2");
            assertThresholdEvidence(f, "bmi", bmi, ">=", 40, "severeObesityBmi");
            assertThat(f.action()).startsWith("Give weight and lifestyle advice");
            assertThat(a.findingCodes()).doesNotContain("RISK-OBESITY");
        }

        @Test
        void aBmiOf39Point9IsNotSevereObesity() {
            // when
            Assessment a = Engine.assess(Patients.candidate().bmi(39.9));

            // then
            assertThat(a.findingCodes()).doesNotContain("RISK-OBESITY-SEVERE");
        }

        @Test
        void anUnknownBmiIsNotObesity() {
            // when
            Assessment a = Engine.assess(Patients.candidate().bmi(null));

            // then
            assertThat(a.findingCodes()).doesNotContain("RISK-OBESITY", "RISK-OBESITY-SEVERE");
        }
    }

    @Nested
    @DisplayName("RISK-5: older age")
    class Age {

        @ParameterizedTest(name = "age {0} is older age")
        @CsvSource({"65", "74"})
        void anAgeFromSixtyFiveToSeventyFourIsOlderAge(int age) {
            // when
            Assessment a = Engine.assess(Patients.candidate().age(age));

            // then
            Finding f = finding(a, "RISK-AGE");
            assertThat(f.criterion()).isEqualTo("RISK-5");
            assertThresholdEvidence(f, "age", age, ">=", 65, "olderAge");
            assertThresholdEvidence(f, "age", age, "<", 75, "elderlyAge");
            assertThat(a.findingCodes()).doesNotContain("RISK-AGE-ADVANCED");
        }

        @Test
        void sixtyFourIsNotOlderAge() {
            // when
            Assessment a = Engine.assess(Patients.candidate().age(64));

            // then
            assertThat(a.findingCodes()).doesNotContain("RISK-AGE", "RISK-AGE-ADVANCED");
        }

        @ParameterizedTest(name = "age {0} is advanced age")
        @CsvSource({"75", "88"})
        void seventyFiveOrMoreIsAdvancedAge(int age) {
            // when
            Assessment a = Engine.assess(Patients.candidate().age(age));

            // then
            Finding f = finding(a, "RISK-AGE-ADVANCED");
            assertThat(f.criterion()).isEqualTo("RISK-5");
            assertThresholdEvidence(f, "age", age, ">=", 75, "elderlyAge");
            assertThat(a.findingCodes()).doesNotContain("RISK-AGE");
        }

        @Test
        void seventyFourIsNotAdvancedAge() {
            // when
            Assessment a = Engine.assess(Patients.candidate().age(74));

            // then
            assertThat(a.findingCodes()).doesNotContain("RISK-AGE-ADVANCED");
        }

        @Test
        void anUnknownAgeIsNoAgeRisk() {
            // when
            Assessment a = Engine.assess(Patients.candidate().age(null));

            // then
            assertThat(a.findingCodes()).doesNotContain("RISK-AGE", "RISK-AGE-ADVANCED");
        }
    }

    @Nested
    @DisplayName("RISK-6: poorer general health")
    class GeneralHealth {

        @Test
        void comorbiditiesAreToBeOptimised() {
            // given
            var patient = Patients.candidate().comorbidities(Comorbidity.DIABETES, Comorbidity.LUNG_DISEASE);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "RISK-COMORBIDITY");
            assertThat(f.criterion()).isEqualTo("RISK-6");
            assertInputEvidence(f, "comorbidities", List.of("DIABETES", "LUNG_DISEASE"));
            assertThat(f.action()).isEqualTo("Optimise these conditions before surgery");
        }

        @Test
        void noComorbiditiesRaiseNoWarning() {
            // given comorbidities recorded as none
            // when
            Assessment a = Engine.assess(Patients.candidate().comorbidities(new Comorbidity[0]));

            // then
            assertThat(a.findingCodes()).doesNotContain("RISK-COMORBIDITY");
        }

        @Test
        void unknownComorbiditiesRaiseNoWarning() {
            // when
            Assessment a = Engine.assess(Patients.candidate().comorbidities((Comorbidity[]) null));

            // then
            assertThat(a.findingCodes()).doesNotContain("RISK-COMORBIDITY");
        }

        @Test
        void asaThreeIsPoorerGeneralHealth() {
            // when
            Assessment a = Engine.assess(Patients.candidate().asaClass(3));

            // then
            Finding f = finding(a, "RISK-ASA");
            assertThat(f.criterion()).isEqualTo("RISK-6");
            assertThresholdEvidence(f, "asaClass", 3, ">=", 3, "riskAsaClass");
            assertThat(f.action()).isEqualTo("Optimise general health before surgery");
        }

        @Test
        void asaTwoIsNotPoorerGeneralHealth() {
            // when
            Assessment a = Engine.assess(Patients.candidate().asaClass(2));

            // then
            assertThat(a.findingCodes()).doesNotContain("RISK-ASA");
        }

        @Test
        void anUnknownAsaClassIsNotPoorerGeneralHealth() {
            // when
            Assessment a = Engine.assess(Patients.candidate().asaClass(null));

            // then
            assertThat(a.findingCodes()).doesNotContain("RISK-ASA");
        }
    }

    @Nested
    @DisplayName("RISK-3, RISK-4, RISK-7, RISK-8, RISK-10: history flags")
    class Flags {

        @ParameterizedTest(name = "{1} = true raises {0} ({2})")
        @CsvSource({
                "RISK-CLOTTING,       CLOTTING_DISORDER_HISTORY,    RISK-3, Review venous thromboembolism prophylaxis",
                "RISK-BLOOD-THINNERS, ON_BLOOD_THINNERS,            RISK-4, Stop blood thinners before surgery as instructed by the surgeon",
                "RISK-ANAESTHESIA,    ANAESTHESIA_REACTION_HISTORY, RISK-7, Arrange an anaesthesia consultation",
                "RISK-REVISION,       PRIOR_SURGERY_SAME_LEVEL,     RISK-8, ",
                "RISK-EXPECTATIONS,   EXPECTS_COMPLETE_PAIN_RELIEF, RISK-10, 'Set realistic expectations: the goal is to relieve nerve pressure, improve function and reduce pain'"
        })
        void theFlagIsAWarningWithItsAction(String code, Input flag, String criterion, String action) {
            // when
            Assessment a = Engine.assess(Patients.candidate().set(flag, true));

            // then
            Finding f = finding(a, code);
            assertThat(f.criterion()).isEqualTo(criterion);
            assertThat(f.category()).isEqualTo(Category.PATIENT_RISK);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertInputEvidence(f, flag.jsonName(), true);
            assertThat(f.action()).isEqualTo(action);
        }

        @ParameterizedTest(name = "{1} = false raises no {0}")
        @CsvSource({
                "RISK-CLOTTING,       CLOTTING_DISORDER_HISTORY",
                "RISK-BLOOD-THINNERS, ON_BLOOD_THINNERS",
                "RISK-ANAESTHESIA,    ANAESTHESIA_REACTION_HISTORY",
                "RISK-REVISION,       PRIOR_SURGERY_SAME_LEVEL",
                "RISK-EXPECTATIONS,   EXPECTS_COMPLETE_PAIN_RELIEF"
        })
        void theFlagAnsweredNoRaisesNothing(String code, Input flag) {
            // when
            Assessment a = Engine.assess(Patients.candidate().set(flag, false));

            // then
            assertThat(a.findingCodes()).doesNotContain(code);
        }

        @ParameterizedTest(name = "{1} unknown raises no {0}")
        @CsvSource({
                "RISK-CLOTTING,       CLOTTING_DISORDER_HISTORY",
                "RISK-BLOOD-THINNERS, ON_BLOOD_THINNERS",
                "RISK-ANAESTHESIA,    ANAESTHESIA_REACTION_HISTORY",
                "RISK-REVISION,       PRIOR_SURGERY_SAME_LEVEL",
                "RISK-EXPECTATIONS,   EXPECTS_COMPLETE_PAIN_RELIEF"
        })
        void theFlagUnansweredRaisesNothing(String code, Input flag) {
            // when
            Assessment a = Engine.assess(Patients.candidate().set(flag, null));

            // then
            assertThat(a.findingCodes()).doesNotContain(code);
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
            assertThat(f.criterion()).isEqualTo("RISK-9");
            assertThresholdEvidence(f, "surgeonMissProcedures", 49, "<", 50, "minSurgeonMissProcedures");
            assertThat(f.action()).isEqualTo("Consider a surgeon with more minimally invasive experience");
            assertThat(a.findingCodes()).doesNotContain("RISK-SURGEON-VOLUME-UNKNOWN");
        }

        @Test
        void fiftyProceduresAreEnoughExperience() {
            // when
            Assessment a = Engine.assess(Patients.candidate().surgeonMissProcedures(50));

            // then
            assertThat(a.findingCodes()).doesNotContain("RISK-SURGEON-VOLUME", "RISK-SURGEON-VOLUME-UNKNOWN");
        }

        @Test
        void anUnknownExperienceIsNotReportedAsLowButAsUnknown() {
            // when
            Assessment a = Engine.assess(Patients.candidate().surgeonMissProcedures(null));

            // then
            assertThat(a.findingCodes()).doesNotContain("RISK-SURGEON-VOLUME");
            Finding f = finding(a, "RISK-SURGEON-VOLUME-UNKNOWN");
            assertThat(f.criterion()).isEqualTo("RISK-9");
            assertThat(f.category()).isEqualTo(Category.PATIENT_RISK);
            assertThat(f.evidence()).singleElement().satisfies(e -> {
                assertThat(e.input()).isEqualTo("surgeonMissProcedures");
                assertThat(e.value()).isNull();
            });
            assertThat(f.action())
                    .isEqualTo("Ask how many minimally invasive spine procedures the surgeon has performed");
        }

        @Test
        void aKnownExperienceIsNotUnknown() {
            // given even a surgeon with no minimally invasive procedures yet
            // when
            Assessment a = Engine.assess(Patients.candidate().surgeonMissProcedures(0));

            // then
            assertThat(a.findingCodes()).contains("RISK-SURGEON-VOLUME").doesNotContain("RISK-SURGEON-VOLUME-UNKNOWN");
        }
    }

    @Test
    void riskFactorsAccompanyTheVerdictButDoNotChangeIt() {
        // given a 78-year-old smoker with a BMI of 36, diabetes, a history of DVT, on blood thinners,
        // with a prior anaesthesia reaction, revision surgery, an inexperienced surgeon and
        // expectations of a pain-free back
        var patient = Patients.candidate()
                .age(78).smokingStatus(SmokingStatus.CURRENT).bmi(36.0).comorbidities(Comorbidity.DIABETES)
                .clottingDisorderHistory(true).onBloodThinners(true).anaesthesiaReactionHistory(true)
                .priorSurgerySameLevel(true).surgeonMissProcedures(10).expectsCompletePainRelief(true);

        // when
        Assessment a = Engine.assess(patient);

        // then
        assertThat(a.verdict()).isEqualTo(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        assertThat(a.findingCodes()).contains("RISK-AGE-ADVANCED", "RISK-SMOKER", "RISK-OBESITY", "RISK-COMORBIDITY",
                "RISK-CLOTTING", "RISK-BLOOD-THINNERS", "RISK-ANAESTHESIA", "RISK-REVISION", "RISK-SURGEON-VOLUME",
                "RISK-EXPECTATIONS");
        assertThat(a.decidedBy()).noneMatch(f -> f.category() == Category.PATIENT_RISK);
    }
}
