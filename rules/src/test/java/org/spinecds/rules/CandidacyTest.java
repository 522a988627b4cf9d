package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.spinecds.rules.Findings.assertDefinitive;
import static org.spinecds.rules.Findings.assertInputEvidence;
import static org.spinecds.rules.Findings.assertInsufficient;
import static org.spinecds.rules.Findings.assertStatus;
import static org.spinecds.rules.Findings.assertThresholdEvidence;
import static org.spinecds.rules.Findings.assertUnknown;
import static org.spinecds.rules.Findings.criterion;
import static org.spinecds.rules.Findings.decidingCodes;
import static org.spinecds.rules.Findings.evidence;
import static org.spinecds.rules.Findings.finding;
import static org.spinecds.rules.Findings.settles;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.spinecds.Assessment;
import org.spinecds.Category;
import org.spinecds.CriterionResult;
import org.spinecds.CriterionStatus;
import org.spinecds.Evidence;
import org.spinecds.Finding;
import org.spinecds.Severity;
import org.spinecds.Verdict;
import org.spinecds.patient.Comorbidity;
import org.spinecds.patient.ConservativeTreatment;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Input;
import org.spinecds.patient.Procedure;
import org.spinecds.patient.SmokingStatus;
import org.spinecds.patient.Symptom;

/**
 * candidacy.drl: CAND-1 to CAND-8, each MET, NOT_MET or UNKNOWN; an unknown input never decides a
 * criterion either way, and a known one is never hidden by an unknown one.
 */
@DisplayName("Candidacy (CAND-1 to CAND-8)")
class CandidacyTest {

    private static final String SAFETY_NET = "come back at once for new bladder or bowel problems, numbness in "
            + "the saddle area or worsening weakness";

    @Test
    void theReferenceCandidateMeetsEveryCriterion() {
        // when
        Assessment a = Engine.assess(Patients.candidate());

        // then
        assertThat(a.criteria()).extracting(CriterionResult::id)
                .containsExactly("CAND-1", "CAND-2", "CAND-3", "CAND-4", "CAND-5", "CAND-6", "CAND-7", "CAND-8");
        assertThat(a.criteria()).extracting(CriterionResult::status).containsOnly(CriterionStatus.MET);
        assertThat(a.criteria()).extracting(CriterionResult::findingCodes).containsExactly(
                List.of("CAND-1-CONDITION"), List.of("CAND-2-SYMPTOMS"), List.of("CAND-3-FAILED"),
                List.of("CAND-4-EVALUATED"), List.of("CAND-5-PINPOINTED"), List.of("CAND-6-ACCESSIBLE"),
                List.of("CAND-7-MET"), List.of("CAND-8-MET"));
        assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        assertThat(a.inputsToComplete()).isEmpty();
    }

    @Test
    void theOtherFixtureCandidatesMeetEveryCriterion() {
        for (var patient : List.of(Patients.deformityCandidate(), Patients.spondylolisthesisCandidate(),
                Patients.myelopathyCandidate())) {
            Assessment a = Engine.assess(patient);
            assertThat(a.criteria()).as("%s", a.findingCodes()).extracting(CriterionResult::status)
                    .containsOnly(CriterionStatus.MET);
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }
    }

    @Nested
    @DisplayName("CAND-1: a condition minimally invasive surgery treats")
    class Cand1Condition {

        @ParameterizedTest(name = "{0} is a treatable condition")
        @EnumSource(value = Diagnosis.class,
                names = {"HERNIATED_DISC", "BULGING_DISC", "SPINAL_STENOSIS", "SPINAL_INSTABILITY", "MYELOPATHY"})
        void aTreatableDiagnosisMeetsCand1(Diagnosis diagnosis) {
            // when
            Assessment a = Engine.assess(Patients.candidate().diagnoses(diagnosis));

            // then
            Finding f = finding(a, "CAND-1-CONDITION");
            assertThat(f.category()).isEqualTo(Category.CANDIDACY);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(evidence(f, "diagnoses", "contains-any").value()).asInstanceOf(LIST)
                    .containsExactly(diagnosis.name());
            assertStatus(a, "CAND-1", CriterionStatus.MET, "CAND-1-CONDITION");
        }

        @Test
        void aSpondylolisthesisIsATreatableCondition() {
            // when
            Assessment a = Engine.assess(Patients.spondylolisthesisCandidate());

            // then
            assertStatus(a, "CAND-1", CriterionStatus.MET, "CAND-1-CONDITION");
        }

        @Test
        void aDeformityIsATreatableConditionWhoseLimitsOpen1Judges() {
            // when
            Assessment a = Engine.assess(Patients.deformityCandidate());

            // then
            assertStatus(a, "CAND-1", CriterionStatus.MET, "CAND-1-CONDITION");
            assertThat(finding(a, "CAND-1-CONDITION").detail())
                    .contains("whether the deformity is within the minimally invasive limits is judged by OPEN-1");
        }

        @Test
        void aDeformityBeyondTheLimitsIsStillATreatableConditionButForOpenSurgery() {
            // given a scoliosis with a 9 cm SVA
            Assessment a = Engine.assess(Patients.deformityCandidate().svaCm(9.0));

            // then CAND-1 is met; OPEN-1 makes open surgery preferred, not surgery not indicated
            assertStatus(a, "CAND-1", CriterionStatus.MET, "CAND-1-CONDITION");
            assertDefinitive(a, Verdict.OPEN_SURGERY_PREFERRED);
        }

        @Test
        void degenerativeDiscDiseaseWithInstabilityMeetsCand1() {
            // when
            Assessment a = Engine.assess(Patients.candidate()
                    .diagnoses(Diagnosis.DEGENERATIVE_DISC_DISEASE, Diagnosis.SPINAL_INSTABILITY));

            // then
            assertStatus(a, "CAND-1", CriterionStatus.MET, "CAND-1-CONDITION");
        }

        @Test
        void degenerativeDiscDiseaseWithoutInstabilityIsNoTreatableCondition() {
            // when
            Assessment a = Engine.assess(Patients.candidate().diagnoses(Diagnosis.DEGENERATIVE_DISC_DISEASE));

            // then
            Finding f = finding(a, "CAND-1-NO-CONDITION");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(evidence(f, "diagnoses", "contains-none").value()).asInstanceOf(LIST)
                    .containsExactly("DEGENERATIVE_DISC_DISEASE");
            assertThat(f.detail()).contains("degenerative disc disease counts only with spinal instability");
            assertStatus(a, "CAND-1", CriterionStatus.NOT_MET, "CAND-1-NO-CONDITION");
            assertDefinitive(a, Verdict.SURGERY_NOT_INDICATED);
            assertThat(decidingCodes(a)).containsExactly("CAND-1-NO-CONDITION");
        }

        @Test
        void onlyAnOtherDiagnosisFailsCand1() {
            // when
            Assessment a = Engine.assess(Patients.candidate().diagnoses(Diagnosis.OTHER));

            // then (the patient is outside scope, which outranks it)
            assertStatus(a, "CAND-1", CriterionStatus.NOT_MET, "CAND-1-NO-CONDITION");
            assertDefinitive(a, Verdict.OUTSIDE_SCOPE);
        }

        @Test
        void radiculopathyWithoutItsStructuralCauseLeavesCand1Unknown() {
            // given a radiculopathy, its cause not recorded
            Assessment a = Engine.assess(Patients.candidate().diagnoses(Diagnosis.RADICULOPATHY));

            // then it is neither treatable nor untreatable until the cause is recorded
            Finding f = finding(a, "CAND-1-CAUSE-UNKNOWN");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.action()).isEqualTo("Record the structural cause of the radiculopathy among the diagnoses");
            assertThat(evidence(f, "diagnoses", "contains").threshold()).isEqualTo("RADICULOPATHY");
            assertUnknown(a, "CAND-1", "diagnoses");
            assertThat(a.findingCodes()).doesNotContain("CAND-1-NO-CONDITION", "CAND-1-CONDITION");
            assertInsufficient(a, Verdict.SURGERY_NOT_INDICATED, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            assertThat(a.toSettle()).containsExactly(settles("diagnoses", Verdict.SURGERY_NOT_INDICATED, "CAND-1"));
        }

        @Test
        void radiculopathyBesideAnUntreatableConditionStillAsksForItsCause() {
            // given degenerative disc disease without instability and a radiculopathy
            Assessment a = Engine.assess(Patients.candidate()
                    .diagnoses(Diagnosis.DEGENERATIVE_DISC_DISEASE, Diagnosis.RADICULOPATHY));

            // then the radiculopathy may have a treatable cause (a herniation) not yet recorded: never NOT_MET
            assertUnknown(a, "CAND-1", "diagnoses");
            assertThat(a.findingCodes()).contains("CAND-1-CAUSE-UNKNOWN").doesNotContain("CAND-1-NO-CONDITION");
        }

        @Test
        void radiculopathyWithItsCauseMeetsCand1() {
            // when (the candidate: a herniated disc with radiculopathy)
            Assessment a = Engine.assess(Patients.candidate());

            // then
            assertStatus(a, "CAND-1", CriterionStatus.MET, "CAND-1-CONDITION");
            assertThat(a.findingCodes()).doesNotContain("CAND-1-CAUSE-UNKNOWN");
        }

        @Test
        void anotherDiagnosisBesideATreatableOneIsAWarningNotASilentDrop() {
            // when
            Assessment a = Engine.assess(Patients.candidate().diagnoses(Diagnosis.HERNIATED_DISC, Diagnosis.OTHER));

            // then
            Finding f = finding(a, "CAND-1-OTHER-DIAGNOSIS");
            assertThat(f.criterion()).isEqualTo("CAND-1");
            assertThat(f.category()).isEqualTo(Category.CANDIDACY);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.action()).isEqualTo("Check that the other condition does not change the surgical plan");
            assertStatus(a, "CAND-1", CriterionStatus.MET, "CAND-1-CONDITION");
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void unknownDiagnosesLeaveCand1Unknown() {
            // when
            Assessment a = Engine.assess(Patients.candidate().diagnoses((Diagnosis[]) null));

            // then
            Finding f = finding(a, "CAND-1-DIAGNOSES-UNKNOWN");
            assertThat(f.action()).isEqualTo("Record the spinal diagnoses");
            assertUnknown(a, "CAND-1", "diagnoses");
            assertThat(a.findingCodes()).doesNotContain("CAND-1-CONDITION", "CAND-1-NO-CONDITION");
            assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
        }
    }

    @Nested
    @DisplayName("CAND-2: persisting symptoms the condition explains")
    class Cand2Symptoms {

        @ParameterizedTest(name = "persisting {0} meets CAND-2")
        @EnumSource(value = Symptom.class, names = {"LEG_PAIN", "ARM_PAIN", "NUMBNESS", "WEAKNESS"})
        void aPersistingNerveCompressionSymptomMeetsCand2(Symptom symptom) {
            // when
            Assessment a = Engine.assess(Patients.candidate().symptoms(symptom));

            // then
            Finding f = finding(a, "CAND-2-SYMPTOMS");
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(evidence(f, "symptoms", "contains-any").threshold()).asInstanceOf(LIST)
                    .containsExactly(symptom.name());
            assertInputEvidence(f, "symptomsPersist", true);
            assertStatus(a, "CAND-2", CriterionStatus.MET, "CAND-2-SYMPTOMS");
        }

        @ParameterizedTest(name = "{0} alone, with a disc herniation, fails CAND-2")
        @EnumSource(value = Symptom.class, names = {"BACK_PAIN", "NECK_PAIN", "GAIT_DISTURBANCE", "HAND_DEXTERITY_LOSS"})
        void aSymptomThatADiscHerniationDoesNotExplainFailsCand2(Symptom symptom) {
            // given a disc herniation with back pain only (or neck pain, or myelopathic symptoms without myelopathy)
            Assessment a = Engine.assess(Patients.candidate().symptoms(symptom));

            // then
            Finding f = finding(a, "CAND-2-NO-QUALIFYING-SYMPTOMS");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertStatus(a, "CAND-2", CriterionStatus.NOT_MET, "CAND-2-NO-QUALIFYING-SYMPTOMS");
            assertDefinitive(a, Verdict.SURGERY_NOT_INDICATED);
            assertThat(decidingCodes(a)).containsExactly("CAND-2-NO-QUALIFYING-SYMPTOMS");
        }

        @ParameterizedTest(name = "back pain alone counts for {0}")
        @EnumSource(value = Diagnosis.class, names = {"SCOLIOSIS_DEFORMITY", "SPINAL_INSTABILITY", "SPONDYLOLISTHESIS"})
        void backPainAloneCountsForADeformityInstabilityOrSpondylolisthesis(Diagnosis diagnosis) {
            // given
            var patient = diagnosis == Diagnosis.SCOLIOSIS_DEFORMITY ? Patients.deformityCandidate()
                    : diagnosis == Diagnosis.SPONDYLOLISTHESIS ? Patients.spondylolisthesisCandidate()
                    : Patients.candidate().diagnoses(Diagnosis.SPINAL_INSTABILITY);

            // when
            Assessment a = Engine.assess(patient.symptoms(Symptom.BACK_PAIN));

            // then
            assertStatus(a, "CAND-2", CriterionStatus.MET, "CAND-2-SYMPTOMS");
            assertThat(evidence(finding(a, "CAND-2-SYMPTOMS"), "symptoms", "contains-any").threshold())
                    .asInstanceOf(LIST).containsExactly("BACK_PAIN");
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @ParameterizedTest(name = "{0} counts for a myelopathy")
        @EnumSource(value = Symptom.class, names = {"GAIT_DISTURBANCE", "HAND_DEXTERITY_LOSS"})
        void aMyelopathicSymptomCountsForAMyelopathy(Symptom symptom) {
            // when
            Assessment a = Engine.assess(Patients.myelopathyCandidate().symptoms(symptom));

            // then
            assertStatus(a, "CAND-2", CriterionStatus.MET, "CAND-2-SYMPTOMS");
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void neckPainAloneDoesNotCountForAMyelopathy() {
            // when
            Assessment a = Engine.assess(Patients.myelopathyCandidate().symptoms(Symptom.NECK_PAIN));

            // then
            assertStatus(a, "CAND-2", CriterionStatus.NOT_MET, "CAND-2-NO-QUALIFYING-SYMPTOMS");
        }

        @ParameterizedTest(name = "{0} alone with the diagnoses unknown leaves CAND-2 unknown")
        @EnumSource(value = Symptom.class, names = {"BACK_PAIN", "GAIT_DISTURBANCE", "HAND_DEXTERITY_LOSS"})
        void aSymptomThatCountsForSomeDiagnosesWaitsForTheDiagnoses(Symptom symptom) {
            // when
            Assessment a = Engine.assess(Patients.candidate().symptoms(symptom).diagnoses((Diagnosis[]) null));

            // then it would count for a deformity or a myelopathy: never NOT_MET while the diagnoses are unknown
            assertUnknown(a, "CAND-2", "diagnoses");
            assertThat(a.findingCodes()).contains("CAND-2-UNKNOWN").doesNotContain("CAND-2-NO-QUALIFYING-SYMPTOMS");
        }

        @Test
        void aNerveCompressionSymptomCountsWhateverTheDiagnoses() {
            // when
            Assessment a = Engine.assess(Patients.candidate().symptoms(Symptom.LEG_PAIN).diagnoses((Diagnosis[]) null));

            // then
            assertStatus(a, "CAND-2", CriterionStatus.MET, "CAND-2-SYMPTOMS");
        }

        @Test
        void noSymptomAtAllFailsCand2() {
            // given symptoms recorded as "none" (so neither a duration nor persistence)
            var patient = Patients.candidate().symptoms(new Symptom[0]).symptomDurationWeeks(null).symptomsPersist(null)
                    .motorStrengthMrc(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertStatus(a, "CAND-2", CriterionStatus.NOT_MET, "CAND-2-NO-QUALIFYING-SYMPTOMS");
            assertThat(a.verdict()).isEqualTo(Verdict.SURGERY_NOT_INDICATED);
        }

        @Test
        void symptomsThatNoLongerPersistFailCand2() {
            // when
            Assessment a = Engine.assess(Patients.candidate().symptomsPersist(false));

            // then
            Finding f = finding(a, "CAND-2-NOT-PERSISTING");
            assertInputEvidence(f, "symptomsPersist", false);
            assertStatus(a, "CAND-2", CriterionStatus.NOT_MET, "CAND-2-NOT-PERSISTING");
            assertDefinitive(a, Verdict.SURGERY_NOT_INDICATED);
        }

        @Test
        void settledSymptomsDecideCand2EvenWhenTheSymptomsAreNotListed() {
            // when
            Assessment a = Engine.assess(Patients.candidate().symptomsPersist(false).symptoms((Symptom[]) null));

            // then
            assertStatus(a, "CAND-2", CriterionStatus.NOT_MET, "CAND-2-NOT-PERSISTING");
        }

        @Test
        void backPainAloneFailsCand2EvenWhenPersistenceIsUnknown() {
            // when
            Assessment a = Engine.assess(Patients.candidate().symptoms(Symptom.BACK_PAIN).symptomsPersist(null));

            // then
            assertStatus(a, "CAND-2", CriterionStatus.NOT_MET, "CAND-2-NO-QUALIFYING-SYMPTOMS");
        }

        @Test
        void unknownPersistenceLeavesCand2Unknown() {
            // when
            Assessment a = Engine.assess(Patients.candidate().symptomsPersist(null));

            // then
            Finding f = finding(a, "CAND-2-UNKNOWN");
            assertThat(f.action()).isEqualTo("Record the symptoms, whether they persist, and the diagnoses");
            assertUnknown(a, "CAND-2", "symptomsPersist");
            assertInsufficient(a, Verdict.SURGERY_NOT_INDICATED, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            assertThat(a.toSettle()).containsExactly(
                    settles("symptomsPersist", Verdict.SURGERY_NOT_INDICATED, "CAND-2"));
        }

        @Test
        void unknownSymptomsLeaveCand2Unknown() {
            // when
            Assessment a = Engine.assess(Patients.candidate().symptoms((Symptom[]) null));

            // then
            assertUnknown(a, "CAND-2", "symptoms");
            assertThat(a.findingCodes()).doesNotContain("CAND-2-SYMPTOMS", "CAND-2-NO-QUALIFYING-SYMPTOMS");
        }
    }

    @Nested
    @DisplayName("CAND-3: conservative care tried and failed, or waived")
    class Cand3ConservativeCare {

        @Test
        void twelveWeeksOfFailedConservativeCareMeetCand3() {
            // when
            Assessment a = Engine.assess(Patients.candidate());

            // then
            Finding f = finding(a, "CAND-3-FAILED");
            assertThresholdEvidence(f, "conservativeCareWeeks", 12, ">=", 6, "minConservativeCareWeeks");
            assertInputEvidence(f, "conservativeCareRelieved", false);
            assertStatus(a, "CAND-3", CriterionStatus.MET, "CAND-3-FAILED");
        }

        @Test
        void sixWeeksAreTheMinimum() {
            // when
            Assessment a = Engine.assess(Patients.candidate().conservativeCareWeeks(6));

            // then
            assertThresholdEvidence(finding(a, "CAND-3-FAILED"), "conservativeCareWeeks", 6, ">=", 6,
                    "minConservativeCareWeeks");
            assertStatus(a, "CAND-3", CriterionStatus.MET, "CAND-3-FAILED");
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void fiveWeeksAreUnderTheMinimumAndConservativeCareComesFirst() {
            // when
            Assessment a = Engine.assess(Patients.candidate().conservativeCareWeeks(5));

            // then
            Finding f = finding(a, "CAND-3-TOO-SHORT");
            assertThresholdEvidence(f, "conservativeCareWeeks", 5, "<", 6, "minConservativeCareWeeks");
            assertThat(f.action()).isEqualTo("Continue conservative care to at least 6 weeks, then reassess; "
                    + SAFETY_NET);
            assertStatus(a, "CAND-3", CriterionStatus.NOT_MET, "CAND-3-TOO-SHORT");
            assertDefinitive(a, Verdict.CONSERVATIVE_CARE_FIRST);
            assertThat(decidingCodes(a)).containsExactly("CAND-3-TOO-SHORT");
        }

        @Test
        void anUnknownDurationNeitherMeetsNorFailsCand3() {
            // when
            Assessment a = Engine.assess(Patients.candidate().conservativeCareWeeks(null));

            // then
            Finding f = finding(a, "CAND-3-UNKNOWN");
            assertThat(f.action()).isEqualTo("Record what is unknown: the conservative care tried, its duration and "
                    + "effect, or what would waive it");
            assertUnknown(a, "CAND-3", "conservativeCareWeeks");
            assertInsufficient(a, Verdict.CONSERVATIVE_CARE_FIRST, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            assertThat(a.toSettle()).containsExactly(
                    settles("conservativeCareWeeks", Verdict.CONSERVATIVE_CARE_FIRST, "CAND-3"));
        }

        @Test
        void noConservativeCareTriedFailsCand3() {
            // when
            Assessment a = Engine.assess(Patients.candidate().conservativeCare(new ConservativeTreatment[0])
                    .conservativeCareWeeks(null));

            // then
            Finding f = finding(a, "CAND-3-NOT-TRIED");
            assertInputEvidence(f, "conservativeCare", List.of());
            assertThat(f.action()).isEqualTo("Start conservative care (physical therapy, injections or medications); "
                    + SAFETY_NET);
            assertStatus(a, "CAND-3", CriterionStatus.NOT_MET, "CAND-3-NOT-TRIED");
            assertDefinitive(a, Verdict.CONSERVATIVE_CARE_FIRST);
        }

        @Test
        void noConservativeCareForNoWeeksIsBothNotTriedAndTooShort() {
            // when
            Assessment a = Engine.assess(Patients.candidate().conservativeCare(new ConservativeTreatment[0])
                    .conservativeCareWeeks(0).conservativeCareRelieved(null));

            // then
            assertStatus(a, "CAND-3", CriterionStatus.NOT_MET, "CAND-3-NOT-TRIED", "CAND-3-TOO-SHORT");
        }

        @Test
        void conservativeCareThatRelievedTheSymptomsFailsCand3() {
            // when
            Assessment a = Engine.assess(Patients.candidate().conservativeCareRelieved(true));

            // then
            Finding f = finding(a, "CAND-3-RELIEVED");
            assertInputEvidence(f, "conservativeCareRelieved", true);
            assertThat(f.action()).isEqualTo("Continue conservative care; " + SAFETY_NET);
            assertStatus(a, "CAND-3", CriterionStatus.NOT_MET, "CAND-3-RELIEVED");
            assertDefinitive(a, Verdict.CONSERVATIVE_CARE_FIRST);
        }

        @ParameterizedTest(name = "{0} unknown leaves CAND-3 unknown")
        @EnumSource(value = Input.class, names = {"CONSERVATIVE_CARE", "CONSERVATIVE_CARE_RELIEVED"})
        void anUnknownPartOfTheCareLeavesCand3Unknown(Input input) {
            // when
            Assessment a = Engine.assess(Patients.candidate().set(input, null));

            // then
            assertUnknown(a, "CAND-3", input.jsonName());
        }

        @Test
        void nothingRecordedAboutConservativeCareAsksForAllThreeInputs() {
            // when
            Assessment a = Engine.assess(Patients.candidate().conservativeCare((ConservativeTreatment[]) null)
                    .conservativeCareWeeks(null).conservativeCareRelieved(null));

            // then
            assertUnknown(a, "CAND-3", "conservativeCare", "conservativeCareWeeks", "conservativeCareRelieved");
        }

        @Test
        void aKnownShortfallIsNotHiddenByAnUnknownInput() {
            // when
            Assessment a = Engine.assess(Patients.candidate().conservativeCareWeeks(4).conservativeCareRelieved(null));

            // then
            assertStatus(a, "CAND-3", CriterionStatus.NOT_MET, "CAND-3-TOO-SHORT");
            assertDefinitive(a, Verdict.CONSERVATIVE_CARE_FIRST);
        }

        @Nested
        @DisplayName("waivers: a red flag, moderate or severe myelopathy, a severe motor deficit")
        class Waivers {

            @Test
            void aRedFlagWaivesConservativeCare() {
                // given progressive weakness after one week of conservative care
                Assessment a = Engine.assess(Patients.candidate().progressiveMotorWeakness(true)
                        .conservativeCareWeeks(1));

                // then
                Finding f = finding(a, "CAND-3-WAIVED-RED-FLAG");
                assertThat(f.severity()).isEqualTo(Severity.INFO);
                assertInputEvidence(f, "progressiveMotorWeakness", true);
                assertThat(f.summary()).isEqualTo("Conservative care waived: a red flag is present");
                assertThat(f.detail()).contains("Red flag: progressive motor weakness");
                assertStatus(a, "CAND-3", CriterionStatus.MET, "CAND-3-WAIVED-RED-FLAG");
                assertThat(a.findingCodes()).doesNotContain("CAND-3-TOO-SHORT");
            }

            @Test
            void severalRedFlagsWaiveConservativeCareInOneFinding() {
                // given cauda equina signs and no conservative care at all
                Assessment a = Engine.assess(Patients.candidate().bladderBowelDysfunction(true).saddleAnaesthesia(true)
                        .conservativeCare(new ConservativeTreatment[0]).conservativeCareWeeks(0)
                        .conservativeCareRelieved(null));

                // then one waiver cites every flag
                Finding f = finding(a, "CAND-3-WAIVED-RED-FLAG");
                assertInputEvidence(f, "bladderBowelDysfunction", true);
                assertInputEvidence(f, "saddleAnaesthesia", true);
                assertStatus(a, "CAND-3", CriterionStatus.MET, "CAND-3-WAIVED-RED-FLAG");
            }

            @Test
            void anUnknownRedFlagLeavesAShortfallUndecided() {
                // given two weeks of care, bladder function not asked about
                Assessment a = Engine.assess(Patients.candidate().conservativeCareWeeks(2)
                        .bladderBowelDysfunction(null));

                // then a red flag would waive the shortfall: CAND-3 is not NOT_MET
                assertUnknown(a, "CAND-3", "bladderBowelDysfunction");
                assertThat(a.findingCodes()).doesNotContain("CAND-3-TOO-SHORT");
                // but for the verdict the flag decides alone: urgent evaluation, or else conservative care
                assertInsufficient(a, Verdict.URGENT_EVALUATION, Verdict.CONSERVATIVE_CARE_FIRST);
                assertThat(a.toSettle()).containsExactly(
                        settles("bladderBowelDysfunction", Verdict.URGENT_EVALUATION, "URG-1"));
            }

            @Test
            void failedCareMeetsCand3WhateverTheRedFlags() {
                // when
                Assessment a = Engine.assess(Patients.candidate().bladderBowelDysfunction(null)
                        .saddleAnaesthesia(null).progressiveMotorWeakness(null));

                // then
                assertStatus(a, "CAND-3", CriterionStatus.MET, "CAND-3-FAILED");
            }

            @ParameterizedTest(name = "mJOA {0} waives conservative care")
            @ValueSource(ints = {0, 11, 13, 14})
            void aModerateOrSevereMyelopathyWaivesConservativeCare(int mjoa) {
                // when
                Assessment a = Engine.assess(Patients.myelopathyCandidate().mjoaScore(mjoa));

                // then
                Finding f = finding(a, "CAND-3-WAIVED-MYELOPATHY");
                assertThresholdEvidence(f, "mjoaScore", mjoa, "<=", 14, "moderateMyelopathyMjoa");
                assertThat(evidence(f, "diagnoses", "contains").threshold()).isEqualTo("MYELOPATHY");
                assertStatus(a, "CAND-3", CriterionStatus.MET, "CAND-3-WAIVED-MYELOPATHY");
                assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            }

            @ParameterizedTest(name = "mJOA {0} (mild) does not waive it")
            @ValueSource(ints = {15, 17, 18})
            void aMildMyelopathyDoesNotWaiveConservativeCare(int mjoa) {
                // when
                Assessment a = Engine.assess(Patients.myelopathyCandidate().mjoaScore(mjoa));

                // then
                assertThat(a.findingCodes()).doesNotContain("CAND-3-WAIVED-MYELOPATHY");
                assertStatus(a, "CAND-3", CriterionStatus.NOT_MET, "CAND-3-NOT-TRIED", "CAND-3-TOO-SHORT");
                assertDefinitive(a, Verdict.CONSERVATIVE_CARE_FIRST);
            }

            @Test
            void anUnknownMjoaLeavesAMyelopathyWithoutCareUndecided() {
                // when
                Assessment a = Engine.assess(Patients.myelopathyCandidate().mjoaScore(null));

                // then
                assertUnknown(a, "CAND-3", "mjoaScore");
                assertThat(a.findingCodes()).doesNotContain("CAND-3-NOT-TRIED", "CAND-3-TOO-SHORT");
                assertInsufficient(a, Verdict.CONSERVATIVE_CARE_FIRST, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
                assertThat(a.toSettle()).containsExactly(
                        settles("mjoaScore", Verdict.CONSERVATIVE_CARE_FIRST, "CAND-3"));
            }

            @Test
            void anMjoaScoreWithoutAMyelopathyWaivesNothing() {
                // given a disc herniation with a low mJOA recorded but no myelopathy diagnosed, two weeks of care
                Assessment a = Engine.assess(Patients.candidate().mjoaScore(10).conservativeCareWeeks(2));

                // then
                assertStatus(a, "CAND-3", CriterionStatus.NOT_MET, "CAND-3-TOO-SHORT");
            }

            @ParameterizedTest(name = "MRC grade {0} waives conservative care")
            @ValueSource(ints = {0, 2, 3})
            void aSevereMotorDeficitWaivesConservativeCare(int mrc) {
                // given weakness of MRC grade 3 or less after two weeks of care
                Assessment a = Engine.assess(Patients.candidate().symptoms(Symptom.LEG_PAIN, Symptom.WEAKNESS)
                        .motorStrengthMrc(mrc).conservativeCareWeeks(2));

                // then
                Finding f = finding(a, "CAND-3-WAIVED-MOTOR-DEFICIT");
                assertThresholdEvidence(f, "motorStrengthMrc", mrc, "<=", 3, "severeMotorDeficitMrc");
                assertStatus(a, "CAND-3", CriterionStatus.MET, "CAND-3-WAIVED-MOTOR-DEFICIT");
                assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            }

            @ParameterizedTest(name = "MRC grade {0} does not waive it")
            @ValueSource(ints = {4, 5})
            void aMilderMotorDeficitDoesNotWaiveConservativeCare(int mrc) {
                // when
                Assessment a = Engine.assess(Patients.candidate().symptoms(Symptom.LEG_PAIN, Symptom.WEAKNESS)
                        .motorStrengthMrc(mrc).conservativeCareWeeks(2));

                // then
                assertThat(a.findingCodes()).doesNotContain("CAND-3-WAIVED-MOTOR-DEFICIT");
                assertStatus(a, "CAND-3", CriterionStatus.NOT_MET, "CAND-3-TOO-SHORT");
                assertDefinitive(a, Verdict.CONSERVATIVE_CARE_FIRST);
            }

            @Test
            void anUnknownMotorGradeWithWeaknessLeavesAShortfallUndecided() {
                // when
                Assessment a = Engine.assess(Patients.candidate().symptoms(Symptom.LEG_PAIN, Symptom.WEAKNESS)
                        .motorStrengthMrc(null).conservativeCareWeeks(2));

                // then
                assertUnknown(a, "CAND-3", "motorStrengthMrc");
                assertInsufficient(a, Verdict.CONSERVATIVE_CARE_FIRST, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            }

            @Test
            void withoutWeaknessAnUnknownMotorGradeCannotBeASevereDeficit() {
                // given symptoms known without weakness: the motor strength is then normal
                Assessment a = Engine.assess(Patients.candidate().motorStrengthMrc(null).conservativeCareWeeks(2));

                // then
                assertStatus(a, "CAND-3", CriterionStatus.NOT_MET, "CAND-3-TOO-SHORT");
            }

            @Test
            void unknownSymptomsAndMotorGradeLeaveAShortfallUndecided() {
                // when
                Assessment a = Engine.assess(Patients.candidate().symptoms((Symptom[]) null).motorStrengthMrc(null)
                        .conservativeCareWeeks(2));

                // then
                assertUnknown(a, "CAND-3", "symptoms", "motorStrengthMrc");
            }

            @Test
            void unknownDiagnosesLeaveAShortfallUndecided() {
                // given no diagnoses recorded: a myelopathy could waive the shortfall
                Assessment a = Engine.assess(Patients.candidate().diagnoses((Diagnosis[]) null)
                        .conservativeCareWeeks(2));

                // then
                assertUnknown(a, "CAND-3", "diagnoses", "mjoaScore");
            }
        }
    }

    @Nested
    @DisplayName("CAND-4: imaging and physical examination done")
    class Cand4Evaluation {

        @Test
        void imagingAndExaminationMeetCand4() {
            // when
            Assessment a = Engine.assess(Patients.candidate());

            // then
            Finding f = finding(a, "CAND-4-EVALUATED");
            assertInputEvidence(f, "imagingDone", true);
            assertInputEvidence(f, "physicalExamDone", true);
            assertStatus(a, "CAND-4", CriterionStatus.MET, "CAND-4-EVALUATED");
        }

        @Test
        void noImagingYetFailsCand4AndCand5() {
            // when
            Assessment a = Engine.assess(Patients.candidate().imagingDone(false).imagingConcordant(null));

            // then
            Finding f = finding(a, "CAND-4-NO-IMAGING");
            assertThat(f.action()).isEqualTo("Order spinal imaging");
            assertStatus(a, "CAND-4", CriterionStatus.NOT_MET, "CAND-4-NO-IMAGING");
            assertStatus(a, "CAND-5", CriterionStatus.NOT_MET, "CAND-5-NO-IMAGING");
            assertDefinitive(a, Verdict.FURTHER_EVALUATION);
            assertThat(decidingCodes(a)).containsExactly("CAND-4-NO-IMAGING", "CAND-5-NO-IMAGING");
        }

        @Test
        void noExaminationYetFailsCand4() {
            // when
            Assessment a = Engine.assess(Patients.candidate().physicalExamDone(false));

            // then
            Finding f = finding(a, "CAND-4-NO-EXAM");
            assertThat(f.action()).isEqualTo("Perform a physical examination");
            assertInputEvidence(f, "physicalExamDone", false);
            assertStatus(a, "CAND-4", CriterionStatus.NOT_MET, "CAND-4-NO-EXAM");
            assertDefinitive(a, Verdict.FURTHER_EVALUATION);
        }

        @ParameterizedTest(name = "{0} unknown leaves CAND-4 unknown")
        @EnumSource(value = Input.class, names = {"IMAGING_DONE", "PHYSICAL_EXAM_DONE"})
        void anUnrecordedPartOfTheEvaluationLeavesCand4Unknown(Input part) {
            // when
            Assessment a = Engine.assess(Patients.candidate().set(part, null));

            // then
            Finding f = finding(a, "CAND-4-UNKNOWN");
            assertThat(f.action()).isEqualTo("Record the imaging and physical examination");
            assertUnknown(a, "CAND-4", part.jsonName());
            assertInsufficient(a, Verdict.FURTHER_EVALUATION, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void aMissingExaminationDecidesCand4EvenWhenImagingIsUnknown() {
            // when
            Assessment a = Engine.assess(Patients.candidate().physicalExamDone(false).imagingDone(null));

            // then
            assertStatus(a, "CAND-4", CriterionStatus.NOT_MET, "CAND-4-NO-EXAM");
            assertDefinitive(a, Verdict.FURTHER_EVALUATION);
        }
    }

    @Nested
    @DisplayName("CAND-5: imaging pinpoints the cause")
    class Cand5Pinpointed {

        @Test
        void concordantImagingMeetsCand5() {
            // when
            Assessment a = Engine.assess(Patients.candidate());

            // then
            assertInputEvidence(finding(a, "CAND-5-PINPOINTED"), "imagingConcordant", true);
            assertStatus(a, "CAND-5", CriterionStatus.MET, "CAND-5-PINPOINTED");
        }

        @Test
        void imagingThatDoesNotMatchTheSymptomsFailsCand5AndCallsForFurtherEvaluation() {
            // when
            Assessment a = Engine.assess(Patients.candidate().imagingConcordant(false));

            // then
            Finding f = finding(a, "CAND-5-NOT-PINPOINTED");
            assertThat(f.action()).isEqualTo("Complete the work-up (further imaging, diagnostic injections, "
                    + "electrodiagnostic studies) until the cause is localised");
            assertStatus(a, "CAND-5", CriterionStatus.NOT_MET, "CAND-5-NOT-PINPOINTED");
            assertDefinitive(a, Verdict.FURTHER_EVALUATION);
            assertThat(decidingCodes(a)).containsExactly("CAND-5-NOT-PINPOINTED");
        }

        @Test
        void unknownConcordanceLeavesCand5Unknown() {
            // when
            Assessment a = Engine.assess(Patients.candidate().imagingConcordant(null));

            // then
            Finding f = finding(a, "CAND-5-UNKNOWN");
            assertThat(f.action()).isEqualTo("Compare the imaging with the symptoms and record whether they match");
            assertUnknown(a, "CAND-5", "imagingConcordant");
            assertInsufficient(a, Verdict.FURTHER_EVALUATION, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void unknownImagingAndConcordanceAskForBoth() {
            // when
            Assessment a = Engine.assess(Patients.candidate().imagingConcordant(null).imagingDone(null));

            // then
            assertUnknown(a, "CAND-5", "imagingConcordant", "imagingDone");
        }
    }

    @Nested
    @DisplayName("CAND-6: target accessible through small corridors")
    class Cand6Accessible {

        @Test
        void anAccessibleTargetMeetsCand6() {
            // when
            Assessment a = Engine.assess(Patients.candidate());

            // then
            assertInputEvidence(finding(a, "CAND-6-ACCESSIBLE"), "targetAccessible", true);
            assertStatus(a, "CAND-6", CriterionStatus.MET, "CAND-6-ACCESSIBLE");
        }

        @Test
        void anInaccessibleTargetFailsCand6() {
            // when
            Assessment a = Engine.assess(Patients.candidate().targetAccessible(false));

            // then
            assertInputEvidence(finding(a, "CAND-6-NOT-ACCESSIBLE"), "targetAccessible", false);
            assertStatus(a, "CAND-6", CriterionStatus.NOT_MET, "CAND-6-NOT-ACCESSIBLE");
            assertDefinitive(a, Verdict.OPEN_SURGERY_PREFERRED);
        }

        @Test
        void unassessedAccessLeavesCand6Unknown() {
            // when
            Assessment a = Engine.assess(Patients.candidate().targetAccessible(null));

            // then
            assertThat(finding(a, "CAND-6-UNKNOWN").action()).isEqualTo("Have the surgeon assess access to the target");
            assertUnknown(a, "CAND-6", "targetAccessible");
            assertInsufficient(a, Verdict.OPEN_SURGERY_PREFERRED, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }
    }

    @Nested
    @DisplayName("CAND-7: no severe systemic condition, anatomy not complex")
    class Cand7Health {

        @Test
        void theSummaryNamesWhatWasCheckedAndDoesNotCallThePatientHealthy() {
            // given a smoker with diabetes and ASA 3, no severe systemic condition and simple anatomy
            Assessment a = Engine.assess(Patients.candidate().asaClass(3).comorbidities(Comorbidity.DIABETES)
                    .smokingStatus(SmokingStatus.CURRENT));

            // then CAND-7 is met, but the patient is not called healthy: the risk factors are listed apart
            Finding f = finding(a, "CAND-7-MET");
            assertThat(f.summary()).isEqualTo(
                    "No clinician-flagged severe systemic condition; no complex spinal anatomy or fusion mass");
            assertThat(f.summary() + f.detail()).doesNotContainIgnoringCase("healthy");
            assertInputEvidence(f, "severeSystemicCondition", false);
            assertInputEvidence(f, "complexSpinalAnatomy", false);
            assertInputEvidence(f, "existingFusionMass", false);
            assertStatus(a, "CAND-7", CriterionStatus.MET, "CAND-7-MET");
            assertThat(a.findingCodes()).contains("RISK-ASA", "RISK-COMORBIDITY", "RISK-SMOKER");
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void asaFourDoesNotFailCand7() {
            // when
            Assessment a = Engine.assess(Patients.candidate().asaClass(4));

            // then
            assertStatus(a, "CAND-7", CriterionStatus.MET, "CAND-7-MET");
        }

        @ParameterizedTest(name = "{0} = true fails CAND-7")
        @EnumSource(value = Input.class,
                names = {"COMPLEX_SPINAL_ANATOMY", "EXISTING_FUSION_MASS", "SEVERE_SYSTEMIC_CONDITION"})
        void complexAnatomyOrASevereConditionFailsCand7(Input flag) {
            // when
            Assessment a = Engine.assess(Patients.candidate().set(flag, true));

            // then
            Finding f = finding(a, "CAND-7-NOT-MET");
            assertInputEvidence(f, flag.jsonName(), true);
            assertStatus(a, "CAND-7", CriterionStatus.NOT_MET, "CAND-7-NOT-MET");
            assertDefinitive(a, Verdict.OPEN_SURGERY_PREFERRED);
        }

        @Test
        void complexAnatomyAndASevereConditionFailCand7InOneFinding() {
            // when
            Assessment a = Engine.assess(Patients.candidate().complexSpinalAnatomy(true).severeSystemicCondition(true));

            // then
            Finding f = finding(a, "CAND-7-NOT-MET");
            assertThat(f.summary()).isEqualTo("Complex anatomy or a severe systemic condition");
            assertInputEvidence(f, "complexSpinalAnatomy", true);
            assertInputEvidence(f, "severeSystemicCondition", true);
            assertStatus(a, "CAND-7", CriterionStatus.NOT_MET, "CAND-7-NOT-MET");
        }

        @ParameterizedTest(name = "{0} unknown leaves CAND-7 unknown")
        @EnumSource(value = Input.class,
                names = {"COMPLEX_SPINAL_ANATOMY", "EXISTING_FUSION_MASS", "SEVERE_SYSTEMIC_CONDITION"})
        void anUnrecordedConditionOrAnatomyLeavesCand7Unknown(Input input) {
            // when
            Assessment a = Engine.assess(Patients.candidate().set(input, null));

            // then
            assertThat(finding(a, "CAND-7-UNKNOWN").action())
                    .isEqualTo("Record severe systemic conditions and the spinal anatomy");
            assertUnknown(a, "CAND-7", input.jsonName());
            assertInsufficient(a, Verdict.OPEN_SURGERY_PREFERRED, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void aKnownFusionMassDecidesCand7WhileTheSevereConditionIsUnknown() {
            // when
            Assessment a = Engine.assess(Patients.candidate().existingFusionMass(true).severeSystemicCondition(null));

            // then
            assertStatus(a, "CAND-7", CriterionStatus.NOT_MET, "CAND-7-NOT-MET");
            assertDefinitive(a, Verdict.OPEN_SURGERY_PREFERRED);
        }
    }

    @Nested
    @DisplayName("CAND-8: the open-surgery screen is complete and finds nothing")
    class Cand8OpenScreen {

        private static final List<String> DEFORMITY_PARAMETERS =
                List.of("svaCm", "pelvicTiltDeg", "piMinusLlDeg", "thoracicKyphosisDeg", "rigidDeformity");

        @Test
        void aCompleteScreenThatFindsNothingMeetsCand8() {
            // when
            Assessment a = Engine.assess(Patients.candidate());

            // then the screen rests on the diagnoses and procedure (OPEN-1 does not apply), the expected
            // visualisation, the levels and the diagnoses (no spondylolisthesis)
            Finding f = finding(a, "CAND-8-MET");
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThresholdEvidence(f, "levels", 1, "<", 3, "openPreferredLevels");
            assertInputEvidence(f, "difficultVisualisation", false);
            assertInputEvidence(f, "plannedProcedure", "LUMBAR_DISCECTOMY");
            assertStatus(a, "CAND-8", CriterionStatus.MET, "CAND-8-MET");
            assertThat(criterion(a, "CAND-8").decidedBy()).extracting(Evidence::input)
                    .containsExactly("diagnoses", "plannedProcedure", "difficultVisualisation", "levels");
        }

        @Test
        void aDeformityWithinTheLimitsMeetsCand8() {
            // when
            Assessment a = Engine.assess(Patients.deformityCandidate());

            // then
            Finding f = finding(a, "CAND-8-MET");
            assertThresholdEvidence(f, "svaCm", 4, "<=", 6, "maxSvaCm");
            assertThresholdEvidence(f, "pelvicTiltDeg", 20, "<=", 25, "maxPelvicTiltDeg");
            assertThresholdEvidence(f, "piMinusLlDeg", 8, "<=", 30, "maxPiMinusLlDeg");
            assertThresholdEvidence(f, "thoracicKyphosisDeg", 40, "<=", 60, "maxThoracicKyphosisDeg");
            assertInputEvidence(f, "rigidDeformity", false);
            assertStatus(a, "CAND-8", CriterionStatus.MET, "CAND-8-MET");
        }

        @ParameterizedTest(name = "{0} unknown leaves CAND-8 unknown")
        @EnumSource(value = Input.class, names = {"LEVELS", "DIFFICULT_VISUALISATION"})
        void unknownLevelsOrVisualisationLeaveCand8Unknown(Input input) {
            // when
            Assessment a = Engine.assess(Patients.candidate().set(input, null));

            // then
            Finding f = finding(a, "CAND-8-UNKNOWN");
            assertThat(f.action()).isEqualTo("Record the levels, the expected visualisation, the deformity "
                    + "parameters and the slip grade where they apply");
            assertUnknown(a, "CAND-8", input.jsonName());
            assertInsufficient(a, Verdict.OPEN_SURGERY_PREFERRED, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @ParameterizedTest(name = "{0} unknown for a deformity leaves CAND-8 unknown")
        @EnumSource(value = Input.class,
                names = {"SVA_CM", "PELVIC_TILT_DEG", "PI_MINUS_LL_DEG", "THORACIC_KYPHOSIS_DEG", "RIGID_DEFORMITY"})
        void anUnknownDeformityParameterLeavesCand8Unknown(Input parameter) {
            // when
            Assessment a = Engine.assess(Patients.deformityCandidate().set(parameter, null));

            // then
            assertUnknown(a, "CAND-8", parameter.jsonName());
            assertInsufficient(a, Verdict.OPEN_SURGERY_PREFERRED, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            assertThat(a.toSettle()).containsExactly(
                    settles(parameter.jsonName(), Verdict.OPEN_SURGERY_PREFERRED, "OPEN-1"));
        }

        @ParameterizedTest(name = "{0} unknown before a fusion leaves CAND-8 unknown")
        @EnumSource(value = Input.class,
                names = {"SVA_CM", "PELVIC_TILT_DEG", "PI_MINUS_LL_DEG", "THORACIC_KYPHOSIS_DEG", "RIGID_DEFORMITY"})
        void anUnknownParameterBeforeAFusionLeavesCand8Unknown(Input parameter) {
            // when
            Assessment a = Engine.assess(Patients.spondylolisthesisCandidate().set(parameter, null));

            // then
            assertUnknown(a, "CAND-8", parameter.jsonName());
        }

        @Test
        void anUnknownProcedureCouldBeAFusionSoTheDeformityParametersAreAskedFor() {
            // given a disc herniation, the planned procedure not recorded (nor the deformity parameters)
            Assessment a = Engine.assess(Patients.candidate().plannedProcedure(null));

            // then
            CriterionResult c = criterion(a, "CAND-8");
            assertThat(c.status()).isEqualTo(CriterionStatus.UNKNOWN);
            assertThat(c.toCollect()).startsWith("plannedProcedure").containsAll(DEFORMITY_PARAMETERS).hasSize(6);
            assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
        }

        @Test
        void anUnknownProcedureNeedsNothingMoreWhenTheDeformityParametersAreKnown() {
            // given a deformity within the limits, the planned procedure not recorded
            Assessment a = Engine.assess(Patients.deformityCandidate().plannedProcedure(null));

            // then whatever the procedure, the deformity is within the limits
            assertStatus(a, "CAND-8", CriterionStatus.MET, "CAND-8-MET");
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void anUnknownSlipGradeLeavesCand8Unknown() {
            // when
            Assessment a = Engine.assess(Patients.spondylolisthesisCandidate().spondylolisthesisGrade(null));

            // then
            assertUnknown(a, "CAND-8", "spondylolisthesisGrade");
            assertThat(a.toSettle()).containsExactly(
                    settles("spondylolisthesisGrade", Verdict.OPEN_SURGERY_PREFERRED, "OPEN-8"));
        }

        @Test
        void anOpenSurgeryCriterionFailsCand8() {
            // when
            Assessment a = Engine.assess(Patients.candidate().levels(3));

            // then
            Finding f = finding(a, "CAND-8-NOT-MET");
            assertThat(f.summary()).isEqualTo("An open-surgery criterion holds: OPEN-5");
            assertThresholdEvidence(f, "levels", 3, ">=", 3, "openPreferredLevels");
            assertStatus(a, "CAND-8", CriterionStatus.NOT_MET, "CAND-8-NOT-MET");
        }

        @Test
        void severalOpenSurgeryCriteriaFailCand8InOneFinding() {
            // when
            Assessment a = Engine.assess(Patients.candidate().levels(3).existingFusionMass(true));

            // then
            Finding f = finding(a, "CAND-8-NOT-MET");
            assertThat(f.summary()).isEqualTo("An open-surgery criterion holds: OPEN-2, OPEN-5");
            assertInputEvidence(f, "existingFusionMass", true);
            assertThresholdEvidence(f, "levels", 3, ">=", 3, "openPreferredLevels");
            assertStatus(a, "CAND-8", CriterionStatus.NOT_MET, "CAND-8-NOT-MET");
            assertStatus(a, "CAND-7", CriterionStatus.NOT_MET, "CAND-7-NOT-MET");
        }

        @Test
        void aKnownOpenSurgeryCriterionDecidesCand8WhileAnotherScreenInputIsUnknown() {
            // when
            Assessment a = Engine.assess(Patients.candidate().levels(4).difficultVisualisation(null));

            // then
            assertStatus(a, "CAND-8", CriterionStatus.NOT_MET, "CAND-8-NOT-MET");
            assertDefinitive(a, Verdict.OPEN_SURGERY_PREFERRED);
        }

        @Test
        void unknownAnatomyOrAccessAlsoLeaveTheScreenIncomplete() {
            // when
            Assessment anatomy = Engine.assess(Patients.candidate().complexSpinalAnatomy(null));
            Assessment access = Engine.assess(Patients.candidate().targetAccessible(null));
            Assessment condition = Engine.assess(Patients.candidate().severeSystemicCondition(null));

            // then
            assertUnknown(anatomy, "CAND-8", "complexSpinalAnatomy");
            assertUnknown(access, "CAND-8", "targetAccessible");
            assertUnknown(condition, "CAND-8", "severeSystemicCondition");
        }

        @Test
        void aDecompressionWithoutADeformityNeedsNoDeformityParameters() {
            // given a laminectomy for stenosis: no deformity, no fusion
            Assessment a = Engine.assess(Patients.candidate().diagnoses(Diagnosis.SPINAL_STENOSIS)
                    .plannedProcedure(Procedure.DECOMPRESSIVE_LAMINECTOMY));

            // then
            assertStatus(a, "CAND-8", CriterionStatus.MET, "CAND-8-MET");
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }
    }

    @Nested
    @DisplayName("Lists known member by member (not known complete)")
    class ListsKnownMemberByMember {

        @Test
        void aKnownHerniatedDiscWithTheOtherDiagnosesUnknownIsATreatableCondition() {
            // given a confirmed herniated disc and radiculopathy; nothing else known of the diagnoses
            var patient = Patients.candidate().members(Input.DIAGNOSES,
                    List.of(Diagnosis.HERNIATED_DISC, Diagnosis.RADICULOPATHY), null);

            // when
            Assessment a = Engine.assess(patient);

            // then CAND-1 is met and says which members it rests on; an unknown deformity or slip still
            // leaves open surgery possible
            assertStatus(a, "CAND-1", CriterionStatus.MET, "CAND-1-CONDITION");
            Finding f = finding(a, "CAND-1-CONDITION");
            assertThat(f.detail()).startsWith("The diagnoses [HERNIATED_DISC, RADICULOPATHY] (those known present; "
                    + "the list is not known complete) include [HERNIATED_DISC]");
            assertThat(evidence(f, "diagnoses", "contains-any").value()).asInstanceOf(LIST)
                    .containsExactly("HERNIATED_DISC", "RADICULOPATHY");
            assertThat(a.findingCodes()).doesNotContain("CAND-1-DIAGNOSES-UNKNOWN", "SCOPE-UNKNOWN");
            assertInsufficient(a, Verdict.OPEN_SURGERY_PREFERRED, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            // (an unknown deformity would bring in its limits, an unknown slip its grade)
            assertThat(a.missingInputs()).startsWith("diagnoses").contains("svaCm", "spondylolisthesisGrade");
        }

        @Test
        void deformityAndSlipKnownAbsentSettleTheOpenScreenThoughTheListIsIncomplete() {
            // when
            Assessment a = Engine.assess(Patients.candidate().members(Input.DIAGNOSES,
                    List.of(Diagnosis.HERNIATED_DISC, Diagnosis.RADICULOPATHY),
                    List.of(Diagnosis.SCOLIOSIS_DEFORMITY, Diagnosis.SPONDYLOLISTHESIS)));

            // then
            assertStatus(a, "CAND-8", CriterionStatus.MET, "CAND-8-MET");
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void noTreatableDiagnosisKnownPresentLeavesCand1Unknown() {
            // given only OTHER known present and a bulging disc known absent
            Assessment a = Engine.assess(Patients.candidate().members(Input.DIAGNOSES,
                    List.of(Diagnosis.OTHER), List.of(Diagnosis.BULGING_DISC)));

            // then neither met nor not met: an unknown member may be a treatable one
            assertUnknown(a, "CAND-1", "diagnoses");
            assertThat(finding(a, "CAND-1-DIAGNOSES-UNKNOWN").detail())
                    .startsWith("The diagnoses known present [OTHER] include no condition")
                    .contains("not known complete");
            assertThat(a.findingCodes()).doesNotContain("CAND-1-NO-CONDITION", "SCOPE-NO-CONDITION");
            assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
        }

        @Test
        void symptomsKnownPresentCountForCand2() {
            // given leg pain confirmed, the other symptoms unknown
            Assessment a = Engine.assess(Patients.candidate().members(Input.SYMPTOMS, List.of(Symptom.LEG_PAIN), null));

            // then
            assertStatus(a, "CAND-2", CriterionStatus.MET, "CAND-2-SYMPTOMS");
            assertThat(finding(a, "CAND-2-SYMPTOMS").detail()).contains("[LEG_PAIN] (those known present; the list "
                    + "is not known complete)");
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void onlyNeckPainKnownPresentLeavesCand2Unknown() {
            // when
            Assessment a = Engine.assess(Patients.candidate().members(Input.SYMPTOMS, List.of(Symptom.NECK_PAIN),
                    List.of(Symptom.LEG_PAIN)));

            // then an unknown symptom may still count: not "no qualifying symptom"
            assertThat(a.findingCodes()).doesNotContain("CAND-2-NO-QUALIFYING-SYMPTOMS");
            assertUnknown(a, "CAND-2", "symptoms");
        }

        @Test
        void conservativeCareKnownTriedCountsForCand3() {
            // given physiotherapy known tried for 12 weeks without relief; whether other care was tried is unknown
            Assessment a = Engine.assess(Patients.candidate()
                    .members(Input.CONSERVATIVE_CARE, List.of(ConservativeTreatment.PHYSICAL_THERAPY), null));

            // then
            assertStatus(a, "CAND-3", CriterionStatus.MET, "CAND-3-FAILED");
            Finding f = finding(a, "CAND-3-FAILED");
            assertThat(f.detail()).contains("[PHYSICAL_THERAPY] (the treatments known tried; the list is not known complete)");
            assertThat(evidence(f, "conservativeCare", "contains-any").value()).asInstanceOf(LIST)
                    .containsExactly("PHYSICAL_THERAPY");
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void aMyelopathyKnownPresentWaivesCareForAModerateScore() {
            // given a myelopathy confirmed (other diagnoses unknown), mJOA 11, no conservative care
            Assessment a = Engine.assess(Patients.myelopathyCandidate().mjoaScore(11)
                    .members(Input.DIAGNOSES, List.of(Diagnosis.MYELOPATHY, Diagnosis.SPINAL_STENOSIS), null));

            // then
            assertThat(a.findingCodes()).contains("CAND-3-WAIVED-MYELOPATHY");
            assertThat(criterion(a, "CAND-3").status()).isEqualTo(CriterionStatus.MET);
        }
    }
}
