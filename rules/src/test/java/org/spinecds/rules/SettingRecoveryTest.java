package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinecds.rules.Findings.assertDefinitive;
import static org.spinecds.rules.Findings.assertInputEvidence;
import static org.spinecds.rules.Findings.assertThresholdEvidence;
import static org.spinecds.rules.Findings.completes;
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
import org.spinecds.patient.Input;
import org.spinecds.patient.Occupation;
import org.spinecds.patient.Patient;
import org.spinecds.patient.Procedure;
import org.spinecds.patient.Region;

/**
 * setting-recovery.drl: same-day surgery only for a minimally invasive candidate whose every same-day
 * input is known and passes (SET-1), a hospital stay for a known barrier while surgery is possible
 * (SET-2), otherwise the setting is undetermined (SET-U); recovery (REC-1 to REC-3) for a surgical
 * verdict.
 */
@DisplayName("Setting and recovery (SET-1, SET-2, SET-U, REC-1 to REC-3)")
class SettingRecoveryTest {

    private static final List<String> SET_AND_REC_CODES = List.of("SET-SAME-DAY", "SET-HOSPITAL-STAY",
            "SET-UNDETERMINED", "REC-RECOVERY-TIME", "REC-AFTERCARE", "REC-WARNING-SIGNS");

    private static List<String> settingCodes(Assessment a) {
        return a.findings().stream().filter(f -> f.category() == Category.SETTING).map(Finding::code).toList();
    }

    private static List<String> recoveryCodes(Assessment a) {
        return a.findings().stream().filter(f -> f.category() == Category.RECOVERY).map(Finding::code).toList();
    }

    /** The candidate with the procedure planned, in regions that include the procedure's own. */
    private static Patient.Builder planned(Procedure procedure) {
        var b = procedure == Procedure.LUMBAR_FUSION || procedure == Procedure.DEFORMITY_CORRECTION
                ? Patients.deformityCandidate() : Patients.candidate();
        if (procedure.region() != null && procedure.region() != Region.LUMBAR) {
            b.regions(procedure.region());
        }
        return b.plannedProcedure(procedure);
    }

    @Nested
    @DisplayName("SET-1: same-day surgery")
    class SameDay {

        @Test
        void aCandidateInGoodHealthWithAnAdultAtHomeMayGoHomeTheSameDay() {
            // when
            Assessment a = Engine.assess(Patients.candidate());

            // then
            Finding f = finding(a, "SET-SAME-DAY");
            assertThat(f.criterion()).isEqualTo("SET-1");
            assertThat(f.category()).isEqualTo(Category.SETTING);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertInputEvidence(f, "plannedProcedure", "LUMBAR_DISCECTOMY");
            assertThresholdEvidence(f, "asaClass", 1, "<=", 2, "outpatientMaxAsaClass");
            assertInputEvidence(f, "comorbidities", List.of());
            assertThresholdEvidence(f, "bmi", 26.4, "<", 42, "outpatientMaxBmi");
            assertInputEvidence(f, "adultCaregiverAtHome", true);
            assertThat(f.action()).isEqualTo("Discuss same-day discharge; an adult must drive the patient home");
            assertThat(settingCodes(a)).containsExactly("SET-SAME-DAY");
        }

        @ParameterizedTest(name = "{0} can be a same-day procedure")
        @EnumSource(value = Procedure.class, names = {"ACDF", "CERVICAL_DISC_REPLACEMENT", "LUMBAR_DISCECTOMY",
                "LUMBAR_FUSION", "POSTERIOR_CERVICAL_FORAMINOTOMY", "DECOMPRESSIVE_LAMINECTOMY"})
        void theSameDayProceduresQualify(Procedure procedure) {
            // given (the candidate's only region is lumbar, so a laminectomy is a lumbar laminectomy)
            Assessment a = Engine.assess(planned(procedure));

            // then
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            assertThat(settingCodes(a)).containsExactly("SET-SAME-DAY");
        }

        @Test
        void asaTwoAndABmiJustUnderFortyTwoStillAllowSameDaySurgery() {
            // when
            Assessment a = Engine.assess(Patients.candidate().asaClass(2).bmi(41.9));

            // then
            Finding f = finding(a, "SET-SAME-DAY");
            assertThresholdEvidence(f, "asaClass", 2, "<=", 2, "outpatientMaxAsaClass");
            assertThresholdEvidence(f, "bmi", 41.9, "<", 42, "outpatientMaxBmi");
            assertThat(settingCodes(a)).containsExactly("SET-SAME-DAY");
        }

        @Test
        void aPhysicallyDemandingJobDoesNotPreventSameDaySurgery() {
            // when
            Assessment a = Engine.assess(Patients.candidate().occupation(Occupation.PHYSICALLY_DEMANDING));

            // then
            assertThat(settingCodes(a)).containsExactly("SET-SAME-DAY");
        }

        @Test
        void sameDaySurgeryIsNotClaimedBeforeTheVerdictIsSettled() {
            // given every same-day input known and passing, but access to the target not assessed
            Assessment a = Engine.assess(Patients.candidate().targetAccessible(null));

            // then the patient may yet be an open-surgery case: the setting cannot be judged
            assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
            assertThat(settingCodes(a)).containsExactly("SET-UNDETERMINED");
            assertThat(finding(a, "SET-UNDETERMINED").detail()).endsWith("; the verdict is not settled yet.");
        }
    }

    @Nested
    @DisplayName("SET-2: plan for a hospital stay")
    class HospitalStay {

        @Test
        void asaThreeMeansAHospitalStay() {
            // when
            Assessment a = Engine.assess(Patients.candidate().asaClass(3));

            // then
            Finding f = finding(a, "SET-HOSPITAL-STAY");
            assertThat(f.criterion()).isEqualTo("SET-2");
            assertThat(f.category()).isEqualTo(Category.SETTING);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThresholdEvidence(f, "asaClass", 3, ">", 2, "outpatientMaxAsaClass");
            assertThat(f.detail()).isEqualTo("Same-day surgery is not possible: ASA class 3 is above 2.");
            assertThat(f.action()).isEqualTo("Plan a hospital stay of one or more nights");
            assertThat(settingCodes(a)).containsExactly("SET-HOSPITAL-STAY");
        }

        @Test
        void aBmiOfFortyTwoMeansAHospitalStay() {
            // when
            Assessment a = Engine.assess(Patients.candidate().bmi(42.0));

            // then
            assertThresholdEvidence(finding(a, "SET-HOSPITAL-STAY"), "bmi", 42, ">=", 42, "outpatientMaxBmi");
            assertThat(settingCodes(a)).containsExactly("SET-HOSPITAL-STAY");
        }

        @Test
        void aMajorComorbidityMeansAHospitalStay() {
            // when
            Assessment a = Engine.assess(Patients.candidate().comorbidities(Comorbidity.KIDNEY_DISEASE));

            // then
            assertInputEvidence(finding(a, "SET-HOSPITAL-STAY"), "comorbidities", List.of("KIDNEY_DISEASE"));
            assertThat(settingCodes(a)).containsExactly("SET-HOSPITAL-STAY");
        }

        @Test
        void noAdultAtHomeMeansAHospitalStay() {
            // when
            Assessment a = Engine.assess(Patients.candidate().adultCaregiverAtHome(false));

            // then
            Finding f = finding(a, "SET-HOSPITAL-STAY");
            assertInputEvidence(f, "adultCaregiverAtHome", false);
            assertThat(f.detail()).contains("no adult to drive the patient home and help at home");
            assertThat(settingCodes(a)).containsExactly("SET-HOSPITAL-STAY");
        }

        @ParameterizedTest(name = "{0} is not a same-day procedure")
        @EnumSource(value = Procedure.class,
                names = {"CERVICAL_DISCECTOMY", "THORACIC_DISCECTOMY", "DEFORMITY_CORRECTION", "OTHER"})
        void aProcedureOutsideTheSameDayListMeansAHospitalStay(Procedure procedure) {
            // when
            Assessment a = Engine.assess(planned(procedure));

            // then
            Finding f = finding(a, "SET-HOSPITAL-STAY");
            assertInputEvidence(f, "plannedProcedure", procedure.name());
            assertThat(f.detail()).contains("the planned " + procedure + " is not among the same-day procedures");
            assertThat(settingCodes(a)).containsExactly("SET-HOSPITAL-STAY");
        }

        @Test
        void aCervicalLaminectomyIsNotASameDayProcedure() {
            // when
            Assessment a = Engine.assess(Patients.candidate().regions(Region.CERVICAL, Region.LUMBAR)
                    .plannedProcedure(Procedure.DECOMPRESSIVE_LAMINECTOMY));

            // then
            assertThat(settingCodes(a)).containsExactly("SET-HOSPITAL-STAY");
        }

        @Test
        void everyBarrierIsGivenAsAReason() {
            // when
            Assessment a = Engine.assess(Patients.candidate().asaClass(3).comorbidities(Comorbidity.DIABETES)
                    .adultCaregiverAtHome(false));

            // then
            Finding f = finding(a, "SET-HOSPITAL-STAY");
            assertThat(f.detail()).contains("ASA class 3 is above 2", "major comorbidities [DIABETES]",
                    "no adult to drive the patient home");
            assertThat(f.evidence()).extracting(e -> e.input())
                    .containsExactlyInAnyOrder("asaClass", "comorbidities", "adultCaregiverAtHome");
        }

        @Test
        void aKnownBarrierDecidesWhileOtherSettingInputsAreUnknown() {
            // when
            Assessment a = Engine.assess(Patients.candidate().adultCaregiverAtHome(false).bmi(null)
                    .comorbidities((Comorbidity[]) null));

            // then the unknown inputs only complete the risk picture
            assertThat(settingCodes(a)).containsExactly("SET-HOSPITAL-STAY");
            assertThat(a.inputsToComplete()).containsExactly(completes("bmi", "RISK-2"),
                    completes("comorbidities", "RISK-6"));
        }

        @Test
        void openSurgeryMeansAHospitalStay() {
            // given three motion segments (open surgery preferred), the BMI not recorded
            Assessment a = Engine.assess(Patients.candidate().levels(3).bmi(null));

            // then
            Finding f = finding(a, "SET-HOSPITAL-STAY");
            assertThat(f.detail()).contains("open surgery is preferred");
            assertThat(settingCodes(a)).containsExactly("SET-HOSPITAL-STAY");
            assertThat(a.inputsToComplete()).containsExactly(completes("bmi", "RISK-2"));
        }

        @Test
        void aKnownBarrierIsReportedWhileTheVerdictIsUnsettled() {
            // given ASA 3, access not assessed: surgery is possible, and if it goes ahead it is not same-day
            Assessment a = Engine.assess(Patients.candidate().asaClass(3).targetAccessible(null));

            // then
            assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
            assertThat(settingCodes(a)).containsExactly("SET-HOSPITAL-STAY");
            assertThat(finding(a, "SET-HOSPITAL-STAY").summary()).startsWith("If surgery goes ahead");
        }
    }

    @Nested
    @DisplayName("SET-U: the setting cannot be judged yet")
    class Undetermined {

        @ParameterizedTest(name = "{0} unknown leaves the setting undetermined")
        @EnumSource(value = Input.class, names = {"COMORBIDITIES", "BMI", "ADULT_CAREGIVER_AT_HOME"})
        void anUnknownSettingInputLeavesTheSettingUndetermined(Input input) {
            // when
            Assessment a = Engine.assess(Patients.candidate().set(input, null));

            // then same-day surgery is not claimed, nor a hospital stay
            Finding f = finding(a, "SET-UNDETERMINED");
            assertThat(f.criterion()).isEqualTo("SET-U");
            assertThat(f.category()).isEqualTo(Category.SETTING);
            assertThat(f.detail()).endsWith(": unknown " + input.jsonName() + ".");
            assertThat(f.action()).isEqualTo("Settle the verdict; record the planned procedure, ASA class, "
                    + "comorbidities, BMI and whether an adult can help at home");
            assertThat(settingCodes(a)).containsExactly("SET-UNDETERMINED");
            assertThat(a.inputsToComplete()).extracting(m -> m.input()).containsExactly(input.jsonName());
            assertThat(a.inputsToComplete().get(0).criteria()).contains("SET-1");
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void anUnknownProcedureLeavesTheSettingUndetermined() {
            // given a deformity within the limits, the procedure not planned yet
            Assessment a = Engine.assess(Patients.deformityCandidate().plannedProcedure(null));

            // then
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            assertThat(settingCodes(a)).containsExactly("SET-UNDETERMINED");
            assertThat(a.inputsToComplete()).containsExactly(completes("plannedProcedure", "SET-1"));
        }

        @Test
        void anUnknownAsaClassLeavesTheSettingUndetermined() {
            // when
            Assessment a = Engine.assess(Patients.candidate().asaClass(null));

            // then (the ASA class settles the scope first)
            assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
            assertThat(settingCodes(a)).containsExactly("SET-UNDETERMINED");
            assertThat(a.missingInputs()).containsExactly("asaClass");
        }

        @Test
        void aLaminectomyInAnUnknownRegionLeavesTheSettingUndetermined() {
            // when
            Assessment a = Engine.assess(Patients.candidate().plannedProcedure(Procedure.DECOMPRESSIVE_LAMINECTOMY)
                    .regions((Region[]) null));

            // then only a lumbar laminectomy is a same-day procedure
            assertThat(settingCodes(a)).containsExactly("SET-UNDETERMINED");
            assertThat(a.inputsToComplete()).containsExactly(completes("regions", "SET-1"));
        }
    }

    @Nested
    @DisplayName("REC-1 to REC-3: recovery, for a surgical verdict")
    class Recovery {

        @Test
        void aDeskWorkerIsToldDeskWorkReturnsSooner() {
            // when
            Assessment a = Engine.assess(Patients.candidate());

            // then
            Finding f = finding(a, "REC-RECOVERY-TIME");
            assertThat(f.criterion()).isEqualTo("REC-1");
            assertThat(f.category()).isEqualTo(Category.RECOVERY);
            assertThat(f.summary()).isEqualTo("Expected recovery: three weeks to three months");
            assertThat(f.detail()).endsWith("Desk-based work, as this patient's, usually returns sooner than physical work.");
            assertInputEvidence(f, "occupation", "DESK_BASED");
        }

        @Test
        void aManualWorkerIsToldPhysicalWorkReturnsLater() {
            // when
            Assessment a = Engine.assess(Patients.candidate().occupation(Occupation.PHYSICALLY_DEMANDING));

            // then
            assertThat(finding(a, "REC-RECOVERY-TIME").detail())
                    .endsWith("Physically demanding work, as this patient's, returns later than desk-based work.");
        }

        @Test
        void anUnknownOccupationGetsTheGeneralAdviceAndIsAskedFor() {
            // when
            Assessment a = Engine.assess(Patients.candidate().occupation(null));

            // then
            assertThat(finding(a, "REC-RECOVERY-TIME").detail())
                    .endsWith("Desk-based work returns sooner than physically demanding work.");
            assertThat(a.inputsToComplete()).containsExactly(completes("occupation", "REC-1"));
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void aCandidateIsToldHowToLookAfterThemselvesAndTheWarningSigns() {
            // when
            Assessment a = Engine.assess(Patients.candidate());

            // then
            Finding aftercare = finding(a, "REC-AFTERCARE");
            assertThat(aftercare.criterion()).isEqualTo("REC-2");
            assertThat(aftercare.detail()).contains("heavy lifting", "walking", "physical therapy", "incision",
                    "follow-up");
            Finding signs = finding(a, "REC-WARNING-SIGNS");
            assertThat(signs.criterion()).isEqualTo("REC-3");
            assertThat(signs.detail()).contains("severe headache", "trouble breathing", "fluid increasing at the "
                    + "incision", "bladder or bowel", "fever", "calf swelling", "neck swelling or trouble swallowing");
            assertThat(signs.action()).isEqualTo("Tell the patient to seek care at once for these signs");
            assertThat(recoveryCodes(a)).containsExactly("REC-RECOVERY-TIME", "REC-AFTERCARE", "REC-WARNING-SIGNS");
        }

        @Test
        void openSurgeryIsNeverOfferedSameDayAndItsRecoveryIsSaidToBeLonger() {
            // when
            Assessment a = Engine.assess(Patients.candidate().existingFusionMass(true));

            // then
            assertDefinitive(a, Verdict.OPEN_SURGERY_PREFERRED);
            assertThat(settingCodes(a)).containsExactly("SET-HOSPITAL-STAY");
            assertThat(finding(a, "REC-RECOVERY-TIME").summary())
                    .isEqualTo("Expected recovery: longer than the three weeks to three months of minimally invasive surgery");
            assertThat(recoveryCodes(a)).containsExactly("REC-RECOVERY-TIME", "REC-AFTERCARE", "REC-WARNING-SIGNS");
        }

        @Test
        void noRecoveryAdviceBeforeTheVerdictIsSettled() {
            // when
            Assessment a = Engine.assess(Patients.candidate().levels(null).occupation(null));

            // then
            assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
            assertThat(recoveryCodes(a)).isEmpty();
            assertThat(a.inputsToComplete()).extracting(m -> m.input()).doesNotContain("occupation");
        }
    }

    @Nested
    @DisplayName("Only while surgery is possible")
    class OnlyWhileSurgeryIsPossible {

        static Stream<Arguments> nonSurgicalVerdicts() {
            return Stream.of(
                    Arguments.of(Verdict.URGENT_EVALUATION, Patients.candidate().saddleAnaesthesia(true)),
                    Arguments.of(Verdict.OUTSIDE_SCOPE, Patients.candidate().age(16)),
                    Arguments.of(Verdict.SURGERY_NOT_INDICATED, Patients.candidate().symptomsPersist(false)),
                    Arguments.of(Verdict.CONSERVATIVE_CARE_FIRST, Patients.candidate().conservativeCareWeeks(3)),
                    Arguments.of(Verdict.FURTHER_EVALUATION, Patients.candidate().physicalExamDone(false)));
        }

        @ParameterizedTest(name = "{0}: no setting or recovery")
        @MethodSource("nonSurgicalVerdicts")
        void aNonSurgicalVerdictGetsNoSettingOrRecovery(Verdict verdict, Patient.Builder patient) {
            // when
            Assessment a = Engine.assess(patient);

            // then
            assertDefinitive(a, verdict);
            assertThat(a.findingCodes()).doesNotContainAnyElementsOf(SET_AND_REC_CODES);
        }

        @Test
        void aNonSurgicalVerdictDoesNotAskForTheSettingInputs() {
            // given conservative care first, with the BMI and the caregiver unknown
            Assessment a = Engine.assess(Patients.candidate().conservativeCareWeeks(3).bmi(null)
                    .adultCaregiverAtHome(null).occupation(null));

            // then the BMI completes the risk picture only; the caregiver and occupation are not asked for
            assertThat(a.inputsToComplete()).containsExactly(completes("bmi", "RISK-2"));
        }
    }

    @Nested
    @DisplayName("Lists known member by member (not known complete)")
    class ListsKnownMemberByMember {

        @Test
        void aComorbidityKnownPresentIsASameDayBarrier() {
            // given kidney disease confirmed, the other comorbidities unknown
            Assessment a = Engine.assess(Patients.candidate()
                    .members(Input.COMORBIDITIES, List.of(Comorbidity.KIDNEY_DISEASE), null));

            // then
            Finding f = finding(a, "SET-HOSPITAL-STAY");
            assertThat(f.detail()).contains("major comorbidities [KIDNEY_DISEASE] (those known present; the list is "
                    + "not known complete)");
            assertThat(Findings.evidence(f, "comorbidities", "contains-any").value()).isEqualTo(List.of("KIDNEY_DISEASE"));
            assertThat(settingCodes(a)).containsExactly("SET-HOSPITAL-STAY");
            assertThat(a.inputsToComplete()).isEmpty();
        }

        @Test
        void comorbiditiesKnownAbsentOnlyLeaveTheSettingOpen() {
            // when
            Assessment a = Engine.assess(Patients.candidate()
                    .members(Input.COMORBIDITIES, null, List.of(Comorbidity.KIDNEY_DISEASE, Comorbidity.DIABETES)));

            // then no same-day claim while a comorbidity may be present
            assertThat(settingCodes(a)).containsExactly("SET-UNDETERMINED");
            assertThat(finding(a, "SET-UNDETERMINED").detail()).contains("unknown comorbidities");
        }

        @Test
        void aLaminectomyWithACervicalRegionKnownPresentIsNotASameDayProcedure() {
            // given cervical and lumbar confirmed among the regions; thoracic unknown
            Assessment a = Engine.assess(Patients.candidate().regions((Region[]) null)
                    .members(Input.REGIONS, List.of(Region.CERVICAL, Region.LUMBAR), null)
                    .plannedProcedure(Procedure.DECOMPRESSIVE_LAMINECTOMY));

            // then
            assertThat(settingCodes(a)).containsExactly("SET-HOSPITAL-STAY");
            assertThat(a.findingCodes()).contains("PROC-CERVICAL", "PROC-LUMBAR").doesNotContain("PROC-THORACIC");
        }

        @Test
        void aLaminectomyWithOnlyLumbarKnownPresentWaitsForTheRegions() {
            // when
            Assessment a = Engine.assess(Patients.candidate().regions((Region[]) null)
                    .members(Input.REGIONS, List.of(Region.LUMBAR), List.of(Region.CERVICAL))
                    .plannedProcedure(Procedure.DECOMPRESSIVE_LAMINECTOMY));

            // then
            assertThat(settingCodes(a)).containsExactly("SET-UNDETERMINED");
            assertThat(a.inputsToComplete()).contains(completes("regions", "SET-1"));
        }
    }
}
