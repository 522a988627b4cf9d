package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinecds.rules.Findings.assertInputEvidence;
import static org.spinecds.rules.Findings.assertThresholdEvidence;
import static org.spinecds.rules.Findings.finding;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spinecds.Assessment;
import org.spinecds.Category;
import org.spinecds.Finding;
import org.spinecds.Severity;
import org.spinecds.Verdict;
import org.spinecds.patient.Input;

/** open-surgery.drl: OPEN-1 to OPEN-7; any open-surgery finding makes open surgery the preferred approach. */
@DisplayName("Open surgery preferred (OPEN-1 to OPEN-7)")
class OpenSurgeryTest {

    @Nested
    @DisplayName("OPEN-1: deformity parameters beyond the MISDEF limits")
    class DeformityThresholds {

        @ParameterizedTest(name = "{1} = {2} {4} {3} raises {0}")
        @CsvSource({
                "OPEN-SVA,         SVA_CM,                6.5,  6,  >, maxSvaCm",
                "OPEN-PELVIC-TILT, PELVIC_TILT_DEG,       26,   25, >, maxPelvicTiltDeg",
                "OPEN-PI-LL,       PI_MINUS_LL_DEG,       35,   30, >, maxPiMinusLlDeg",
                "OPEN-KYPHOSIS,    THORACIC_KYPHOSIS_DEG, 62.5, 60, >, maxThoracicKyphosisDeg"
        })
        void aParameterAboveItsLimitMakesOpenSurgeryPreferred(String code, Input parameter, double value,
                                                               double threshold, String operator, String thresholdName) {
            // given an adult deformity with one parameter above its limit
            var patient = Patients.deformityCandidate().set(parameter, value);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, code);
            assertThat(f.criterion()).isEqualTo("OPEN-1");
            assertThat(f.category()).isEqualTo(Category.OPEN_SURGERY);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThresholdEvidence(f, parameter.jsonName(), value, operator, threshold, thresholdName);
            assertThat(a.verdict()).isEqualTo(Verdict.OPEN_SURGERY_PREFERRED);
            assertThat(a.decidedBy()).extracting(Finding::code).contains(code);
        }

        @ParameterizedTest(name = "{1} = {2}, exactly at the limit, raises no {0}")
        @CsvSource({
                "OPEN-SVA,         SVA_CM,                6",
                "OPEN-PELVIC-TILT, PELVIC_TILT_DEG,       25",
                "OPEN-PI-LL,       PI_MINUS_LL_DEG,       30",
                "OPEN-KYPHOSIS,    THORACIC_KYPHOSIS_DEG, 60"
        })
        void aParameterExactlyAtItsLimitIsNotBeyondIt(String code, Input parameter, double value) {
            // given
            var patient = Patients.deformityCandidate().set(parameter, value);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).doesNotContain(code);
            assertThat(a.verdict()).isEqualTo(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @ParameterizedTest(name = "{1} unknown raises no {0}")
        @CsvSource({
                "OPEN-SVA,         SVA_CM",
                "OPEN-PELVIC-TILT, PELVIC_TILT_DEG",
                "OPEN-PI-LL,       PI_MINUS_LL_DEG",
                "OPEN-KYPHOSIS,    THORACIC_KYPHOSIS_DEG"
        })
        void anUnmeasuredParameterIsNotBeyondItsLimit(String code, Input parameter) {
            // given
            var patient = Patients.deformityCandidate().set(parameter, null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).doesNotContain(code);
            assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
        }

        @Test
        void aRigidDeformityMakesOpenSurgeryPreferred() {
            // given
            var patient = Patients.deformityCandidate().rigidDeformity(true);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "OPEN-RIGID-DEFORMITY");
            assertThat(f.criterion()).isEqualTo("OPEN-1");
            assertThat(f.category()).isEqualTo(Category.OPEN_SURGERY);
            assertInputEvidence(f, "rigidDeformity", true);
            assertThat(a.verdict()).isEqualTo(Verdict.OPEN_SURGERY_PREFERRED);
        }

        @Test
        void aFlexibleDeformityIsNotRigid() {
            // when
            Assessment a = Engine.assess(Patients.deformityCandidate().rigidDeformity(false));

            // then
            assertThat(a.findingCodes()).doesNotContain("OPEN-RIGID-DEFORMITY");
        }

        @Test
        void anUnassessedRigidityIsNotRigid() {
            // when
            Assessment a = Engine.assess(Patients.deformityCandidate().rigidDeformity(null));

            // then
            assertThat(a.findingCodes()).doesNotContain("OPEN-RIGID-DEFORMITY");
            assertThat(a.verdict()).isNotEqualTo(Verdict.OPEN_SURGERY_PREFERRED);
        }

        @Test
        void aCobbAngleAboveTwentyDegreesIsAWarningNotOpenPreferred() {
            // given a 20.5 degree coronal curve
            var patient = Patients.deformityCandidate().cobbAngleDeg(20.5);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "OPEN-COBB-WARNING");
            assertThat(f.criterion()).isEqualTo("OPEN-1");
            assertThat(f.category()).isEqualTo(Category.PROCEDURE_RISK);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThresholdEvidence(f, "cobbAngleDeg", 20.5, ">", 20, "cobbWarningDeg");
            assertThat(a.verdict()).isEqualTo(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void aCobbAngleOfTwentyDegreesRaisesNoWarning() {
            // when
            Assessment a = Engine.assess(Patients.deformityCandidate().cobbAngleDeg(20.0));

            // then
            assertThat(a.findingCodes()).doesNotContain("OPEN-COBB-WARNING");
        }

        @Test
        void anUnmeasuredCobbAngleRaisesNoWarning() {
            // when
            Assessment a = Engine.assess(Patients.deformityCandidate().cobbAngleDeg(null));

            // then
            assertThat(a.findingCodes()).doesNotContain("OPEN-COBB-WARNING");
        }
    }

    @Nested
    @DisplayName("OPEN-2, OPEN-4, OPEN-6, OPEN-7: anatomy, visualisation, access, localisation")
    class Flags {

        @ParameterizedTest(name = "{1} = {2} raises {0} ({3})")
        @CsvSource({
                "OPEN-COMPLEX-ANATOMY,         COMPLEX_SPINAL_ANATOMY,    true,  OPEN-2",
                "OPEN-FUSION-MASS,             EXISTING_FUSION_MASS,      true,  OPEN-2",
                "OPEN-SEVERE-CONDITION,        SEVERE_SYSTEMIC_CONDITION, true,  OPEN-3",
                "OPEN-DIFFICULT-VISUALISATION, DIFFICULT_VISUALISATION,   true,  OPEN-4",
                "OPEN-NOT-ACCESSIBLE,          TARGET_ACCESSIBLE,         false, OPEN-6",
                "OPEN-NOT-PINPOINTED,          IMAGING_CONCORDANT,        false, OPEN-7"
        })
        void theFlagMakesOpenSurgeryPreferred(String code, Input flag, boolean value, String criterion) {
            // given an otherwise ideal candidate
            var patient = Patients.candidate().set(flag, value);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, code);
            assertThat(f.criterion()).isEqualTo(criterion);
            assertThat(f.category()).isEqualTo(Category.OPEN_SURGERY);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertInputEvidence(f, flag.jsonName(), value);
            assertThat(a.verdict()).isEqualTo(Verdict.OPEN_SURGERY_PREFERRED);
            assertThat(a.decidedBy()).extracting(Finding::code).containsExactly(code);
        }

        @ParameterizedTest(name = "{1} = {2} raises no {0}")
        @CsvSource({
                "OPEN-COMPLEX-ANATOMY,         COMPLEX_SPINAL_ANATOMY,    false",
                "OPEN-FUSION-MASS,             EXISTING_FUSION_MASS,      false",
                "OPEN-SEVERE-CONDITION,        SEVERE_SYSTEMIC_CONDITION, false",
                "OPEN-DIFFICULT-VISUALISATION, DIFFICULT_VISUALISATION,   false",
                "OPEN-NOT-ACCESSIBLE,          TARGET_ACCESSIBLE,         true",
                "OPEN-NOT-PINPOINTED,          IMAGING_CONCORDANT,        true"
        })
        void theOppositeAnswerRaisesNothing(String code, Input flag, boolean value) {
            // given
            var patient = Patients.candidate().set(flag, value);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).doesNotContain(code);
            assertThat(a.verdict()).isEqualTo(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @ParameterizedTest(name = "{1} unknown raises no {0}")
        @CsvSource({
                "OPEN-COMPLEX-ANATOMY,         COMPLEX_SPINAL_ANATOMY",
                "OPEN-FUSION-MASS,             EXISTING_FUSION_MASS",
                "OPEN-SEVERE-CONDITION,        SEVERE_SYSTEMIC_CONDITION",
                "OPEN-DIFFICULT-VISUALISATION, DIFFICULT_VISUALISATION",
                "OPEN-NOT-ACCESSIBLE,          TARGET_ACCESSIBLE",
                "OPEN-NOT-PINPOINTED,          IMAGING_CONCORDANT"
        })
        void anUnknownAnswerRaisesNothing(String code, Input flag) {
            // given
            var patient = Patients.candidate().set(flag, null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).doesNotContain(code);
            assertThat(a.verdict()).isNotEqualTo(Verdict.OPEN_SURGERY_PREFERRED);
        }

        @Test
        void theActionForAnUnlocalisedCauseIsFurtherDiagnostics() {
            // when
            Assessment a = Engine.assess(Patients.candidate().imagingConcordant(false));

            // then
            assertThat(finding(a, "OPEN-NOT-PINPOINTED").action()).contains("further diagnostics");
        }
    }

    @Nested
    @DisplayName("OPEN-3: ASA class of a severe systemic disease")
    class Asa {

        @Test
        void asaFourMakesOpenSurgeryPreferred() {
            // given
            var patient = Patients.candidate().asaClass(4);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "OPEN-ASA");
            assertThat(f.criterion()).isEqualTo("OPEN-3");
            assertThat(f.category()).isEqualTo(Category.OPEN_SURGERY);
            assertThresholdEvidence(f, "asaClass", 4, ">=", 4, "severeSystemicAsaClass");
            assertThat(a.verdict()).isEqualTo(Verdict.OPEN_SURGERY_PREFERRED);
        }

        @Test
        void asaThreeDoesNotMakeOpenSurgeryPreferred() {
            // given
            var patient = Patients.candidate().asaClass(3);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).doesNotContain("OPEN-ASA");
            assertThat(a.verdict()).isEqualTo(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void anUnknownAsaClassDoesNotMakeOpenSurgeryPreferred() {
            // given
            var patient = Patients.candidate().asaClass(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).doesNotContain("OPEN-ASA");
            assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
        }
    }

    @Nested
    @DisplayName("OPEN-5: multiple-level procedures")
    class Levels {

        @Test
        void threeLevelsMakeOpenSurgeryPreferred() {
            // given
            var patient = Patients.candidate().levels(3);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "OPEN-MULTILEVEL");
            assertThat(f.criterion()).isEqualTo("OPEN-5");
            assertThat(f.category()).isEqualTo(Category.OPEN_SURGERY);
            assertThresholdEvidence(f, "levels", 3, ">=", 3, "openPreferredLevels");
            assertThat(a.findingCodes()).doesNotContain("OPEN-TWO-LEVEL-WARNING");
            assertThat(a.verdict()).isEqualTo(Verdict.OPEN_SURGERY_PREFERRED);
        }

        @Test
        void twoLevelsAreAWarningNotOpenPreferred() {
            // given
            var patient = Patients.candidate().levels(2);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).doesNotContain("OPEN-MULTILEVEL");
            Finding f = finding(a, "OPEN-TWO-LEVEL-WARNING");
            assertThat(f.criterion()).isEqualTo("OPEN-5");
            assertThat(f.category()).isEqualTo(Category.PROCEDURE_RISK);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThresholdEvidence(f, "levels", 2, ">=", 2, "multiLevelWarningLevels");
            assertThresholdEvidence(f, "levels", 2, "<", 3, "openPreferredLevels");
            assertThat(a.verdict()).isEqualTo(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void oneLevelRaisesNeitherFinding() {
            // given
            var patient = Patients.candidate().levels(1);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).doesNotContain("OPEN-MULTILEVEL", "OPEN-TWO-LEVEL-WARNING");
        }

        @Test
        void unknownLevelsRaiseNeitherFinding() {
            // given
            var patient = Patients.candidate().levels(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).doesNotContain("OPEN-MULTILEVEL", "OPEN-TWO-LEVEL-WARNING");
            assertThat(a.verdict()).isEqualTo(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }
    }

    @Test
    void everyOpenFindingIsListedAmongTheDecidingFindings() {
        // given several reasons for open surgery at once
        var patient = Patients.candidate().levels(4).difficultVisualisation(true).complexSpinalAnatomy(true);

        // when
        Assessment a = Engine.assess(patient);

        // then
        assertThat(a.verdict()).isEqualTo(Verdict.OPEN_SURGERY_PREFERRED);
        assertThat(a.decidedBy()).extracting(Finding::code)
                .containsExactlyInAnyOrder("OPEN-MULTILEVEL", "OPEN-DIFFICULT-VISUALISATION", "OPEN-COMPLEX-ANATOMY");
    }
}
