package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinecds.rules.Findings.assertDefinitive;
import static org.spinecds.rules.Findings.assertInputEvidence;
import static org.spinecds.rules.Findings.assertInsufficient;
import static org.spinecds.rules.Findings.assertThresholdEvidence;
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
import org.junit.jupiter.params.provider.ValueSource;
import org.spinecds.Assessment;
import org.spinecds.Category;
import org.spinecds.CriterionStatus;
import org.spinecds.Finding;
import org.spinecds.Severity;
import org.spinecds.Verdict;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Input;
import org.spinecds.patient.Procedure;

/**
 * open-surgery.drl: OPEN-1 to OPEN-6 and OPEN-8 make open surgery preferred; each is present, ruled
 * out, or unsettled (and then the open-surgery screen, CAND-8, is incomplete). OPEN-7 and the MISDEF
 * class II and two-level warnings are warnings only.
 */
@DisplayName("Open surgery preferred (OPEN-1 to OPEN-8)")
class OpenSurgeryTest {

    private static final List<String> OPEN_CODES = List.of("OPEN-SVA", "OPEN-PELVIC-TILT", "OPEN-PI-LL",
            "OPEN-KYPHOSIS", "OPEN-RIGID-DEFORMITY", "OPEN-COMPLEX-ANATOMY", "OPEN-FUSION-MASS",
            "OPEN-SEVERE-CONDITION", "OPEN-DIFFICULT-VISUALISATION", "OPEN-MULTILEVEL", "OPEN-NOT-ACCESSIBLE",
            "OPEN-HIGH-GRADE-SLIP");

    private static List<String> openCodes(Assessment a) {
        return a.findings().stream().filter(f -> f.category() == Category.OPEN_SURGERY).map(Finding::code).toList();
    }

    private static void assertOpenFinding(Finding f, String criterion) {
        assertThat(f.criterion()).isEqualTo(criterion);
        assertThat(f.category()).isEqualTo(Category.OPEN_SURGERY);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(OPEN_CODES).contains(f.code());
    }

    @Nested
    @DisplayName("OPEN-1: deformity beyond the MISDEF class III limits")
    class DeformityLimits {

        @ParameterizedTest(name = "{1} = {2} (above {3}) raises {0}")
        @CsvSource({
                "OPEN-SVA,         SVA_CM,                6.1,  6,  maxSvaCm",
                "OPEN-PELVIC-TILT, PELVIC_TILT_DEG,       25.1, 25, maxPelvicTiltDeg",
                "OPEN-PI-LL,       PI_MINUS_LL_DEG,       30.1, 30, maxPiMinusLlDeg",
                "OPEN-KYPHOSIS,    THORACIC_KYPHOSIS_DEG, 60.1, 60, maxThoracicKyphosisDeg"
        })
        void aParameterAboveItsLimitMakesOpenSurgeryPreferred(String code, Input parameter, double value,
                                                              int limit, String thresholdName) {
            // when
            Assessment a = Engine.assess(Patients.deformityCandidate().set(parameter, value));

            // then
            Finding f = finding(a, code);
            assertOpenFinding(f, "OPEN-1");
            assertThresholdEvidence(f, parameter.jsonName(), value, ">", limit, thresholdName);
            assertThat(openCodes(a)).containsExactly(code);
            assertDefinitive(a, Verdict.OPEN_SURGERY_PREFERRED);
            assertThat(decidingCodes(a)).containsExactly(code);
            assertThat(a.criterionStatus("CAND-1")).as("a deformity is still a treatable condition")
                    .isEqualTo(CriterionStatus.MET);
            assertThat(a.criterionStatus("CAND-8")).isEqualTo(CriterionStatus.NOT_MET);
        }

        @ParameterizedTest(name = "{0} = {1} (at its limit) is within the limits")
        @CsvSource({"SVA_CM, 6", "PELVIC_TILT_DEG, 25", "PI_MINUS_LL_DEG, 30", "THORACIC_KYPHOSIS_DEG, 60"})
        void aParameterExactlyAtItsLimitIsWithinIt(Input parameter, double value) {
            // when
            Assessment a = Engine.assess(Patients.deformityCandidate().set(parameter, value));

            // then
            assertThat(openCodes(a)).isEmpty();
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @ParameterizedTest(name = "{0} unknown: OPEN-1 unsettled")
        @EnumSource(value = Input.class,
                names = {"SVA_CM", "PELVIC_TILT_DEG", "PI_MINUS_LL_DEG", "THORACIC_KYPHOSIS_DEG", "RIGID_DEFORMITY"})
        void anUnmeasuredParameterIsNeitherBeyondNorWithinItsLimit(Input parameter) {
            // when
            Assessment a = Engine.assess(Patients.deformityCandidate().set(parameter, null));

            // then
            assertThat(openCodes(a)).isEmpty();
            assertInsufficient(a, Verdict.OPEN_SURGERY_PREFERRED, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            assertThat(a.toSettle()).containsExactly(
                    settles(parameter.jsonName(), Verdict.OPEN_SURGERY_PREFERRED, "OPEN-1"));
        }

        @Test
        void aRigidDeformityMakesOpenSurgeryPreferred() {
            // when
            Assessment a = Engine.assess(Patients.deformityCandidate().rigidDeformity(true));

            // then
            Finding f = finding(a, "OPEN-RIGID-DEFORMITY");
            assertOpenFinding(f, "OPEN-1");
            assertInputEvidence(f, "rigidDeformity", true);
            assertDefinitive(a, Verdict.OPEN_SURGERY_PREFERRED);
        }

        @Test
        void oneParameterBeyondItsLimitDecidesWhileAnotherIsUnknown() {
            // when
            Assessment a = Engine.assess(Patients.deformityCandidate().svaCm(9.0).pelvicTiltDeg(null));

            // then
            assertThat(openCodes(a)).containsExactly("OPEN-SVA");
            assertDefinitive(a, Verdict.OPEN_SURGERY_PREFERRED);
        }

        @Test
        void everyParameterBeyondItsLimitIsListed() {
            // when
            Assessment a = Engine.assess(Patients.deformityCandidate().svaCm(11.0).pelvicTiltDeg(32.0)
                    .piMinusLlDeg(40.0).thoracicKyphosisDeg(70.0).rigidDeformity(true));

            // then
            assertThat(openCodes(a)).containsExactlyInAnyOrder("OPEN-SVA", "OPEN-PELVIC-TILT", "OPEN-PI-LL",
                    "OPEN-KYPHOSIS", "OPEN-RIGID-DEFORMITY");
            assertThat(decidingCodes(a)).containsExactlyInAnyOrderElementsOf(openCodes(a));
        }

        @ParameterizedTest(name = "OPEN-1 applies to a planned {0}")
        @EnumSource(value = Procedure.class, names = {"LUMBAR_FUSION", "DEFORMITY_CORRECTION"})
        void aPlannedFusionOrCorrectionBringsTheLimitsInWithoutADiagnosedDeformity(Procedure procedure) {
            // given a disc herniation with a fusion or correction planned and a 9 cm SVA
            var patient = Patients.candidate().plannedProcedure(procedure).svaCm(9.0).pelvicTiltDeg(20.0)
                    .piMinusLlDeg(8.0).thoracicKyphosisDeg(40.0).rigidDeformity(false);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(openCodes(a)).containsExactly("OPEN-SVA");
            assertDefinitive(a, Verdict.OPEN_SURGERY_PREFERRED);
        }

        @Test
        void aDiagnosedDeformityBringsTheLimitsInBeforeADecompression() {
            // given a scoliosis with a 9 cm SVA, a laminectomy planned
            var patient = Patients.deformityCandidate().plannedProcedure(Procedure.DECOMPRESSIVE_LAMINECTOMY).svaCm(9.0);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(openCodes(a)).containsExactly("OPEN-SVA");
            assertDefinitive(a, Verdict.OPEN_SURGERY_PREFERRED);
        }

        @Test
        void theLimitsDoNotApplyToADecompressionWithoutADeformity() {
            // given a disc herniation for a discectomy, with sagittal values recorded that would exceed the limits
            var patient = Patients.candidate().svaCm(9.0).pelvicTiltDeg(30.0).piMinusLlDeg(35.0)
                    .thoracicKyphosisDeg(65.0).rigidDeformity(true);

            // when
            Assessment a = Engine.assess(patient);

            // then OPEN-1 is for a deformity or a planned fusion or correction only
            assertThat(openCodes(a)).isEmpty();
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void theThoracolumbarLimitsDoNotApplyToACervicalFusion() {
            // given a myelopathy treated by ACDF, with a 9 cm SVA recorded
            Assessment a = Engine.assess(Patients.myelopathyCandidate().svaCm(9.0));

            // then
            assertThat(openCodes(a)).isEmpty();
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }
    }

    @Nested
    @DisplayName("OPEN-1, MISDEF class II: beyond decompression alone (a warning)")
    class ClassTwo {

        @ParameterizedTest(name = "{0} = {1} beside a discectomy is a warning")
        @CsvSource({
                "PI_MINUS_LL_DEG,      10.1, >,  10, classTwoPiMinusLlDeg",
                "LATERAL_LISTHESIS_MM, 6,    >=, 6,  classTwoLateralListhesisMm",
                "COBB_ANGLE_DEG,       20.1, >,  20, cobbWarningDeg"
        })
        void aClassTwoParameterBesideADecompressionIsAWarning(Input parameter, double value, String operator,
                                                                int limit, String thresholdName) {
            // when
            Assessment a = Engine.assess(Patients.candidate().set(parameter, value));

            // then
            Finding f = finding(a, "OPEN-CLASS-II-WARNING");
            assertThat(f.criterion()).isEqualTo("OPEN-1");
            assertThat(f.category()).isEqualTo(Category.PROCEDURE_RISK);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.action()).isEqualTo(
                    "Consider whether decompression alone will do, or a minimally invasive fusion is needed");
            assertInputEvidence(f, "plannedProcedure", "LUMBAR_DISCECTOMY");
            assertThresholdEvidence(f, parameter.jsonName(), value, operator, limit, thresholdName);
            assertThat(openCodes(a)).isEmpty();
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @ParameterizedTest(name = "{0} = {1} is within class I")
        @CsvSource({"PI_MINUS_LL_DEG, 10", "LATERAL_LISTHESIS_MM, 5.9", "COBB_ANGLE_DEG, 20"})
        void aParameterWithinClassOneRaisesNoWarning(Input parameter, double value) {
            // when
            Assessment a = Engine.assess(Patients.candidate().set(parameter, value));

            // then
            assertThat(a.findingCodes()).doesNotContain("OPEN-CLASS-II-WARNING");
        }

        @Test
        void unmeasuredParametersRaiseNoWarning() {
            // when (the candidate has no deformity parameter recorded)
            Assessment a = Engine.assess(Patients.candidate());

            // then
            assertThat(a.findingCodes()).doesNotContain("OPEN-CLASS-II-WARNING");
        }

        @Test
        void aPlannedFusionIsTheClassTwoOption() {
            // given a deformity within class III limits, but of class II, with a fusion planned
            Assessment a = Engine.assess(Patients.deformityCandidate().piMinusLlDeg(20.0).cobbAngleDeg(28.0)
                    .lateralListhesisMm(7.0));

            // then
            assertThat(a.findingCodes()).doesNotContain("OPEN-CLASS-II-WARNING");
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void aClassTwoDeformityForADecompressionIsACandidateWithAWarning() {
            // given a scoliosis with PI-LL 20 deg, a laminectomy planned
            Assessment a = Engine.assess(Patients.deformityCandidate().piMinusLlDeg(20.0)
                    .plannedProcedure(Procedure.DECOMPRESSIVE_LAMINECTOMY));

            // then
            assertThat(a.findingCodes()).contains("OPEN-CLASS-II-WARNING");
            assertThat(openCodes(a)).isEmpty();
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }
    }

    @Nested
    @DisplayName("OPEN-2 to OPEN-4, OPEN-6: anatomy, severe condition, visualisation, access")
    class Flags {

        @ParameterizedTest(name = "{1} = {2} raises {0}")
        @CsvSource({
                "OPEN-COMPLEX-ANATOMY,         COMPLEX_SPINAL_ANATOMY,    true,  OPEN-2",
                "OPEN-FUSION-MASS,             EXISTING_FUSION_MASS,      true,  OPEN-2",
                "OPEN-SEVERE-CONDITION,        SEVERE_SYSTEMIC_CONDITION, true,  OPEN-3",
                "OPEN-DIFFICULT-VISUALISATION, DIFFICULT_VISUALISATION,   true,  OPEN-4",
                "OPEN-NOT-ACCESSIBLE,          TARGET_ACCESSIBLE,         false, OPEN-6"
        })
        void theFlagMakesOpenSurgeryPreferred(String code, Input flag, boolean value, String criterion) {
            // when
            Assessment a = Engine.assess(Patients.candidate().set(flag, value));

            // then
            Finding f = finding(a, code);
            assertOpenFinding(f, criterion);
            assertThat(f.evidence()).hasSize(1);
            assertInputEvidence(f, flag.jsonName(), value);
            assertThat(openCodes(a)).containsExactly(code);
            assertDefinitive(a, Verdict.OPEN_SURGERY_PREFERRED);
            assertThat(decidingCodes(a)).containsExactly(code);
        }

        @ParameterizedTest(name = "{0} = {1} raises nothing")
        @CsvSource({
                "COMPLEX_SPINAL_ANATOMY,    false",
                "EXISTING_FUSION_MASS,      false",
                "SEVERE_SYSTEMIC_CONDITION, false",
                "DIFFICULT_VISUALISATION,   false",
                "TARGET_ACCESSIBLE,         true"
        })
        void theOppositeAnswerRaisesNothing(Input flag, boolean value) {
            // when
            Assessment a = Engine.assess(Patients.candidate().set(flag, value));

            // then
            assertThat(openCodes(a)).isEmpty();
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @ParameterizedTest(name = "{0} unknown: {1} unsettled")
        @CsvSource({
                "COMPLEX_SPINAL_ANATOMY,    CAND-7, OPEN-2",
                "EXISTING_FUSION_MASS,      CAND-7, OPEN-2",
                "SEVERE_SYSTEMIC_CONDITION, CAND-7, OPEN-3",
                "DIFFICULT_VISUALISATION,   ,       OPEN-4",
                "TARGET_ACCESSIBLE,         CAND-6, OPEN-6"
        })
        void anUnknownAnswerIsNeitherPresentNorRuledOut(Input flag, String candidacy, String criterion) {
            // when
            Assessment a = Engine.assess(Patients.candidate().set(flag, null));

            // then
            assertThat(openCodes(a)).isEmpty();
            assertInsufficient(a, Verdict.OPEN_SURGERY_PREFERRED, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            assertThat(a.toSettle()).containsExactly(candidacy == null
                    ? settles(flag.jsonName(), Verdict.OPEN_SURGERY_PREFERRED, criterion)
                    : settles(flag.jsonName(), Verdict.OPEN_SURGERY_PREFERRED, candidacy, criterion));
        }

        @ParameterizedTest(name = "ASA {0} is not a reason for open surgery")
        @ValueSource(ints = {3, 4})
        void theAsaClassIsARiskFactorNotAReasonForOpenSurgery(int asa) {
            // when
            Assessment a = Engine.assess(Patients.candidate().asaClass(asa));

            // then
            assertThat(openCodes(a)).isEmpty();
            assertThat(a.findingCodes()).contains(asa == 4 ? "RISK-ASA-CRITICAL" : "RISK-ASA");
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void everyOpenFindingIsListedAmongTheDecidingFindings() {
            // when
            Assessment a = Engine.assess(Patients.candidate().complexSpinalAnatomy(true).existingFusionMass(true)
                    .severeSystemicCondition(true).difficultVisualisation(true).targetAccessible(false).levels(3));

            // then
            assertThat(openCodes(a)).containsExactlyInAnyOrder("OPEN-COMPLEX-ANATOMY", "OPEN-FUSION-MASS",
                    "OPEN-SEVERE-CONDITION", "OPEN-DIFFICULT-VISUALISATION", "OPEN-NOT-ACCESSIBLE", "OPEN-MULTILEVEL");
            assertDefinitive(a, Verdict.OPEN_SURGERY_PREFERRED);
            assertThat(decidingCodes(a)).containsExactlyInAnyOrderElementsOf(openCodes(a));
        }

        @Test
        void anOpenFindingDecidesWhileAnotherScreenInputIsUnknown() {
            // given three levels and complex anatomy, access not assessed
            Assessment a = Engine.assess(Patients.candidate().levels(3).complexSpinalAnatomy(true)
                    .targetAccessible(null));

            // then open surgery is preferred whatever the access
            assertDefinitive(a, Verdict.OPEN_SURGERY_PREFERRED);
            assertThat(decidingCodes(a)).containsExactly("OPEN-COMPLEX-ANATOMY", "OPEN-MULTILEVEL");
        }
    }

    @Nested
    @DisplayName("OPEN-5: motion segments")
    class Levels {

        @ParameterizedTest(name = "{0} motion segments make open surgery preferred")
        @ValueSource(ints = {3, 4, 24})
        void threeOrMoreMotionSegmentsMakeOpenSurgeryPreferred(int levels) {
            // when
            Assessment a = Engine.assess(Patients.candidate().levels(levels));

            // then
            Finding f = finding(a, "OPEN-MULTILEVEL");
            assertOpenFinding(f, "OPEN-5");
            assertThresholdEvidence(f, "levels", levels, ">=", 3, "openPreferredLevels");
            assertThat(a.findingCodes()).doesNotContain("OPEN-SEVERAL-LEVELS-WARNING");
            assertDefinitive(a, Verdict.OPEN_SURGERY_PREFERRED);
        }

        @Test
        void twoMotionSegmentsAreAWarningNotOpenPreferred() {
            // when
            Assessment a = Engine.assess(Patients.candidate().levels(2));

            // then
            Finding f = finding(a, "OPEN-SEVERAL-LEVELS-WARNING");
            assertThat(f.criterion()).isEqualTo("OPEN-5");
            assertThat(f.category()).isEqualTo(Category.PROCEDURE_RISK);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThresholdEvidence(f, "levels", 2, ">=", 2, "multiLevelWarningLevels");
            assertThresholdEvidence(f, "levels", 2, "<", 3, "openPreferredLevels");
            assertThat(openCodes(a)).isEmpty();
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void oneMotionSegmentRaisesNeitherFinding() {
            // when
            Assessment a = Engine.assess(Patients.candidate().levels(1));

            // then
            assertThat(a.findingCodes()).doesNotContain("OPEN-MULTILEVEL", "OPEN-SEVERAL-LEVELS-WARNING");
        }

        @Test
        void unknownLevelsAreNeitherFewNorMany() {
            // when
            Assessment a = Engine.assess(Patients.candidate().levels(null));

            // then
            assertThat(a.findingCodes()).doesNotContain("OPEN-MULTILEVEL", "OPEN-SEVERAL-LEVELS-WARNING");
            assertInsufficient(a, Verdict.OPEN_SURGERY_PREFERRED, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            assertThat(a.toSettle()).containsExactly(settles("levels", Verdict.OPEN_SURGERY_PREFERRED, "OPEN-5"));
        }
    }

    @Nested
    @DisplayName("OPEN-7: the cause cannot be pinpointed (a warning beside further evaluation)")
    class NotPinpointed {

        @Test
        void imagingThatDoesNotMatchIsAWorkUpWarningNeverOpenSurgery() {
            // when
            Assessment a = Engine.assess(Patients.candidate().imagingConcordant(false));

            // then
            Finding f = finding(a, "OPEN-NOT-PINPOINTED");
            assertThat(f.criterion()).isEqualTo("OPEN-7");
            assertThat(f.category()).isEqualTo(Category.CANDIDACY);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.action()).isEqualTo("Complete the work-up before any surgical decision");
            assertInputEvidence(f, "imagingConcordant", false);
            assertThat(openCodes(a)).isEmpty();
            assertDefinitive(a, Verdict.FURTHER_EVALUATION);
            assertThat(a.overridden()).as("open surgery is not proposed at all").isEmpty();
        }

        @Test
        void concordantOrUnknownImagingRaisesNoWarning() {
            // when
            Assessment concordant = Engine.assess(Patients.candidate());
            Assessment unknown = Engine.assess(Patients.candidate().imagingConcordant(null));

            // then
            assertThat(concordant.findingCodes()).doesNotContain("OPEN-NOT-PINPOINTED");
            assertThat(unknown.findingCodes()).doesNotContain("OPEN-NOT-PINPOINTED");
        }
    }

    @Nested
    @DisplayName("OPEN-8: high-grade spondylolisthesis")
    class HighGradeSlip {

        @ParameterizedTest(name = "Meyerding grade {0} makes open surgery preferred")
        @ValueSource(ints = {3, 4, 5})
        void aHighGradeSlipMakesOpenSurgeryPreferred(int grade) {
            // when
            Assessment a = Engine.assess(Patients.spondylolisthesisCandidate().spondylolisthesisGrade(grade));

            // then
            Finding f = finding(a, "OPEN-HIGH-GRADE-SLIP");
            assertOpenFinding(f, "OPEN-8");
            assertThresholdEvidence(f, "spondylolisthesisGrade", grade, ">=", 3, "highGradeSlipGrade");
            assertDefinitive(a, Verdict.OPEN_SURGERY_PREFERRED);
        }

        @ParameterizedTest(name = "Meyerding grade {0} is low-grade")
        @ValueSource(ints = {1, 2})
        void aLowGradeSlipIsACandidate(int grade) {
            // when
            Assessment a = Engine.assess(Patients.spondylolisthesisCandidate().spondylolisthesisGrade(grade));

            // then
            assertThat(openCodes(a)).isEmpty();
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void anUnknownGradeIsNeitherHighNorLow() {
            // when
            Assessment a = Engine.assess(Patients.spondylolisthesisCandidate().spondylolisthesisGrade(null));

            // then
            assertThat(openCodes(a)).isEmpty();
            assertInsufficient(a, Verdict.OPEN_SURGERY_PREFERRED, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            assertThat(a.toSettle()).containsExactly(
                    settles("spondylolisthesisGrade", Verdict.OPEN_SURGERY_PREFERRED, "OPEN-8"));
        }

        @Test
        void withoutASpondylolisthesisNoGradeIsNeeded() {
            // when (the candidate: a disc herniation)
            Assessment a = Engine.assess(Patients.candidate());

            // then
            assertThat(a.missingInputs()).doesNotContain("spondylolisthesisGrade");
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void aHighGradeSlipDecidesWhileTheDiagnosesAreOtherwiseComplete() {
            // given grade 4 before a fusion whose sagittal parameters are unknown
            Assessment a = Engine.assess(Patients.spondylolisthesisCandidate().spondylolisthesisGrade(4).svaCm(null)
                    .diagnoses(Diagnosis.SPONDYLOLISTHESIS));

            // then
            assertThat(openCodes(a)).containsExactly("OPEN-HIGH-GRADE-SLIP");
            assertDefinitive(a, Verdict.OPEN_SURGERY_PREFERRED);
        }
    }
}
