package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinecds.rules.Findings.assertInputEvidence;
import static org.spinecds.rules.Findings.assertThresholdEvidence;
import static org.spinecds.rules.Findings.assertUnknown;
import static org.spinecds.rules.Findings.criterion;
import static org.spinecds.rules.Findings.evidence;
import static org.spinecds.rules.Findings.finding;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.spinecds.Assessment;
import org.spinecds.Category;
import org.spinecds.CriterionStatus;
import org.spinecds.Finding;
import org.spinecds.Severity;
import org.spinecds.Verdict;
import org.spinecds.patient.ConservativeTreatment;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Input;
import org.spinecds.patient.Symptom;

/**
 * candidacy.drl: CAND-1 to CAND-7, each MET, NOT_MET or UNKNOWN; an unknown input never decides a
 * criterion either way.
 */
@DisplayName("Candidacy (CAND-1 to CAND-7)")
class CandidacyTest {

    @Test
    void theReferenceCandidateMeetsEveryCriterion() {
        // given the fixture candidate
        // when
        Assessment a = Engine.assess(Patients.candidate());

        // then
        assertThat(a.criteria()).extracting(c -> c.status()).containsOnly(CriterionStatus.MET).hasSize(7);
        assertThat(a.missingInputs()).isEmpty();
        assertThat(a.verdict()).isEqualTo(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
    }

    @Nested
    @DisplayName("CAND-1: a condition minimally invasive surgery treats")
    class Cand1Condition {

        @ParameterizedTest(name = "{0} is a treatable condition")
        @EnumSource(value = Diagnosis.class,
                names = {"HERNIATED_DISC", "BULGING_DISC", "SPINAL_STENOSIS", "SPONDYLOLISTHESIS", "SPINAL_INSTABILITY"})
        void aTreatableDiagnosisMeetsCand1(Diagnosis diagnosis) {
            // given
            var patient = Patients.candidate().diagnoses(diagnosis);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "CAND-1-CONDITION");
            assertThat(f.category()).isEqualTo(Category.CANDIDACY);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(evidence(f, "diagnoses", "contains-any").value()).asInstanceOf(LIST).containsExactly(diagnosis.name());
            assertThat(a.criterionStatus("CAND-1")).isEqualTo(CriterionStatus.MET);
        }

        @Test
        void degenerativeDiscDiseaseWithInstabilityMeetsCand1() {
            // given
            var patient = Patients.candidate().diagnoses(Diagnosis.DEGENERATIVE_DISC_DISEASE, Diagnosis.SPINAL_INSTABILITY);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).contains("CAND-1-CONDITION");
            assertThat(a.criterionStatus("CAND-1")).isEqualTo(CriterionStatus.MET);
        }

        @Test
        void degenerativeDiscDiseaseWithoutInstabilityIsNotEnough() {
            // given degenerative disc disease alone (the catalogue asks for it with instability)
            var patient = Patients.candidate().diagnoses(Diagnosis.DEGENERATIVE_DISC_DISEASE);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).doesNotContain("CAND-1-CONDITION").contains("CAND-1-NO-CONDITION");
            assertThat(a.criterionStatus("CAND-1")).isEqualTo(CriterionStatus.NOT_MET);
        }

        @Test
        void unknownDiagnosesDoNotMeetCand1() {
            // given
            var patient = Patients.candidate().diagnoses((Diagnosis[]) null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).doesNotContain("CAND-1-CONDITION", "CAND-1-NO-CONDITION");
            assertUnknown(a, "CAND-1", "diagnoses");
        }

        @Test
        void noTreatableConditionFailsCand1AndSurgeryIsNotIndicated() {
            // given a diagnosis outside the treatable list
            var patient = Patients.candidate().diagnoses(Diagnosis.OTHER);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "CAND-1-NO-CONDITION");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(evidence(f, "diagnoses", "contains-none").value()).asInstanceOf(LIST).containsExactly("OTHER");
            assertThat(a.criterionStatus("CAND-1")).isEqualTo(CriterionStatus.NOT_MET);
            assertThat(a.verdict()).isEqualTo(Verdict.SURGERY_NOT_INDICATED);
        }

        @Test
        void anEmptyListOfDiagnosesMeansNoTreatableCondition() {
            // given diagnoses recorded as "none"
            var patient = Patients.candidate().diagnoses(new Diagnosis[0]);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).contains("CAND-1-NO-CONDITION");
            assertThat(a.criterionStatus("CAND-1")).isEqualTo(CriterionStatus.NOT_MET);
        }

        @Test
        void aTreatableConditionBesideAnotherIsNotNoCondition() {
            // given a herniated disc beside an unrelated diagnosis
            var patient = Patients.candidate().diagnoses(Diagnosis.HERNIATED_DISC, Diagnosis.OTHER);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).doesNotContain("CAND-1-NO-CONDITION");
        }

        @Test
        void diagnosesUnknownIsReportedAsUnknownNotAsNoCondition() {
            // given
            var patient = Patients.candidate().diagnoses((Diagnosis[]) null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "CAND-1-DIAGNOSES-UNKNOWN");
            assertThat(f.action()).isEqualTo("Record the spinal diagnoses");
            assertThat(criterion(a, "CAND-1").toCollect()).containsExactly("diagnoses");
            assertThat(a.missingInputs()).containsExactly("diagnoses");
            assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
        }

        @Test
        void knownDiagnosesAreNotReportedUnknown() {
            // given
            var patient = Patients.candidate().diagnoses(Diagnosis.OTHER);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).doesNotContain("CAND-1-DIAGNOSES-UNKNOWN");
            assertThat(a.missingInputs()).doesNotContain("diagnoses");
        }
    }

    @Nested
    @DisplayName("CAND-1: a spinal deformity counts only within the minimally invasive limits")
    class Cand1Deformity {

        @Test
        void aDeformityWithinEveryLimitMeetsCand1() {
            // given scoliosis with SVA 4 cm, PT 20, PI-LL 20, TK 40, not rigid
            // when
            Assessment a = Engine.assess(Patients.deformityCandidate());

            // then
            Finding f = finding(a, "CAND-1-DEFORMITY-WITHIN-LIMITS");
            assertThresholdEvidence(f, "svaCm", 4, "<=", 6, "maxSvaCm");
            assertThresholdEvidence(f, "pelvicTiltDeg", 20, "<=", 25, "maxPelvicTiltDeg");
            assertThresholdEvidence(f, "piMinusLlDeg", 20, "<=", 30, "maxPiMinusLlDeg");
            assertThresholdEvidence(f, "thoracicKyphosisDeg", 40, "<=", 60, "maxThoracicKyphosisDeg");
            assertInputEvidence(f, "rigidDeformity", false);
            assertThat(a.criterionStatus("CAND-1")).isEqualTo(CriterionStatus.MET);
            assertThat(a.verdict()).isEqualTo(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void aDeformityExactlyAtEveryLimitIsStillWithinLimits() {
            // given SVA 6 cm, PT 25, PI-LL 30, TK 60: none is above its limit
            var patient = Patients.deformityCandidate()
                    .svaCm(6.0).pelvicTiltDeg(25.0).piMinusLlDeg(30.0).thoracicKyphosisDeg(60.0);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "CAND-1-DEFORMITY-WITHIN-LIMITS");
            assertThresholdEvidence(f, "svaCm", 6, "<=", 6, "maxSvaCm");
            assertThat(a.findingCodes()).doesNotContain("CAND-1-DEFORMITY-BEYOND-LIMITS");
            assertThat(a.criterionStatus("CAND-1")).isEqualTo(CriterionStatus.MET);
        }

        @ParameterizedTest(name = "{0} = {1} is beyond the limits")
        @CsvSource({
                "SVA_CM,                6.1,  OPEN-SVA",
                "PELVIC_TILT_DEG,       25.5, OPEN-PELVIC-TILT",
                "PI_MINUS_LL_DEG,       31,   OPEN-PI-LL",
                "THORACIC_KYPHOSIS_DEG, 61,   OPEN-KYPHOSIS"
        })
        void oneParameterJustBeyondItsLimitFailsCand1InFavourOfOpenSurgery(Input parameter, double value,
                                                                           String openCode) {
            // given an otherwise moderate deformity
            var patient = Patients.deformityCandidate().set(parameter, value);

            // when
            Assessment a = Engine.assess(patient);

            // then CAND-1 fails through the OPEN-1 finding, and open surgery (not "no surgery") is preferred
            assertThat(a.findingCodes()).contains("CAND-1-DEFORMITY-BEYOND-LIMITS", openCode)
                    .doesNotContain("CAND-1-DEFORMITY-WITHIN-LIMITS");
            Finding f = finding(a, "CAND-1-DEFORMITY-BEYOND-LIMITS");
            assertThat(f.summary()).contains(openCode);
            assertThat(f.evidence()).anySatisfy(e -> assertThat(e.input()).isEqualTo(parameter.jsonName()));
            assertThat(a.criterionStatus("CAND-1")).isEqualTo(CriterionStatus.NOT_MET);
            assertThat(a.verdict()).isEqualTo(Verdict.OPEN_SURGERY_PREFERRED);
        }

        @Test
        void aRigidDeformityFailsCand1InFavourOfOpenSurgery() {
            // given
            var patient = Patients.deformityCandidate().rigidDeformity(true);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "CAND-1-DEFORMITY-BEYOND-LIMITS");
            assertInputEvidence(f, "rigidDeformity", true);
            assertThat(a.criterionStatus("CAND-1")).isEqualTo(CriterionStatus.NOT_MET);
            assertThat(a.verdict()).isEqualTo(Verdict.OPEN_SURGERY_PREFERRED);
        }

        @Test
        void aCobbAngleAboveTwentyAloneKeepsTheDeformityWithinLimits() {
            // given a 35 degree coronal curve, everything else within limits
            var patient = Patients.deformityCandidate().cobbAngleDeg(35.0);

            // when
            Assessment a = Engine.assess(patient);

            // then the Cobb angle is a warning only
            assertThat(a.findingCodes()).contains("CAND-1-DEFORMITY-WITHIN-LIMITS", "OPEN-COBB-WARNING")
                    .doesNotContain("CAND-1-DEFORMITY-BEYOND-LIMITS");
            assertThat(a.verdict()).isEqualTo(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @ParameterizedTest(name = "{0} unknown leaves CAND-1 unknown")
        @EnumSource(value = Input.class,
                names = {"SVA_CM", "PELVIC_TILT_DEG", "PI_MINUS_LL_DEG", "THORACIC_KYPHOSIS_DEG", "RIGID_DEFORMITY"})
        void anUnmeasuredParameterLeavesCand1Unknown(Input parameter) {
            // given a deformity with one parameter not measured, the others within limits
            var patient = Patients.deformityCandidate().set(parameter, null);

            // when
            Assessment a = Engine.assess(patient);

            // then it is neither within nor beyond the limits
            Finding f = finding(a, "CAND-1-DEFORMITY-UNKNOWN");
            assertThat(f.action()).contains("standing full-spine radiographs");
            assertThat(a.findingCodes())
                    .doesNotContain("CAND-1-DEFORMITY-WITHIN-LIMITS", "CAND-1-DEFORMITY-BEYOND-LIMITS");
            assertUnknown(a, "CAND-1", parameter.jsonName());
            assertThat(criterion(a, "CAND-1").toCollect()).containsExactly(parameter.jsonName());
            assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
        }

        @Test
        void aFullyMeasuredDeformityIsNotUnknown() {
            // when
            Assessment a = Engine.assess(Patients.deformityCandidate());

            // then
            assertThat(a.findingCodes()).doesNotContain("CAND-1-DEFORMITY-UNKNOWN");
        }

        @Test
        void oneParameterBeyondItsLimitDecidesEvenWhenAnotherIsUnknown() {
            // given SVA 9 cm while the pelvic tilt was not measured
            var patient = Patients.deformityCandidate().svaCm(9.0).pelvicTiltDeg(null);

            // when
            Assessment a = Engine.assess(patient);

            // then the known excess decides: not unknown
            assertThat(a.findingCodes()).contains("CAND-1-DEFORMITY-BEYOND-LIMITS")
                    .doesNotContain("CAND-1-DEFORMITY-UNKNOWN");
            assertThat(a.criterionStatus("CAND-1")).isEqualTo(CriterionStatus.NOT_MET);
            assertThat(a.verdict()).isEqualTo(Verdict.OPEN_SURGERY_PREFERRED);
        }

        @Test
        void unmeasuredDeformityLeavesCand1UnknownEvenBesideAnotherTreatableCondition() {
            // given stenosis and a scoliosis whose parameters were not measured
            var patient = Patients.candidate().diagnoses(Diagnosis.SPINAL_STENOSIS, Diagnosis.SCOLIOSIS_DEFORMITY);

            // when
            Assessment a = Engine.assess(patient);

            // then the deformity may need open surgery: its parameters must be measured first
            assertThat(a.findingCodes()).contains("CAND-1-DEFORMITY-UNKNOWN").doesNotContain("CAND-1-CONDITION",
                    "CAND-1-DEFORMITY-WITHIN-LIMITS", "CAND-1-DEFORMITY-BEYOND-LIMITS");
            assertUnknown(a, "CAND-1", "svaCm", "pelvicTiltDeg", "piMinusLlDeg", "thoracicKyphosisDeg", "rigidDeformity");
            assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
        }
    }

    @Nested
    @DisplayName("CAND-2: persisting symptoms of nerve compression")
    class Cand2Symptoms {

        @ParameterizedTest(name = "{0} that persists meets CAND-2")
        @EnumSource(value = Symptom.class, names = {"LEG_PAIN", "ARM_PAIN", "NUMBNESS", "WEAKNESS"})
        void aPersistingNerveCompressionSymptomMeetsCand2(Symptom symptom) {
            // given
            var patient = Patients.candidate().symptoms(symptom).symptomsPersist(true);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "CAND-2-SYMPTOMS");
            assertThat(evidence(f, "symptoms", "contains-any").value()).asInstanceOf(LIST).containsExactly(symptom.name());
            assertInputEvidence(f, "symptomsPersist", true);
            assertThat(a.criterionStatus("CAND-2")).isEqualTo(CriterionStatus.MET);
        }

        @ParameterizedTest(name = "{0} alone is not a symptom of nerve compression")
        @EnumSource(value = Symptom.class, names = {"BACK_PAIN", "NECK_PAIN"})
        void axialPainAloneFailsCand2AndSurgeryIsNotIndicated(Symptom axialPain) {
            // given persisting back or neck pain without radiation, numbness or weakness
            var patient = Patients.candidate().symptoms(axialPain).symptomsPersist(true);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).doesNotContain("CAND-2-SYMPTOMS");
            Finding f = finding(a, "CAND-2-NO-NERVE-SYMPTOMS");
            assertThat(evidence(f, "symptoms", "contains-none").value()).asInstanceOf(LIST).containsExactly(axialPain.name());
            assertThat(a.criterionStatus("CAND-2")).isEqualTo(CriterionStatus.NOT_MET);
            assertThat(a.verdict()).isEqualTo(Verdict.SURGERY_NOT_INDICATED);
        }

        @Test
        void backPainWithLegPainIsNerveCompressionNotAxialPain() {
            // given the candidate's back and leg pain
            // when
            Assessment a = Engine.assess(Patients.candidate());

            // then
            assertThat(a.findingCodes()).contains("CAND-2-SYMPTOMS").doesNotContain("CAND-2-NO-NERVE-SYMPTOMS");
        }

        @Test
        void noSymptomsAtAllFailCand2() {
            // given symptoms recorded as none
            var patient = Patients.candidate().symptoms(new Symptom[0]).symptomDurationWeeks(null).symptomsPersist(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).contains("CAND-2-NO-NERVE-SYMPTOMS").doesNotContain("CAND-2-UNKNOWN");
            assertThat(a.criterionStatus("CAND-2")).isEqualTo(CriterionStatus.NOT_MET);
        }

        @Test
        void symptomsThatNoLongerPersistFailCand2() {
            // given leg pain that has settled
            var patient = Patients.candidate().symptomsPersist(false);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "CAND-2-NOT-PERSISTING");
            assertInputEvidence(f, "symptomsPersist", false);
            assertThat(a.findingCodes()).doesNotContain("CAND-2-SYMPTOMS");
            assertThat(a.criterionStatus("CAND-2")).isEqualTo(CriterionStatus.NOT_MET);
            assertThat(a.verdict()).isEqualTo(Verdict.SURGERY_NOT_INDICATED);
        }

        @Test
        void persistingSymptomsAreNotReportedAsSettled() {
            // when
            Assessment a = Engine.assess(Patients.candidate().symptomsPersist(true));

            // then
            assertThat(a.findingCodes()).doesNotContain("CAND-2-NOT-PERSISTING");
        }

        @Test
        void settledSymptomsDecideCand2EvenWhenTheSymptomsAreNotListed() {
            // given
            var patient = Patients.candidate().symptoms((Symptom[]) null).symptomDurationWeeks(null)
                    .symptomsPersist(false);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).contains("CAND-2-NOT-PERSISTING").doesNotContain("CAND-2-UNKNOWN");
            assertThat(a.criterionStatus("CAND-2")).isEqualTo(CriterionStatus.NOT_MET);
        }

        @Test
        void unknownSymptomsLeaveCand2Unknown() {
            // given persisting symptoms whose kind was not recorded
            var patient = Patients.candidate().symptoms((Symptom[]) null).symptomDurationWeeks(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).contains("CAND-2-UNKNOWN")
                    .doesNotContain("CAND-2-SYMPTOMS", "CAND-2-NO-NERVE-SYMPTOMS");
            assertUnknown(a, "CAND-2", "symptoms");
            assertThat(criterion(a, "CAND-2").toCollect()).containsExactly("symptoms");
        }

        @Test
        void unknownPersistenceLeavesCand2Unknown() {
            // given leg pain, but nobody asked whether it persists
            var patient = Patients.candidate().symptomsPersist(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).contains("CAND-2-UNKNOWN")
                    .doesNotContain("CAND-2-SYMPTOMS", "CAND-2-NOT-PERSISTING");
            assertUnknown(a, "CAND-2", "symptomsPersist");
            assertThat(finding(a, "CAND-2-UNKNOWN").action()).isEqualTo("Record the symptoms and whether they persist");
        }

        @Test
        void axialPainAloneDecidesCand2EvenWhenPersistenceIsUnknown() {
            // given back pain only, persistence not recorded
            var patient = Patients.candidate().symptoms(Symptom.BACK_PAIN).symptomsPersist(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).contains("CAND-2-NO-NERVE-SYMPTOMS").doesNotContain("CAND-2-UNKNOWN");
            assertThat(a.criterionStatus("CAND-2")).isEqualTo(CriterionStatus.NOT_MET);
        }
    }

    @Nested
    @DisplayName("CAND-3: conservative care tried and failed")
    class Cand3ConservativeCare {

        @Test
        void sixWeeksOfFailedConservativeCareMeetCand3() {
            // given exactly the six-week minimum, without relief
            var patient = Patients.candidate().conservativeCareWeeks(6);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "CAND-3-FAILED");
            assertThresholdEvidence(f, "conservativeCareWeeks", 6, ">=", 6, "minConservativeCareWeeks");
            assertInputEvidence(f, "conservativeCare", java.util.List.of("PHYSICAL_THERAPY", "MEDICATIONS"));
            assertInputEvidence(f, "conservativeCareRelieved", false);
            assertThat(a.findingCodes()).doesNotContain("CAND-3-TOO-SHORT", "CAND-3-RELIEVED", "CAND-3-NOT-TRIED");
            assertThat(a.criterionStatus("CAND-3")).isEqualTo(CriterionStatus.MET);
        }

        @Test
        void fiveWeeksAreUnderTheMinimumAndConservativeCareComesFirst() {
            // given one week short of the minimum
            var patient = Patients.candidate().conservativeCareWeeks(5);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "CAND-3-TOO-SHORT");
            assertThresholdEvidence(f, "conservativeCareWeeks", 5, "<", 6, "minConservativeCareWeeks");
            assertThat(f.action()).contains("at least 6 weeks");
            assertThat(a.findingCodes()).doesNotContain("CAND-3-FAILED");
            assertThat(a.criterionStatus("CAND-3")).isEqualTo(CriterionStatus.NOT_MET);
            assertThat(a.verdict()).isEqualTo(Verdict.CONSERVATIVE_CARE_FIRST);
        }

        @Test
        void unknownDurationNeitherMeetsNorFailsCand3() {
            // given conservative care whose duration was not recorded
            var patient = Patients.candidate().conservativeCareWeeks(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).contains("CAND-3-UNKNOWN")
                    .doesNotContain("CAND-3-FAILED", "CAND-3-TOO-SHORT");
            assertUnknown(a, "CAND-3", "conservativeCareWeeks");
            assertThat(criterion(a, "CAND-3").toCollect()).containsExactly("conservativeCareWeeks");
        }

        @Test
        void noConservativeCareTriedFailsCand3() {
            // given conservative care recorded as none
            var patient = Patients.candidate().conservativeCare(new ConservativeTreatment[0])
                    .conservativeCareWeeks(null).conservativeCareRelieved(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "CAND-3-NOT-TRIED");
            assertInputEvidence(f, "conservativeCare", java.util.List.of());
            assertThat(f.action()).startsWith("Start conservative care");
            assertThat(a.findingCodes()).doesNotContain("CAND-3-UNKNOWN");
            assertThat(a.criterionStatus("CAND-3")).isEqualTo(CriterionStatus.NOT_MET);
            assertThat(a.verdict()).isEqualTo(Verdict.CONSERVATIVE_CARE_FIRST);
        }

        @Test
        void oneTreatmentTriedIsNotNoneTried() {
            // given injections only, for eight weeks, without relief
            var patient = Patients.candidate().conservativeCare(ConservativeTreatment.INJECTIONS);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).contains("CAND-3-FAILED").doesNotContain("CAND-3-NOT-TRIED");
        }

        @Test
        void unknownTreatmentsNeitherMeetNorFailCand3() {
            // given eight weeks without relief, but the treatments were not recorded
            var patient = Patients.candidate().conservativeCare((ConservativeTreatment[]) null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).contains("CAND-3-UNKNOWN")
                    .doesNotContain("CAND-3-FAILED", "CAND-3-NOT-TRIED");
            assertUnknown(a, "CAND-3", "conservativeCare");
        }

        @Test
        void conservativeCareThatRelievedTheSymptomsFailsCand3() {
            // given
            var patient = Patients.candidate().conservativeCareRelieved(true);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "CAND-3-RELIEVED");
            assertInputEvidence(f, "conservativeCareRelieved", true);
            assertThat(f.action()).isEqualTo("Continue conservative care");
            assertThat(a.findingCodes()).doesNotContain("CAND-3-FAILED");
            assertThat(a.criterionStatus("CAND-3")).isEqualTo(CriterionStatus.NOT_MET);
            assertThat(a.verdict()).isEqualTo(Verdict.CONSERVATIVE_CARE_FIRST);
        }

        @Test
        void unknownReliefNeitherMeetsNorFailsCand3() {
            // given
            var patient = Patients.candidate().conservativeCareRelieved(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).contains("CAND-3-UNKNOWN")
                    .doesNotContain("CAND-3-FAILED", "CAND-3-RELIEVED");
            assertUnknown(a, "CAND-3", "conservativeCareRelieved");
        }

        @Test
        void nothingRecordedAboutConservativeCareAsksForAllThreeInputs() {
            // given
            var patient = Patients.candidate().conservativeCare((ConservativeTreatment[]) null)
                    .conservativeCareWeeks(null).conservativeCareRelieved(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "CAND-3-UNKNOWN");
            assertThat(f.action()).isEqualTo("Record the conservative care tried, its duration and its effect");
            assertThat(criterion(a, "CAND-3").toCollect())
                    .containsExactly("conservativeCare", "conservativeCareWeeks", "conservativeCareRelieved");
            assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
        }

        @Test
        void aKnownFailureOfCand3IsNotHiddenByAnUnknownInput() {
            // given three weeks of care whose effect was not recorded
            var patient = Patients.candidate().conservativeCareWeeks(3).conservativeCareRelieved(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).contains("CAND-3-TOO-SHORT").doesNotContain("CAND-3-UNKNOWN");
            assertThat(a.criterionStatus("CAND-3")).isEqualTo(CriterionStatus.NOT_MET);
        }

        @Test
        void aRedFlagWaivesConservativeCare() {
            // given saddle anaesthesia before any conservative care
            var patient = Patients.candidate().saddleAnaesthesia(true)
                    .conservativeCare(new ConservativeTreatment[0]).conservativeCareWeeks(null)
                    .conservativeCareRelieved(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "CAND-3-WAIVED");
            assertThat(f.summary()).contains("URG-SADDLE-ANAESTHESIA");
            assertInputEvidence(f, "saddleAnaesthesia", true);
            assertThat(a.findingCodes()).doesNotContain("CAND-3-NOT-TRIED", "CAND-3-TOO-SHORT", "CAND-3-UNKNOWN");
            assertThat(a.criterionStatus("CAND-3")).isEqualTo(CriterionStatus.MET);
        }

        @Test
        void withoutARedFlagConservativeCareIsNotWaived() {
            // given red flags looked for and absent, and no conservative care yet
            var patient = Patients.candidate().conservativeCare(new ConservativeTreatment[0])
                    .conservativeCareWeeks(null).conservativeCareRelieved(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).doesNotContain("CAND-3-WAIVED");
            assertThat(a.criterionStatus("CAND-3")).isEqualTo(CriterionStatus.NOT_MET);
        }

        @Test
        void unscreenedRedFlagsLeaveAShortfallUndecided() {
            // given the red flags were not asked about, and care has lasted two weeks
            var patient = Patients.candidate().bladderBowelDysfunction(null).saddleAnaesthesia(null)
                    .progressiveMotorWeakness(null).conservativeCareWeeks(2);

            // when
            Assessment a = Engine.assess(patient);

            // then a red flag would waive CAND-3, so it is UNKNOWN until they are screened
            assertThat(a.findingCodes()).contains("CAND-3-RED-FLAGS-UNKNOWN", "URG-NOT-SCREENED")
                    .doesNotContain("CAND-3-WAIVED", "CAND-3-TOO-SHORT");
            assertUnknown(a, "CAND-3", "bladderBowelDysfunction", "saddleAnaesthesia", "progressiveMotorWeakness");
            assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
        }

        @Test
        void oneUnscreenedRedFlagIsEnoughToLeaveAShortfallUndecided() {
            // given two red flags screened negative, the third not asked about
            var patient = Patients.candidate().progressiveMotorWeakness(null).conservativeCareWeeks(2);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertUnknown(a, "CAND-3", "progressiveMotorWeakness");
            assertThat(finding(a, "URG-NOT-SCREENED").severity()).isEqualTo(org.spinecds.Severity.WARNING);
        }

        @Test
        void failedCareMeetsCand3WhateverTheRedFlags() {
            // given failed care and red flags not asked about
            var patient = Patients.candidate().bladderBowelDysfunction(null).saddleAnaesthesia(null)
                    .progressiveMotorWeakness(null);

            // when
            Assessment a = Engine.assess(patient);

            // then CAND-3 is met on its own; the unscreened red flags are a warning, not a verdict
            assertThat(a.criterionStatus("CAND-3")).isEqualTo(CriterionStatus.MET);
            assertThat(a.findingCodes()).contains("CAND-3-FAILED", "URG-NOT-SCREENED");
            assertThat(a.verdict()).isEqualTo(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
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
            assertThat(a.criterionStatus("CAND-4")).isEqualTo(CriterionStatus.MET);
        }

        @Test
        void noImagingYetFailsCand4() {
            // given
            var patient = Patients.candidate().imagingDone(false).imagingConcordant(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "CAND-4-NO-IMAGING");
            assertInputEvidence(f, "imagingDone", false);
            assertThat(f.action()).isEqualTo("Order spinal imaging");
            assertThat(a.findingCodes()).doesNotContain("CAND-4-EVALUATED", "CAND-4-UNKNOWN");
            assertThat(a.criterionStatus("CAND-4")).isEqualTo(CriterionStatus.NOT_MET);
            assertThat(a.verdict()).isNotEqualTo(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void noExaminationYetFailsCand4() {
            // given
            var patient = Patients.candidate().physicalExamDone(false);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "CAND-4-NO-EXAM");
            assertInputEvidence(f, "physicalExamDone", false);
            assertThat(f.action()).isEqualTo("Perform a physical examination");
            assertThat(a.findingCodes()).doesNotContain("CAND-4-EVALUATED", "CAND-4-UNKNOWN");
            assertThat(a.criterionStatus("CAND-4")).isEqualTo(CriterionStatus.NOT_MET);
            assertThat(a.verdict()).isNotEqualTo(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void aCompleteEvaluationReportsNoGap() {
            // when
            Assessment a = Engine.assess(Patients.candidate());

            // then
            assertThat(a.findingCodes()).doesNotContain("CAND-4-NO-IMAGING", "CAND-4-NO-EXAM", "CAND-4-UNKNOWN");
        }

        @ParameterizedTest(name = "{0} unknown leaves CAND-4 unknown")
        @EnumSource(value = Input.class, names = {"IMAGING_DONE", "PHYSICAL_EXAM_DONE"})
        void anUnrecordedPartOfTheEvaluationLeavesCand4Unknown(Input part) {
            // given
            var patient = Patients.candidate().set(part, null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).contains("CAND-4-UNKNOWN")
                    .doesNotContain("CAND-4-EVALUATED", "CAND-4-NO-IMAGING", "CAND-4-NO-EXAM");
            assertUnknown(a, "CAND-4", part.jsonName());
            assertThat(criterion(a, "CAND-4").toCollect()).containsExactly(part.jsonName());
            assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
        }

        @Test
        void aMissingExaminationDecidesCand4EvenWhenImagingIsUnknown() {
            // given
            var patient = Patients.candidate().imagingDone(null).physicalExamDone(false);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).contains("CAND-4-NO-EXAM").doesNotContain("CAND-4-UNKNOWN");
            assertThat(a.criterionStatus("CAND-4")).isEqualTo(CriterionStatus.NOT_MET);
        }
    }

    @Nested
    @DisplayName("CAND-5: imaging pinpoints the cause")
    class Cand5Pinpointed {

        @Test
        void concordantImagingMeetsCand5() {
            // when
            Assessment a = Engine.assess(Patients.candidate().imagingConcordant(true));

            // then
            assertInputEvidence(finding(a, "CAND-5-PINPOINTED"), "imagingConcordant", true);
            assertThat(a.findingCodes()).doesNotContain("CAND-5-NOT-PINPOINTED", "CAND-5-UNKNOWN");
            assertThat(a.criterionStatus("CAND-5")).isEqualTo(CriterionStatus.MET);
        }

        @Test
        void imagingThatDoesNotMatchTheSymptomsFailsCand5() {
            // when
            Assessment a = Engine.assess(Patients.candidate().imagingConcordant(false));

            // then
            assertInputEvidence(finding(a, "CAND-5-NOT-PINPOINTED"), "imagingConcordant", false);
            assertThat(a.findingCodes()).doesNotContain("CAND-5-PINPOINTED", "CAND-5-UNKNOWN");
            assertThat(a.criterionStatus("CAND-5")).isEqualTo(CriterionStatus.NOT_MET);
        }

        @Test
        void unknownConcordanceLeavesCand5Unknown() {
            // when
            Assessment a = Engine.assess(Patients.candidate().imagingConcordant(null));

            // then
            assertThat(a.findingCodes()).contains("CAND-5-UNKNOWN")
                    .doesNotContain("CAND-5-PINPOINTED", "CAND-5-NOT-PINPOINTED");
            assertUnknown(a, "CAND-5", "imagingConcordant");
            assertThat(finding(a, "CAND-5-UNKNOWN").action()).startsWith("Compare the imaging with the symptoms");
        }
    }

    @Nested
    @DisplayName("CAND-6: target accessible through small corridors")
    class Cand6Accessible {

        @Test
        void anAccessibleTargetMeetsCand6() {
            // when
            Assessment a = Engine.assess(Patients.candidate().targetAccessible(true));

            // then
            assertInputEvidence(finding(a, "CAND-6-ACCESSIBLE"), "targetAccessible", true);
            assertThat(a.findingCodes()).doesNotContain("CAND-6-NOT-ACCESSIBLE", "CAND-6-UNKNOWN");
            assertThat(a.criterionStatus("CAND-6")).isEqualTo(CriterionStatus.MET);
        }

        @Test
        void anInaccessibleTargetFailsCand6() {
            // when
            Assessment a = Engine.assess(Patients.candidate().targetAccessible(false));

            // then
            assertInputEvidence(finding(a, "CAND-6-NOT-ACCESSIBLE"), "targetAccessible", false);
            assertThat(a.findingCodes()).doesNotContain("CAND-6-ACCESSIBLE", "CAND-6-UNKNOWN");
            assertThat(a.criterionStatus("CAND-6")).isEqualTo(CriterionStatus.NOT_MET);
        }

        @Test
        void unassessedAccessLeavesCand6Unknown() {
            // when
            Assessment a = Engine.assess(Patients.candidate().targetAccessible(null));

            // then
            assertThat(a.findingCodes()).contains("CAND-6-UNKNOWN")
                    .doesNotContain("CAND-6-ACCESSIBLE", "CAND-6-NOT-ACCESSIBLE");
            assertUnknown(a, "CAND-6", "targetAccessible");
            assertThat(finding(a, "CAND-6-UNKNOWN").action()).isEqualTo("Have the surgeon assess access to the target");
        }
    }

    @Nested
    @DisplayName("CAND-7: fairly healthy, anatomy not complex")
    class Cand7Health {

        @Test
        void asaThreeIsStillFairlyHealthy() {
            // given ASA 3, one class below the severe-systemic threshold of 4
            var patient = Patients.candidate().asaClass(3);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "CAND-7-HEALTHY");
            assertThresholdEvidence(f, "asaClass", 3, "<", 4, "severeSystemicAsaClass");
            assertInputEvidence(f, "complexSpinalAnatomy", false);
            assertInputEvidence(f, "existingFusionMass", false);
            assertInputEvidence(f, "severeSystemicCondition", false);
            assertThat(a.criterionStatus("CAND-7")).isEqualTo(CriterionStatus.MET);
        }

        @Test
        void asaFourIsNotFairlyHealthy() {
            // given
            var patient = Patients.candidate().asaClass(4);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).doesNotContain("CAND-7-HEALTHY").contains("CAND-7-NOT-MET");
            Finding f = finding(a, "CAND-7-NOT-MET");
            assertThat(f.summary()).contains("OPEN-ASA");
            assertThresholdEvidence(f, "asaClass", 4, ">=", 4, "severeSystemicAsaClass");
            assertThat(a.criterionStatus("CAND-7")).isEqualTo(CriterionStatus.NOT_MET);
        }

        @ParameterizedTest(name = "{0} = true fails CAND-7 through {1}")
        @CsvSource({
                "COMPLEX_SPINAL_ANATOMY,    OPEN-COMPLEX-ANATOMY",
                "EXISTING_FUSION_MASS,      OPEN-FUSION-MASS",
                "SEVERE_SYSTEMIC_CONDITION, OPEN-SEVERE-CONDITION"
        })
        void complexAnatomyOrASevereConditionFailsCand7(Input flag, String openCode) {
            // given
            var patient = Patients.candidate().set(flag, true);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "CAND-7-NOT-MET");
            assertThat(f.summary()).contains(openCode);
            assertInputEvidence(f, flag.jsonName(), true);
            assertThat(a.findingCodes()).contains(openCode).doesNotContain("CAND-7-HEALTHY", "CAND-7-UNKNOWN");
            assertThat(a.criterionStatus("CAND-7")).isEqualTo(CriterionStatus.NOT_MET);
            assertThat(a.verdict()).isEqualTo(Verdict.OPEN_SURGERY_PREFERRED);
        }

        @Test
        void aHealthyPatientWithSimpleAnatomyIsNotFailed() {
            // when
            Assessment a = Engine.assess(Patients.candidate());

            // then
            assertThat(a.findingCodes()).doesNotContain("CAND-7-NOT-MET", "CAND-7-UNKNOWN");
        }

        @ParameterizedTest(name = "{0} unknown leaves CAND-7 unknown")
        @EnumSource(value = Input.class,
                names = {"COMPLEX_SPINAL_ANATOMY", "EXISTING_FUSION_MASS", "SEVERE_SYSTEMIC_CONDITION", "ASA_CLASS"})
        void anUnrecordedHealthOrAnatomyInputLeavesCand7Unknown(Input input) {
            // given
            var patient = Patients.candidate().set(input, null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).contains("CAND-7-UNKNOWN").doesNotContain("CAND-7-HEALTHY", "CAND-7-NOT-MET");
            assertUnknown(a, "CAND-7", input.jsonName());
            assertThat(criterion(a, "CAND-7").toCollect()).containsExactly(input.jsonName());
            assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
        }

        @Test
        void aKnownFusionMassDecidesCand7EvenWhenTheAsaClassIsUnknown() {
            // given
            var patient = Patients.candidate().existingFusionMass(true).asaClass(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).contains("CAND-7-NOT-MET").doesNotContain("CAND-7-UNKNOWN");
            assertThat(a.criterionStatus("CAND-7")).isEqualTo(CriterionStatus.NOT_MET);
        }
    }
}
