package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinecds.rules.Findings.assertDefinitive;
import static org.spinecds.rules.Findings.assertInsufficient;
import static org.spinecds.rules.Findings.assertThresholdEvidence;
import static org.spinecds.rules.Findings.completes;
import static org.spinecds.rules.Findings.decidingCodes;
import static org.spinecds.rules.Findings.evidence;
import static org.spinecds.rules.Findings.finding;
import static org.spinecds.rules.Findings.settles;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.spinecds.Assessment;
import org.spinecds.Category;
import org.spinecds.CriterionStatus;
import org.spinecds.Finding;
import org.spinecds.OverriddenVerdict;
import org.spinecds.Severity;
import org.spinecds.Verdict;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Patient;

/**
 * scope.drl: the criteria are for adults (SCOPE-1) with a listed spinal condition (SCOPE-2) for whom
 * elective surgery applies (SCOPE-3); an unknown age, diagnosis list or ASA class (SCOPE-U) blocks
 * every verdict below OUTSIDE_SCOPE.
 */
@DisplayName("Scope (SCOPE-1 to SCOPE-3, SCOPE-U)")
class ScopeTest {

    private static final List<String> SCOPE_CODES =
            List.of("SCOPE-CHILD", "SCOPE-NO-CONDITION", "SCOPE-ASA", "SCOPE-UNKNOWN");

    private static List<String> scopeCodes(Assessment a) {
        return a.findingCodes().stream().filter(SCOPE_CODES::contains).toList();
    }

    private static void assertScopeFinding(Finding f, String criterion) {
        assertThat(f.criterion()).isEqualTo(criterion);
        assertThat(f.category()).isEqualTo(Category.SCOPE);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
    }

    @Nested
    @DisplayName("SCOPE-1: a child or adolescent")
    class Child {

        @ParameterizedTest(name = "age {0} is outside scope")
        @ValueSource(ints = {0, 12, 17})
        void aChildIsReferredToAPaediatricService(int age) {
            // when
            Assessment a = Engine.assess(Patients.candidate().age(age));

            // then
            Finding f = finding(a, "SCOPE-CHILD");
            assertScopeFinding(f, "SCOPE-1");
            assertThat(f.action()).isEqualTo("Refer to a paediatric spine service");
            assertThresholdEvidence(f, "age", age, "<", 18, "adultAge");
            assertThat(f.summary()).isEqualTo("Outside scope: age " + age + ", under 18");
            assertThat(scopeCodes(a)).containsExactly("SCOPE-CHILD");
            assertDefinitive(a, Verdict.OUTSIDE_SCOPE);
            assertThat(decidingCodes(a)).containsExactly("SCOPE-CHILD");
        }

        @ParameterizedTest(name = "age {0} is an adult")
        @ValueSource(ints = {18, 19})
        void fromEighteenThePatientIsAnAdult(int age) {
            // when
            Assessment a = Engine.assess(Patients.candidate().age(age));

            // then
            assertThat(scopeCodes(a)).isEmpty();
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void anUnknownAgeLeavesTheScopeUnjudged() {
            // when
            Assessment a = Engine.assess(Patients.candidate().age(null));

            // then an unknown age is neither a child nor an adult
            assertThat(scopeCodes(a)).containsExactly("SCOPE-UNKNOWN");
            assertInsufficient(a, Verdict.OUTSIDE_SCOPE, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            assertThat(a.toSettle()).containsExactly(settles("age", Verdict.OUTSIDE_SCOPE, "SCOPE-1"));
            assertThat(decidingCodes(a)).containsExactly("SCOPE-UNKNOWN");
        }

        @Test
        void aChildIsOutsideScopeWhateverTheAsaClass() {
            // given a 16-year-old whose ASA class is not recorded
            var patient = Patients.candidate().age(16).asaClass(null);

            // when
            Assessment a = Engine.assess(patient);

            // then the unknown ASA class cannot bring the patient into scope; it only completes the risk picture
            assertThat(scopeCodes(a)).containsExactly("SCOPE-CHILD");
            assertDefinitive(a, Verdict.OUTSIDE_SCOPE);
            assertThat(a.inputsToComplete()).containsExactly(completes("asaClass", "RISK-6"));
        }
    }

    @Nested
    @DisplayName("SCOPE-2: no spinal condition these criteria cover")
    class NoCondition {

        @Test
        void onlyAnOtherDiagnosisIsOutsideScope() {
            // when
            Assessment a = Engine.assess(Patients.candidate().diagnoses(Diagnosis.OTHER));

            // then
            Finding f = finding(a, "SCOPE-NO-CONDITION");
            assertScopeFinding(f, "SCOPE-2");
            assertThat(f.action()).isEqualTo("Specialist assessment: these criteria say nothing about this patient");
            assertThat(evidence(f, "diagnoses", "contains-none").value()).asInstanceOf(LIST).containsExactly("OTHER");
            assertThat(evidence(f, "diagnoses", "contains-none").threshold()).asInstanceOf(LIST)
                    .doesNotContain("OTHER").contains("HERNIATED_DISC", "MYELOPATHY", "RADICULOPATHY");
            assertDefinitive(a, Verdict.OUTSIDE_SCOPE);
            assertThat(decidingCodes(a)).containsExactly("SCOPE-NO-CONDITION");
            assertThat(a.overridden()).extracting(OverriddenVerdict::verdict)
                    .containsExactly(Verdict.SURGERY_NOT_INDICATED);
        }

        @Test
        void noDiagnosisAtAllIsOutsideScope() {
            // when
            Assessment a = Engine.assess(Patients.candidate().diagnoses(new Diagnosis[0]));

            // then
            assertThat(scopeCodes(a)).containsExactly("SCOPE-NO-CONDITION");
            assertDefinitive(a, Verdict.OUTSIDE_SCOPE);
        }

        @ParameterizedTest(name = "{0} is a condition of the list")
        @EnumSource(value = Diagnosis.class, mode = EnumSource.Mode.EXCLUDE, names = "OTHER")
        void anyListedConditionIsWithinScope(Diagnosis diagnosis) {
            // given the listed condition beside an unlisted one
            var patient = Patients.candidate().diagnoses(diagnosis, Diagnosis.OTHER);
            if (diagnosis == Diagnosis.SPONDYLOLISTHESIS) {
                patient.spondylolisthesisGrade(1);
            }

            // when
            Assessment a = Engine.assess(patient);

            // then scope is not what decides: neither outside scope nor unjudged
            assertThat(scopeCodes(a)).isEmpty();
            assertThat(a.possibleVerdicts()).doesNotContain(Verdict.OUTSIDE_SCOPE);
            assertThat(a.verdict()).isNotEqualTo(Verdict.OUTSIDE_SCOPE);
        }

        @Test
        void aListedConditionThatSurgeryDoesNotTreatIsWithinScope() {
            // given degenerative disc disease without instability: a listed condition, not a treatable one
            var patient = Patients.candidate().diagnoses(Diagnosis.DEGENERATIVE_DISC_DISEASE);

            // when
            Assessment a = Engine.assess(patient);

            // then the criteria do speak about the patient: surgery is not indicated
            assertThat(scopeCodes(a)).isEmpty();
            assertDefinitive(a, Verdict.SURGERY_NOT_INDICATED);
        }

        @Test
        void unknownDiagnosesLeaveTheScopeUnjudged() {
            // when
            Assessment a = Engine.assess(Patients.candidate().diagnoses((Diagnosis[]) null));

            // then
            assertThat(scopeCodes(a)).containsExactly("SCOPE-UNKNOWN");
            assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
            assertThat(a.possibleVerdicts()).startsWith(Verdict.OUTSIDE_SCOPE);
            assertThat(a.toSettle()).first()
                    .isEqualTo(settles("diagnoses", Verdict.OUTSIDE_SCOPE, "SCOPE-2", "CAND-1", "OPEN-1", "OPEN-8"));
            assertThat(a.criterionStatus("CAND-1")).isEqualTo(CriterionStatus.UNKNOWN);
        }
    }

    @Nested
    @DisplayName("SCOPE-3: elective surgery does not apply")
    class AsaClass {

        @ParameterizedTest(name = "ASA {0} is outside scope")
        @ValueSource(ints = {5, 6})
        void aMoribundPatientIsOutsideScope(int asa) {
            // when
            Assessment a = Engine.assess(Patients.candidate().asaClass(asa));

            // then
            Finding f = finding(a, "SCOPE-ASA");
            assertScopeFinding(f, "SCOPE-3");
            assertThresholdEvidence(f, "asaClass", asa, ">=", 5, "outOfScopeAsaClass");
            assertThat(scopeCodes(a)).containsExactly("SCOPE-ASA");
            assertDefinitive(a, Verdict.OUTSIDE_SCOPE);
            assertThat(decidingCodes(a)).containsExactly("SCOPE-ASA");
        }

        @Test
        void asaFourIsWithinScope() {
            // when
            Assessment a = Engine.assess(Patients.candidate().asaClass(4));

            // then ASA 4 is a critical risk (RISK-6), not a limit of scope
            assertThat(scopeCodes(a)).isEmpty();
            assertThat(a.findingCodes()).contains("RISK-ASA-CRITICAL");
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @Test
        void anUnknownAsaClassLeavesTheScopeUnjudged() {
            // when
            Assessment a = Engine.assess(Patients.candidate().asaClass(null));

            // then
            assertThat(scopeCodes(a)).containsExactly("SCOPE-UNKNOWN");
            assertInsufficient(a, Verdict.OUTSIDE_SCOPE, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            assertThat(a.toSettle()).containsExactly(settles("asaClass", Verdict.OUTSIDE_SCOPE, "SCOPE-3"));
        }
    }

    @Nested
    @DisplayName("SCOPE-U: scope cannot be judged yet")
    class Unjudged {

        @Test
        void everyUnknownScopeInputIsNamed() {
            // given a candidate whose age, diagnoses and ASA class are all unrecorded
            var patient = Patients.candidate().age(null).diagnoses((Diagnosis[]) null).asaClass(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "SCOPE-UNKNOWN");
            assertThat(f.criterion()).isEqualTo("SCOPE-U");
            assertThat(f.category()).isEqualTo(Category.SCOPE);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.detail()).endsWith("unknown age, diagnoses, asaClass.");
            assertThat(f.action()).isEqualTo("Record the age, the spinal diagnoses and the ASA class");
            assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
            assertThat(a.missingInputs()).startsWith("age", "diagnoses", "asaClass");
            assertThat(a.toSettle()).startsWith(settles("age", Verdict.OUTSIDE_SCOPE, "SCOPE-1"));
            assertThat(decidingCodes(a)).startsWith("SCOPE-UNKNOWN");
        }

        @Test
        void aPresentLimitDecidesWhileAnotherScopeInputIsUnknown() {
            // given ASA 5 and no diagnoses recorded
            var patient = Patients.candidate().asaClass(5).diagnoses((Diagnosis[]) null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(scopeCodes(a)).containsExactly("SCOPE-ASA");
            assertDefinitive(a, Verdict.OUTSIDE_SCOPE);
        }

        @Test
        void everyLimitPresentIsListed() {
            // given a 15-year-old with no listed condition and ASA 5
            var patient = Patients.candidate().age(15).diagnoses(Diagnosis.OTHER).asaClass(5);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(scopeCodes(a)).containsExactly("SCOPE-CHILD", "SCOPE-NO-CONDITION", "SCOPE-ASA");
            assertDefinitive(a, Verdict.OUTSIDE_SCOPE);
            assertThat(decidingCodes(a)).containsExactly("SCOPE-CHILD", "SCOPE-NO-CONDITION", "SCOPE-ASA");
        }
    }

    @Test
    void theRedFlagScreenComesBeforeTheScope() {
        // given a 17-year-old whose red flags were not asked about
        var patient = Patients.candidate().age(17).bladderBowelDysfunction(null);

        // when
        Assessment a = Engine.assess(patient);

        // then the child is outside scope unless a red flag calls for urgent evaluation: ask that first
        assertThat(scopeCodes(a)).containsExactly("SCOPE-CHILD");
        assertInsufficient(a, Verdict.URGENT_EVALUATION, Verdict.OUTSIDE_SCOPE);
        assertThat(a.toSettle()).containsExactly(
                settles("bladderBowelDysfunction", Verdict.URGENT_EVALUATION, "URG-1"));
    }

    @Test
    void aRedFlagInAChildIsUrgent() {
        // given a 15-year-old with saddle anaesthesia
        Patient patient = Patients.candidate().age(15).saddleAnaesthesia(true).build();

        // when
        Assessment a = Engine.assess(patient);

        // then
        assertDefinitive(a, Verdict.URGENT_EVALUATION);
        assertThat(a.overridden()).extracting(OverriddenVerdict::verdict).startsWith(Verdict.OUTSIDE_SCOPE);
    }
}
