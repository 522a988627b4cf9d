package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spinecds.Assessment;
import org.spinecds.CriterionStatus;
import org.spinecds.Finding;
import org.spinecds.OverriddenVerdict;
import org.spinecds.Verdict;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;
import org.spinecds.patient.Symptom;

/**
 * verdict.drl: one verdict per assessment, the first in the catalogue's order among those the
 * findings call for, with the findings that decided it and the verdicts it overrode.
 */
@DisplayName("Verdict and verdict order")
class VerdictTest {

    private static List<String> decidingCodes(Assessment a) {
        return a.decidedBy().stream().map(Finding::code).toList();
    }

    private static List<Verdict> overriddenVerdicts(Assessment a) {
        return a.overridden().stream().map(OverriddenVerdict::verdict).toList();
    }

    @Nested
    @DisplayName("One test per verdict")
    class EachVerdict {

        @Test
        void aRedFlagGivesUrgentEvaluation() {
            // given a candidate with new bladder dysfunction
            var patient = Patients.candidate().bladderBowelDysfunction(true);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.verdict()).isEqualTo(Verdict.URGENT_EVALUATION);
            assertThat(decidingCodes(a)).containsExactly("URG-BLADDER-BOWEL");
        }

        @Test
        void noTreatableConditionGivesSurgeryNotIndicated() {
            // given
            var patient = Patients.candidate().diagnoses(Diagnosis.OTHER);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.verdict()).isEqualTo(Verdict.SURGERY_NOT_INDICATED);
            assertThat(decidingCodes(a)).containsExactly("CAND-1-NO-CONDITION");
        }

        @Test
        void noNerveCompressionSymptomsGiveSurgeryNotIndicated() {
            // given axial back pain only
            var patient = Patients.candidate().symptoms(Symptom.BACK_PAIN);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.verdict()).isEqualTo(Verdict.SURGERY_NOT_INDICATED);
            assertThat(decidingCodes(a)).containsExactly("CAND-2-NO-NERVE-SYMPTOMS");
        }

        @Test
        void tooShortConservativeCareGivesConservativeCareFirst() {
            // given four weeks of physical therapy and medication
            var patient = Patients.candidate().conservativeCareWeeks(4);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.verdict()).isEqualTo(Verdict.CONSERVATIVE_CARE_FIRST);
            assertThat(decidingCodes(a)).containsExactly("CAND-3-TOO-SHORT");
        }

        @Test
        void anOpenSurgeryFindingGivesOpenSurgeryPreferred() {
            // given a three-level procedure
            var patient = Patients.candidate().levels(3);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.verdict()).isEqualTo(Verdict.OPEN_SURGERY_PREFERRED);
            assertThat(decidingCodes(a)).containsExactly("OPEN-MULTILEVEL");
        }

        @Test
        void anUnknownCandidacyInputGivesInsufficientInformation() {
            // given access to the target not yet assessed
            var patient = Patients.candidate().targetAccessible(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
            assertThat(decidingCodes(a)).containsExactly("CAND-6-UNKNOWN");
            assertThat(a.missingInputs()).containsExactly("targetAccessible");
        }

        @Test
        void everyCriterionMetGivesMinimallyInvasiveCandidate() {
            // when
            Assessment a = Engine.assess(Patients.candidate());

            // then
            assertThat(a.verdict()).isEqualTo(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            assertThat(decidingCodes(a)).containsExactly("CAND-1-CONDITION", "CAND-2-SYMPTOMS", "CAND-3-FAILED",
                    "CAND-4-EVALUATED", "CAND-5-PINPOINTED", "CAND-6-ACCESSIBLE", "CAND-7-HEALTHY");
            assertThat(a.overridden()).isEmpty();
        }
    }

    @Nested
    @DisplayName("The verdict order")
    class Order {

        @Test
        void aRedFlagOutranksEverything() {
            // given progressive weakness in a patient with three levels to treat and complex anatomy,
            // after only two weeks of conservative care
            var patient = Patients.candidate().progressiveMotorWeakness(true)
                    .levels(3).complexSpinalAnatomy(true).conservativeCareWeeks(2);

            // when
            Assessment a = Engine.assess(patient);

            // then urgent evaluation decides, and open surgery is reported as overridden
            assertThat(a.verdict()).isEqualTo(Verdict.URGENT_EVALUATION);
            assertThat(decidingCodes(a)).containsExactly("URG-PROGRESSIVE-WEAKNESS");
            OverriddenVerdict open = a.overridden().stream()
                    .filter(o -> o.verdict() == Verdict.OPEN_SURGERY_PREFERRED).findFirst().orElseThrow();
            assertThat(open.findingCodes()).containsExactlyInAnyOrder("OPEN-MULTILEVEL", "OPEN-COMPLEX-ANATOMY");
            assertThat(open.reason()).contains("yields to URGENT_EVALUATION");
            // and the short conservative care does not hold the patient back: the red flag waives CAND-3
            // (so CONSERVATIVE_CARE_FIRST is not even proposed)
            assertThat(a.criterionStatus("CAND-3")).isEqualTo(CriterionStatus.MET);
            assertThat(a.findingCodes()).contains("CAND-3-WAIVED").doesNotContain("CAND-3-TOO-SHORT");
            assertThat(overriddenVerdicts(a)).doesNotContain(Verdict.CONSERVATIVE_CARE_FIRST);
        }

        @Test
        void aRedFlagOutranksSurgeryNotIndicatedAndMissingInformation() {
            // given saddle anaesthesia in a patient with no listed treatable condition and access not assessed
            var patient = Patients.candidate().saddleAnaesthesia(true).diagnoses(Diagnosis.OTHER)
                    .targetAccessible(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.verdict()).isEqualTo(Verdict.URGENT_EVALUATION);
            assertThat(overriddenVerdicts(a))
                    .containsExactly(Verdict.SURGERY_NOT_INDICATED, Verdict.INSUFFICIENT_INFORMATION);
        }

        @Test
        void surgeryNotIndicatedOutranksConservativeCareFirst() {
            // given symptoms that have settled, after two weeks of conservative care
            var patient = Patients.candidate().symptomsPersist(false).conservativeCareWeeks(2);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.verdict()).isEqualTo(Verdict.SURGERY_NOT_INDICATED);
            assertThat(decidingCodes(a)).containsExactly("CAND-2-NOT-PERSISTING");
            assertThat(a.overridden()).singleElement().satisfies(o -> {
                assertThat(o.verdict()).isEqualTo(Verdict.CONSERVATIVE_CARE_FIRST);
                assertThat(o.findingCodes()).containsExactly("CAND-3-TOO-SHORT");
                assertThat(o.reason()).contains("yields to SURGERY_NOT_INDICATED");
            });
        }

        @Test
        void surgeryNotIndicatedOutranksEveryLowerVerdict() {
            // given no nerve-compression symptoms, too little conservative care, three levels and no ASA class
            var patient = Patients.candidate().symptoms(Symptom.NECK_PAIN).conservativeCareWeeks(2).levels(3)
                    .asaClass(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.verdict()).isEqualTo(Verdict.SURGERY_NOT_INDICATED);
            assertThat(overriddenVerdicts(a)).containsExactly(Verdict.CONSERVATIVE_CARE_FIRST,
                    Verdict.OPEN_SURGERY_PREFERRED, Verdict.INSUFFICIENT_INFORMATION);
        }

        @Test
        void conservativeCareFirstOutranksOpenSurgeryAndMissingInformation() {
            // given conservative care that relieved the symptoms, a fusion mass, and concordance unknown
            var patient = Patients.candidate().conservativeCareRelieved(true).existingFusionMass(true)
                    .imagingConcordant(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.verdict()).isEqualTo(Verdict.CONSERVATIVE_CARE_FIRST);
            assertThat(decidingCodes(a)).containsExactly("CAND-3-RELIEVED");
            assertThat(overriddenVerdicts(a))
                    .containsExactly(Verdict.OPEN_SURGERY_PREFERRED, Verdict.INSUFFICIENT_INFORMATION);
        }

        @Test
        void openSurgeryPreferredOutranksMissingInformation() {
            // given difficult visualisation while the ASA class is not recorded
            var patient = Patients.candidate().difficultVisualisation(true).asaClass(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.verdict()).isEqualTo(Verdict.OPEN_SURGERY_PREFERRED);
            assertThat(decidingCodes(a)).containsExactly("OPEN-DIFFICULT-VISUALISATION");
            assertThat(a.overridden()).singleElement().satisfies(o -> {
                assertThat(o.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
                assertThat(o.findingCodes()).containsExactly("CAND-7-UNKNOWN");
            });
            assertThat(a.missingInputs()).containsExactly("asaClass");
        }

        @ParameterizedTest(name = "{0} unknown gives INSUFFICIENT_INFORMATION")
        @EnumSource(value = Input.class, names = {"DIAGNOSES", "SYMPTOMS", "SYMPTOMS_PERSIST", "CONSERVATIVE_CARE",
                "CONSERVATIVE_CARE_WEEKS", "CONSERVATIVE_CARE_RELIEVED", "IMAGING_DONE", "PHYSICAL_EXAM_DONE",
                "IMAGING_CONCORDANT", "TARGET_ACCESSIBLE", "COMPLEX_SPINAL_ANATOMY", "EXISTING_FUSION_MASS",
                "SEVERE_SYSTEMIC_CONDITION", "ASA_CLASS"})
        void anUnknownCandidacyInputNeverGivesMinimallyInvasiveCandidate(Input input) {
            // given the ideal candidate with one candidacy input unknown
            var builder = Patients.candidate().set(input, null);
            if (input == Input.SYMPTOMS) {
                builder.symptomDurationWeeks(null);
            }

            // when
            Assessment a = Engine.assess(builder);

            // then
            assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
            assertThat(overriddenVerdicts(a)).doesNotContain(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            assertThat(a.missingInputs()).containsExactly(input.jsonName());
        }

        @ParameterizedTest(name = "deformity {0} unknown gives INSUFFICIENT_INFORMATION")
        @EnumSource(value = Input.class,
                names = {"SVA_CM", "PELVIC_TILT_DEG", "PI_MINUS_LL_DEG", "THORACIC_KYPHOSIS_DEG", "RIGID_DEFORMITY"})
        void anUnknownDeformityParameterNeverGivesMinimallyInvasiveCandidate(Input input) {
            // given
            var patient = Patients.deformityCandidate().set(input, null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
            assertThat(a.missingInputs()).containsExactly(input.jsonName());
        }

        @Test
        void anEmptyPatientGivesInsufficientInformation() {
            // given nothing known at all
            Patient patient = Patient.builder().build();

            // when
            Assessment a = Engine.assess(patient);

            // then every candidacy criterion is unknown and stands behind the verdict
            assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
            assertThat(a.criteria()).extracting(c -> c.status()).containsOnly(CriterionStatus.UNKNOWN);
            assertThat(decidingCodes(a)).containsExactly("CAND-1-DIAGNOSES-UNKNOWN", "CAND-2-UNKNOWN",
                    "CAND-3-UNKNOWN", "CAND-4-UNKNOWN", "CAND-5-UNKNOWN", "CAND-6-UNKNOWN", "CAND-7-UNKNOWN");
            assertThat(a.missingInputs()).containsExactlyInAnyOrder("diagnoses", "symptoms", "symptomsPersist",
                    "conservativeCare", "conservativeCareWeeks", "conservativeCareRelieved", "imagingDone",
                    "physicalExamDone", "imagingConcordant", "targetAccessible", "complexSpinalAnatomy",
                    "existingFusionMass", "severeSystemicCondition", "asaClass");
            assertThat(a.overridden()).isEmpty();
        }

        @Test
        void anIncompleteEvaluationIsNotACandidate() {
            // given everything met except that the physical examination has not been done
            var patient = Patients.candidate().physicalExamDone(false);

            // when
            Assessment a = Engine.assess(patient);

            // then the evaluation has to be completed first
            assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
            assertThat(decidingCodes(a)).containsExactly("CAND-4-NO-EXAM");
        }

        @Test
        void aDeformityBeyondTheLimitsIsOpenSurgeryNotSurgeryNotIndicated() {
            // given a scoliosis with a 9 cm SVA: CAND-1 fails, but through OPEN-1
            var patient = Patients.deformityCandidate().svaCm(9.0);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.criterionStatus("CAND-1")).isEqualTo(CriterionStatus.NOT_MET);
            assertThat(a.verdict()).isEqualTo(Verdict.OPEN_SURGERY_PREFERRED);
            assertThat(decidingCodes(a)).containsExactly("OPEN-SVA");
            assertThat(overriddenVerdicts(a)).doesNotContain(Verdict.SURGERY_NOT_INDICATED);
        }

        @Test
        void anOpenOneFindingWithoutADiagnosedDeformityDoesNotMakeAnUntreatableConditionTreatable() {
            // given diagnoses that include nothing this surgery treats (no deformity diagnosed), but an SVA of 8 cm
            var patient = Patients.candidate().diagnoses(Diagnosis.OTHER).svaCm(8.0);

            // when
            Assessment a = Engine.assess(patient);

            // then CAND-1 is not met by CAND-1-NO-CONDITION, so surgery is not indicated (catalogue verdict 2)
            assertThat(a.findingCodes()).contains("CAND-1-NO-CONDITION", "OPEN-SVA");
            assertThat(a.verdict()).isEqualTo(Verdict.SURGERY_NOT_INDICATED);
            assertThat(decidingCodes(a)).containsExactly("CAND-1-NO-CONDITION");
            assertThat(overriddenVerdicts(a)).contains(Verdict.OPEN_SURGERY_PREFERRED);
        }
    }
}
