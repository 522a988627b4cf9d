package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinecds.rules.Findings.assertInputEvidence;
import static org.spinecds.rules.Findings.assertThresholdEvidence;
import static org.spinecds.rules.Findings.finding;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.spinecds.Assessment;
import org.spinecds.Category;
import org.spinecds.Finding;
import org.spinecds.Severity;
import org.spinecds.Verdict;
import org.spinecds.patient.Comorbidity;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Input;
import org.spinecds.patient.Occupation;
import org.spinecds.patient.Patient;
import org.spinecds.patient.Procedure;
import org.spinecds.patient.Region;
import org.spinecds.patient.Symptom;

/**
 * setting-recovery.drl: same-day surgery or a hospital stay (SET-1, SET-2) and recovery (REC-1 to
 * REC-3), for a candidate for surgery only.
 */
@DisplayName("Setting and recovery (SET-1, SET-2, REC-1 to REC-3)")
class SettingRecoveryTest {

    private static final List<String> SET_AND_REC_CODES = List.of("SET-SAME-DAY", "SET-HOSPITAL-STAY",
            "SET-UNDETERMINED", "REC-RECOVERY-TIME", "REC-AFTERCARE", "REC-WARNING-SIGNS");

    @Nested
    @DisplayName("SET-1: same-day surgery")
    class SameDay {

        @Test
        void aHealthyPatientWithAnAdultAtHomeMayGoHomeTheSameDay() {
            // given the candidate: lumbar discectomy, ASA 2, no comorbidity, BMI 26, an adult at home
            // when
            Assessment a = Engine.assess(Patients.candidate());

            // then
            Finding f = finding(a, "SET-SAME-DAY");
            assertThat(f.criterion()).isEqualTo("SET-1");
            assertThat(f.category()).isEqualTo(Category.SETTING);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertInputEvidence(f, "plannedProcedure", "LUMBAR_DISCECTOMY");
            assertThresholdEvidence(f, "asaClass", 2, "<=", 2, "outpatientMaxAsaClass");
            assertInputEvidence(f, "comorbidities", List.of());
            assertThresholdEvidence(f, "bmi", 26, "<", 42, "outpatientMaxBmi");
            assertInputEvidence(f, "adultCaregiverAtHome", true);
            assertThat(f.action()).contains("an adult must drive the patient home");
            assertThat(a.findingCodes()).doesNotContain("SET-HOSPITAL-STAY", "SET-UNDETERMINED");
        }

        @ParameterizedTest(name = "{0} can be a same-day procedure")
        @EnumSource(value = Procedure.class, names = {"ACDF", "CERVICAL_DISC_REPLACEMENT", "LUMBAR_DISCECTOMY",
                "LUMBAR_FUSION", "POSTERIOR_CERVICAL_FORAMINOTOMY", "DECOMPRESSIVE_LAMINECTOMY"})
        void theSameDayProceduresQualify(Procedure procedure) {
            // given (the candidate's region is lumbar, so a laminectomy is a lumbar laminectomy)
            var patient = Patients.candidate().plannedProcedure(procedure);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).contains("SET-SAME-DAY").doesNotContain("SET-HOSPITAL-STAY");
        }

        @Test
        void aBmiJustUnderFortyTwoStillAllowsSameDaySurgery() {
            // when
            Assessment a = Engine.assess(Patients.candidate().bmi(41.9));

            // then
            assertThresholdEvidence(finding(a, "SET-SAME-DAY"), "bmi", 41.9, "<", 42, "outpatientMaxBmi");
            assertThat(a.findingCodes()).doesNotContain("SET-HOSPITAL-STAY");
        }

        @Test
        void aPhysicallyDemandingJobDoesNotPreventSameDaySurgery() {
            // when
            Assessment a = Engine.assess(Patients.candidate().occupation(Occupation.PHYSICALLY_DEMANDING));

            // then
            assertThat(a.findingCodes()).contains("SET-SAME-DAY");
        }
    }

    @Nested
    @DisplayName("SET-2: plan for a hospital stay")
    class HospitalStay {

        @Test
        void asaThreeMeansAHospitalStay() {
            // given ASA 3, one class above the same-day limit
            // when
            Assessment a = Engine.assess(Patients.candidate().asaClass(3));

            // then
            Finding f = finding(a, "SET-HOSPITAL-STAY");
            assertThat(f.criterion()).isEqualTo("SET-2");
            assertThat(f.category()).isEqualTo(Category.SETTING);
            assertThresholdEvidence(f, "asaClass", 3, ">", 2, "outpatientMaxAsaClass");
            assertThat(f.detail()).contains("ASA class 3 is above 2");
            assertThat(f.action()).isEqualTo("Plan a hospital stay of one or more nights");
            assertThat(a.findingCodes()).doesNotContain("SET-SAME-DAY", "SET-UNDETERMINED");
        }

        @Test
        void aBmiOfFortyTwoMeansAHospitalStay() {
            // when
            Assessment a = Engine.assess(Patients.candidate().bmi(42.0));

            // then
            Finding f = finding(a, "SET-HOSPITAL-STAY");
            assertThresholdEvidence(f, "bmi", 42, ">=", 42, "outpatientMaxBmi");
            assertThat(a.findingCodes()).doesNotContain("SET-SAME-DAY");
        }

        @Test
        void aMajorComorbidityMeansAHospitalStay() {
            // when
            Assessment a = Engine.assess(Patients.candidate().comorbidities(Comorbidity.HEART_DISEASE));

            // then
            Finding f = finding(a, "SET-HOSPITAL-STAY");
            assertInputEvidence(f, "comorbidities", List.of("HEART_DISEASE"));
            assertThat(a.findingCodes()).doesNotContain("SET-SAME-DAY");
        }

        @Test
        void noAdultAtHomeMeansAHospitalStay() {
            // when
            Assessment a = Engine.assess(Patients.candidate().adultCaregiverAtHome(false));

            // then
            Finding f = finding(a, "SET-HOSPITAL-STAY");
            assertInputEvidence(f, "adultCaregiverAtHome", false);
            assertThat(f.detail()).contains("no adult to drive the patient home");
            assertThat(a.findingCodes()).doesNotContain("SET-SAME-DAY");
        }

        @ParameterizedTest(name = "a planned {0} is not a same-day procedure")
        @EnumSource(value = Procedure.class, names = {"CERVICAL_DISCECTOMY", "DEFORMITY_CORRECTION"})
        void aProcedureOutsideTheSameDayListMeansAHospitalStay(Procedure procedure) {
            // when
            Assessment a = Engine.assess(Patients.candidate().plannedProcedure(procedure));

            // then
            Finding f = finding(a, "SET-HOSPITAL-STAY");
            assertInputEvidence(f, "plannedProcedure", procedure.name());
            assertThat(a.findingCodes()).doesNotContain("SET-SAME-DAY");
        }

        @Test
        void aCervicalLaminectomyIsNotASameDayProcedure() {
            // given a decompressive laminectomy in the neck (only the lumbar one is on the same-day list)
            var patient = Patients.candidate().plannedProcedure(Procedure.DECOMPRESSIVE_LAMINECTOMY)
                    .regions(Region.CERVICAL).diagnoses(Diagnosis.SPINAL_STENOSIS)
                    .symptoms(Symptom.NECK_PAIN, Symptom.ARM_PAIN);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.verdict()).isEqualTo(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            assertInputEvidence(finding(a, "SET-HOSPITAL-STAY"), "plannedProcedure", "DECOMPRESSIVE_LAMINECTOMY");
            assertThat(a.findingCodes()).doesNotContain("SET-SAME-DAY");
        }

        @Test
        void everyBarrierIsGivenAsAReason() {
            // given ASA 3, diabetes and nobody at home
            var patient = Patients.candidate().asaClass(3).comorbidities(Comorbidity.DIABETES)
                    .adultCaregiverAtHome(false);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "SET-HOSPITAL-STAY");
            assertThat(f.evidence()).extracting(e -> e.input())
                    .containsExactlyInAnyOrder("asaClass", "comorbidities", "adultCaregiverAtHome");
            assertThat(f.detail()).contains("ASA class 3", "DIABETES", "no adult");
        }

        @Test
        void aKnownBarrierDecidesEvenWhenOtherInputsAreUnknown() {
            // given no adult at home, BMI and procedure not recorded
            var patient = Patients.candidate().adultCaregiverAtHome(false).bmi(null).plannedProcedure(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).contains("SET-HOSPITAL-STAY").doesNotContain("SET-SAME-DAY", "SET-UNDETERMINED");
        }
    }

    @Nested
    @DisplayName("SET-1 undetermined: an input for the setting is unknown")
    class Undetermined {

        @ParameterizedTest(name = "{0} unknown: setting undetermined")
        @EnumSource(value = Input.class, names = {"PLANNED_PROCEDURE", "COMORBIDITIES", "BMI", "ADULT_CAREGIVER_AT_HOME"})
        void anUnknownSettingInputLeavesTheSettingUndetermined(Input input) {
            // given the candidate with one input of SET-1 unknown and no barrier
            var patient = Patients.candidate().set(input, null);

            // when
            Assessment a = Engine.assess(patient);

            // then it is neither same-day nor a hospital stay
            assertThat(a.verdict()).isEqualTo(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            Finding f = finding(a, "SET-UNDETERMINED");
            assertThat(f.criterion()).isEqualTo("SET-1");
            assertThat(f.category()).isEqualTo(Category.SETTING);
            assertThat(f.detail()).contains("unknown " + input.jsonName());
            assertThat(f.action()).startsWith("Record the planned procedure");
            assertThat(a.findingCodes()).doesNotContain("SET-SAME-DAY", "SET-HOSPITAL-STAY");
        }

        @Test
        void openSurgeryPlansAHospitalStayEvenWithAnUnknownAsaClass() {
            // given a fusion mass (open surgery preferred) and no ASA class recorded
            var patient = Patients.candidate().existingFusionMass(true).asaClass(null);

            // when
            Assessment a = Engine.assess(patient);

            // then same-day surgery is described for minimally invasive procedures only
            assertThat(a.verdict()).isEqualTo(Verdict.OPEN_SURGERY_PREFERRED);
            assertThat(finding(a, "SET-HOSPITAL-STAY").detail()).contains("open surgery is preferred");
            assertThat(a.findingCodes()).doesNotContain("SET-SAME-DAY", "SET-UNDETERMINED");
        }

        @Test
        void aLaminectomyInAnUnknownRegionLeavesTheSettingUndetermined() {
            // given
            var patient = Patients.candidate().plannedProcedure(Procedure.DECOMPRESSIVE_LAMINECTOMY)
                    .regions((Region[]) null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(finding(a, "SET-UNDETERMINED").detail()).contains("unknown regions");
            assertThat(a.findingCodes()).doesNotContain("SET-SAME-DAY", "SET-HOSPITAL-STAY");
        }

        @Test
        void aFullyRecordedSettingIsNotUndetermined() {
            // when
            Assessment a = Engine.assess(Patients.candidate());

            // then
            assertThat(a.findingCodes()).doesNotContain("SET-UNDETERMINED");
        }
    }

    @Nested
    @DisplayName("REC-1 to REC-3: recovery")
    class Recovery {

        @Test
        void aDeskWorkerIsToldDeskWorkReturnsSooner() {
            // when
            Assessment a = Engine.assess(Patients.candidate().occupation(Occupation.DESK_BASED));

            // then
            Finding f = finding(a, "REC-RECOVERY-TIME");
            assertThat(f.criterion()).isEqualTo("REC-1");
            assertThat(f.category()).isEqualTo(Category.RECOVERY);
            assertThat(f.summary()).contains("three weeks to three months");
            assertThat(f.detail()).contains("Desk-based work, as this patient's, usually returns sooner");
            assertInputEvidence(f, "occupation", "DESK_BASED");
        }

        @Test
        void aManualWorkerIsToldPhysicalWorkReturnsLater() {
            // when
            Assessment a = Engine.assess(Patients.candidate().occupation(Occupation.PHYSICALLY_DEMANDING));

            // then
            Finding f = finding(a, "REC-RECOVERY-TIME");
            assertThat(f.detail()).contains("Physically demanding work, as this patient's, returns later");
            assertInputEvidence(f, "occupation", "PHYSICALLY_DEMANDING");
        }

        @Test
        void anUnknownOccupationGetsTheGeneralAdvice() {
            // when
            Assessment a = Engine.assess(Patients.candidate().occupation(null));

            // then the recovery time is still given, without assuming an occupation
            Finding f = finding(a, "REC-RECOVERY-TIME");
            assertThat(f.detail()).contains("Desk-based work returns sooner than physically demanding work")
                    .doesNotContain("this patient's");
        }

        @Test
        void aCandidateIsToldHowToLookAfterThemselvesAfterSurgery() {
            // when
            Assessment a = Engine.assess(Patients.candidate());

            // then
            Finding f = finding(a, "REC-AFTERCARE");
            assertThat(f.criterion()).isEqualTo("REC-2");
            assertThat(f.category()).isEqualTo(Category.RECOVERY);
            assertThat(f.detail()).contains("heavy lifting", "walking", "physical therapy", "incision", "follow-up");
        }

        @Test
        void aCandidateIsToldTheWarningSignsAfterSurgery() {
            // when
            Assessment a = Engine.assess(Patients.candidate());

            // then
            Finding f = finding(a, "REC-WARNING-SIGNS");
            assertThat(f.criterion()).isEqualTo("REC-3");
            assertThat(f.category()).isEqualTo(Category.RECOVERY);
            assertThat(f.summary()).contains("severe headache", "trouble breathing", "fluid increasing at the incision");
            assertThat(f.action()).isEqualTo("Tell the patient to seek care at once for these signs");
        }
    }

    @Nested
    @DisplayName("Only for a candidate for surgery")
    class OnlyForSurgicalCandidates {

        static Stream<Arguments> surgicalCandidates() {
            return Stream.of(
                    Arguments.of(Verdict.MINIMALLY_INVASIVE_CANDIDATE, Patients.candidate()),
                    Arguments.of(Verdict.OPEN_SURGERY_PREFERRED, Patients.candidate().levels(3)));
        }

        static Stream<Arguments> otherVerdicts() {
            return Stream.of(
                    Arguments.of(Verdict.URGENT_EVALUATION, Patients.candidate().saddleAnaesthesia(true)),
                    Arguments.of(Verdict.SURGERY_NOT_INDICATED, Patients.candidate().symptoms(Symptom.BACK_PAIN)),
                    Arguments.of(Verdict.CONSERVATIVE_CARE_FIRST, Patients.candidate().conservativeCareWeeks(3)),
                    Arguments.of(Verdict.INSUFFICIENT_INFORMATION, Patients.candidate().imagingConcordant(null)),
                    Arguments.of(Verdict.INSUFFICIENT_INFORMATION, Patient.builder()));
        }

        @ParameterizedTest(name = "{0}: setting and recovery are given")
        @MethodSource("surgicalCandidates")
        void aCandidateForSurgeryGetsSettingAndRecovery(Verdict verdict, Patient.Builder patient) {
            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.verdict()).isEqualTo(verdict);
            assertThat(a.findingCodes()).contains("REC-RECOVERY-TIME", "REC-AFTERCARE", "REC-WARNING-SIGNS");
            assertThat(a.findings()).filteredOn(f -> f.category() == Category.SETTING).hasSize(1);
        }

        @ParameterizedTest(name = "{0}: no setting or recovery")
        @MethodSource("otherVerdicts")
        void anyOtherVerdictGetsNoSettingOrRecovery(Verdict verdict, Patient.Builder patient) {
            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.verdict()).isEqualTo(verdict);
            assertThat(a.findingCodes()).doesNotContainAnyElementsOf(SET_AND_REC_CODES);
            assertThat(a.findings()).noneMatch(f -> f.category() == Category.SETTING || f.category() == Category.RECOVERY);
        }

        @Test
        void settingAndRecoveryAreWithdrawnWhenAHigherVerdictTakesOver() {
            // given an open-surgery patient who also has a red flag
            var patient = Patients.candidate().levels(3).bladderBowelDysfunction(true);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.verdict()).isEqualTo(Verdict.URGENT_EVALUATION);
            assertThat(a.findingCodes()).doesNotContainAnyElementsOf(SET_AND_REC_CODES);
        }
    }

    @Test
    void openSurgeryIsNeverOfferedSameDayAndItsRecoveryIsSaidToBeLonger() {
        // given a patient who meets every same-day condition but needs three levels treated
        var patient = Patients.candidate().levels(3);

        // when
        Assessment a = Engine.assess(patient);

        // then
        assertThat(a.verdict()).isEqualTo(Verdict.OPEN_SURGERY_PREFERRED);
        assertThat(a.findingCodes()).contains("SET-HOSPITAL-STAY").doesNotContain("SET-SAME-DAY");
        assertThat(finding(a, "REC-RECOVERY-TIME").detail()).contains("open surgery, preferred here, usually takes longer");
    }
}
