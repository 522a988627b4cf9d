package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinecds.rules.Findings.assertDefinitive;
import static org.spinecds.rules.Findings.assertInsufficient;
import static org.spinecds.rules.Findings.completes;
import static org.spinecds.rules.Findings.decidingCodes;
import static org.spinecds.rules.Findings.settles;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spinecds.Assessment;
import org.spinecds.CriterionResult;
import org.spinecds.CriterionStatus;
import org.spinecds.Finding;
import org.spinecds.MissingInput;
import org.spinecds.OverriddenVerdict;
import org.spinecds.Verdict;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Patient;

/**
 * verdict.drl: the walk of the verdict order. Each rank holds, is excluded or is undetermined; the
 * first rank from the top that is not excluded decides, with its verdict if it holds and
 * INSUFFICIENT_INFORMATION if it is undetermined, so a definitive verdict holds whatever the unknown
 * inputs turn out to be.
 */
@DisplayName("Verdict: the walk of the verdict order")
class VerdictTest {

    private static final String H = "HOLDS";
    private static final String E = "EXCLUDED";
    private static final String U = "UNDETERMINED";

    /**
     * The state of each rank of the walk, 1 to 7, from the rules that fired: each rank must get
     * exactly one state.
     */
    private static List<String> ranks(Patient.Builder patient) {
        Set<String> fired = Engine.fired(patient);
        List<String> states = new ArrayList<>();
        for (int rank = 1; rank <= 7; rank++) {
            List<String> mine = new ArrayList<>();
            for (String state : List.of(H, E, U)) {
                if (fired.contains("RANK-" + rank + "-" + state)) {
                    mine.add(state);
                }
            }
            assertThat(mine).as("states of rank %d", rank).hasSize(1);
            states.add(mine.get(0));
        }
        return states;
    }

    private static List<Verdict> overriddenVerdicts(Assessment a) {
        return a.overridden().stream().map(OverriddenVerdict::verdict).toList();
    }

    @Nested
    @DisplayName("Every verdict of the walk")
    class EachVerdict {

        static Stream<Arguments> verdicts() {
            return Stream.of(
                    Arguments.of(Verdict.URGENT_EVALUATION, Patients.candidate().bladderBowelDysfunction(true),
                            List.of("URG-BLADDER-BOWEL"), List.of(H, E, E, E, E, E, H)),
                    Arguments.of(Verdict.OUTSIDE_SCOPE, Patients.candidate().age(17),
                            List.of("SCOPE-CHILD"), List.of(E, H, E, E, E, E, H)),
                    Arguments.of(Verdict.SURGERY_NOT_INDICATED, Patients.candidate().symptomsPersist(false),
                            List.of("CAND-2-NOT-PERSISTING"), List.of(E, E, H, E, E, E, E)),
                    Arguments.of(Verdict.CONSERVATIVE_CARE_FIRST, Patients.candidate().conservativeCareWeeks(4),
                            List.of("CAND-3-TOO-SHORT"), List.of(E, E, E, H, E, E, E)),
                    Arguments.of(Verdict.FURTHER_EVALUATION, Patients.candidate().physicalExamDone(false),
                            List.of("CAND-4-NO-EXAM"), List.of(E, E, E, E, H, E, E)),
                    Arguments.of(Verdict.OPEN_SURGERY_PREFERRED, Patients.candidate().levels(3),
                            List.of("OPEN-MULTILEVEL"), List.of(E, E, E, E, E, H, E)),
                    Arguments.of(Verdict.MINIMALLY_INVASIVE_CANDIDATE, Patients.candidate(),
                            List.of("CAND-1-CONDITION", "CAND-2-SYMPTOMS", "CAND-3-FAILED", "CAND-4-EVALUATED",
                                    "CAND-5-PINPOINTED", "CAND-6-ACCESSIBLE", "CAND-7-MET", "CAND-8-MET"),
                            List.of(E, E, E, E, E, E, H)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("verdicts")
        void theFirstRankThatHoldsDecides(Verdict verdict, Patient.Builder patient, List<String> deciding,
                                          List<String> ranks) {
            // when
            Assessment a = Engine.assess(patient);

            // then
            assertDefinitive(a, verdict);
            assertThat(decidingCodes(a)).containsExactlyElementsOf(deciding);
            assertThat(ranks(patient)).containsExactlyElementsOf(ranks);
            assertThat(verdict.rank()).isEqualTo(ranks.indexOf(H) + 1);
        }

        @Test
        void anUndeterminedRankBeforeAnyHoldingOneGivesInsufficientInformation() {
            // given access to the target not assessed
            var patient = Patients.candidate().targetAccessible(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertInsufficient(a, Verdict.OPEN_SURGERY_PREFERRED, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            assertThat(decidingCodes(a)).containsExactly("CAND-6-UNKNOWN", "CAND-8-UNKNOWN");
            assertThat(a.toSettle()).containsExactly(
                    settles("targetAccessible", Verdict.OPEN_SURGERY_PREFERRED, "CAND-6", "OPEN-6"));
            assertThat(ranks(patient)).containsExactly(E, E, E, E, E, U, U);
            assertThat(Verdict.INSUFFICIENT_INFORMATION.isRanked()).isFalse();
        }
    }

    @Nested
    @DisplayName("Each rank undetermined")
    class EachRankUndetermined {

        static Stream<Arguments> undetermined() {
            return Stream.of(
                    Arguments.of(1, Patients.candidate().saddleAnaesthesia(null),
                            List.of(U, E, E, E, E, E, H), List.of(Verdict.URGENT_EVALUATION,
                                    Verdict.MINIMALLY_INVASIVE_CANDIDATE),
                            settles("saddleAnaesthesia", Verdict.URGENT_EVALUATION, "URG-1")),
                    Arguments.of(2, Patients.candidate().age(null),
                            List.of(E, U, E, E, E, E, H), List.of(Verdict.OUTSIDE_SCOPE,
                                    Verdict.MINIMALLY_INVASIVE_CANDIDATE),
                            settles("age", Verdict.OUTSIDE_SCOPE, "SCOPE-1")),
                    Arguments.of(3, Patients.candidate().symptomsPersist(null),
                            List.of(E, E, U, E, E, E, U), List.of(Verdict.SURGERY_NOT_INDICATED,
                                    Verdict.MINIMALLY_INVASIVE_CANDIDATE),
                            settles("symptomsPersist", Verdict.SURGERY_NOT_INDICATED, "CAND-2")),
                    Arguments.of(4, Patients.candidate().conservativeCareRelieved(null),
                            List.of(E, E, E, U, E, E, U), List.of(Verdict.CONSERVATIVE_CARE_FIRST,
                                    Verdict.MINIMALLY_INVASIVE_CANDIDATE),
                            settles("conservativeCareRelieved", Verdict.CONSERVATIVE_CARE_FIRST, "CAND-3")),
                    Arguments.of(5, Patients.candidate().imagingConcordant(null),
                            List.of(E, E, E, E, U, E, U), List.of(Verdict.FURTHER_EVALUATION,
                                    Verdict.MINIMALLY_INVASIVE_CANDIDATE),
                            settles("imagingConcordant", Verdict.FURTHER_EVALUATION, "CAND-5")),
                    Arguments.of(6, Patients.candidate().difficultVisualisation(null),
                            List.of(E, E, E, E, E, U, U), List.of(Verdict.OPEN_SURGERY_PREFERRED,
                                    Verdict.MINIMALLY_INVASIVE_CANDIDATE),
                            settles("difficultVisualisation", Verdict.OPEN_SURGERY_PREFERRED, "OPEN-4")));
        }

        @ParameterizedTest(name = "rank {0} undetermined")
        @MethodSource("undetermined")
        void anUndeterminedRankNamesTheInputThatSettlesIt(int rank, Patient.Builder patient, List<String> ranks,
                                                        List<Verdict> possible, MissingInput toSettle) {
            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(ranks(patient)).containsExactlyElementsOf(ranks);
            assertInsufficient(a, possible.toArray(Verdict[]::new));
            assertThat(a.toSettle()).containsExactly(toSettle);
            assertThat(toSettle.verdict().rank()).isEqualTo(rank);
        }

        @Test
        void nothingKnownLeavesEveryRankUndeterminedAndEveryVerdictPossible() {
            // given an empty record
            var patient = Patient.builder();

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(ranks(patient)).containsOnly(U);
            assertInsufficient(a, Verdict.URGENT_EVALUATION, Verdict.OUTSIDE_SCOPE, Verdict.SURGERY_NOT_INDICATED,
                    Verdict.CONSERVATIVE_CARE_FIRST, Verdict.FURTHER_EVALUATION, Verdict.OPEN_SURGERY_PREFERRED,
                    Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            assertThat(a.criteria()).extracting(CriterionResult::status).containsOnly(CriterionStatus.UNKNOWN);
            assertThat(decidingCodes(a)).containsExactly("URG-SCREEN-INCOMPLETE", "SCOPE-UNKNOWN",
                    "CAND-1-DIAGNOSES-UNKNOWN", "CAND-2-UNKNOWN", "CAND-3-UNKNOWN", "CAND-4-UNKNOWN", "CAND-5-UNKNOWN",
                    "CAND-6-UNKNOWN", "CAND-7-UNKNOWN", "CAND-8-UNKNOWN");
            assertThat(a.missingInputs()).containsExactly("bladderBowelDysfunction", "saddleAnaesthesia",
                    "progressiveMotorWeakness", "seriousPathologySuspected", "age", "diagnoses", "asaClass", "symptoms",
                    "symptomsPersist", "conservativeCare", "conservativeCareWeeks", "conservativeCareRelieved",
                    "mjoaScore", "motorStrengthMrc", "imagingDone", "physicalExamDone", "imagingConcordant",
                    "targetAccessible", "severeSystemicCondition", "complexSpinalAnatomy", "existingFusionMass",
                    "plannedProcedure", "svaCm", "pelvicTiltDeg", "piMinusLlDeg", "thoracicKyphosisDeg",
                    "rigidDeformity", "difficultVisualisation", "levels", "spondylolisthesisGrade");
            assertThat(a.toSettle()).extracting(MissingInput::verdict).isSortedAccordingTo(
                    java.util.Comparator.comparingInt(Verdict::rank));
            assertThat(a.overridden()).isEmpty();
        }
    }

    @Nested
    @DisplayName("What to collect: missingInputs, toSettle, inputsToComplete")
    class WhatToCollect {

        @Test
        void missingInputsAreInVerdictOrderWithTheRedFlagScreenFirst() {
            // given unknowns that settle rank 6, rank 4, rank 2 and rank 1 (named here bottom-up)
            var patient = Patients.candidate().targetAccessible(null).conservativeCareWeeks(null).asaClass(null)
                    .progressiveMotorWeakness(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertInsufficient(a, Verdict.URGENT_EVALUATION, Verdict.OUTSIDE_SCOPE, Verdict.CONSERVATIVE_CARE_FIRST,
                    Verdict.OPEN_SURGERY_PREFERRED, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            assertThat(a.missingInputs()).containsExactly("progressiveMotorWeakness", "asaClass",
                    "conservativeCareWeeks", "targetAccessible");
            // an input settles the first rank it concerns, and names every criterion it settles on the way
            assertThat(a.toSettle()).containsExactly(
                    settles("progressiveMotorWeakness", Verdict.URGENT_EVALUATION, "URG-1", "CAND-3"),
                    settles("asaClass", Verdict.OUTSIDE_SCOPE, "SCOPE-3"),
                    settles("conservativeCareWeeks", Verdict.CONSERVATIVE_CARE_FIRST, "CAND-3"),
                    settles("targetAccessible", Verdict.OPEN_SURGERY_PREFERRED, "CAND-6", "OPEN-6"));
            assertThat(decidingCodes(a)).containsExactly("URG-SCREEN-INCOMPLETE", "SCOPE-UNKNOWN", "CAND-3-UNKNOWN",
                    "CAND-6-UNKNOWN", "CAND-8-UNKNOWN");
            assertThat(ranks(patient)).containsExactly(U, U, E, U, E, U, U);
        }

        @Test
        void aDefinitiveVerdictAsksForNothingButMayListInputsThatCompleteThePicture() {
            // given a candidate whose smoking status and occupation are not recorded
            Assessment a = Engine.assess(Patients.candidate().smokingStatus(null).occupation(null));

            // then neither could change the verdict
            assertDefinitive(a, Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            assertThat(a.inputsToComplete()).containsExactly(completes("smokingStatus", "RISK-1"),
                    completes("occupation", "REC-1"));
        }

        @Test
        void anInputThatSettlesARankIsNotAlsoListedAsCompletingThePicture() {
            // given the age (SCOPE-1, and the RISK-5 picture) and the BMI (RISK-2, SET-1) unknown
            Assessment a = Engine.assess(Patients.candidate().age(null).bmi(null));

            // then
            assertThat(a.missingInputs()).containsExactly("age");
            assertThat(a.inputsToComplete()).containsExactly(completes("bmi", "RISK-2", "SET-1"));
        }

        @Test
        void inputsBelowTheFirstHoldingRankAreNotAskedFor() {
            // given a child whose access to the target is not assessed
            Assessment a = Engine.assess(Patients.candidate().age(16).targetAccessible(null));

            // then whatever the access, the child is outside scope
            assertDefinitive(a, Verdict.OUTSIDE_SCOPE);
            assertThat(a.inputsToComplete()).extracting(MissingInput::input).doesNotContain("targetAccessible");
        }
    }

    @Nested
    @DisplayName("The red-flag screen and the scope come first")
    class ScreenFirst {

        @Test
        void anUnsettledRedFlagGivesInsufficientInformationEvenWhenALowerRankHolds() {
            // given three motion segments (open surgery preferred), bladder function not asked about
            var patient = Patients.candidate().levels(3).bladderBowelDysfunction(null);

            // when
            Assessment a = Engine.assess(patient);

            // then open surgery is not given while urgent evaluation cannot be excluded
            assertInsufficient(a, Verdict.URGENT_EVALUATION, Verdict.OPEN_SURGERY_PREFERRED);
            assertThat(a.toSettle()).containsExactly(
                    settles("bladderBowelDysfunction", Verdict.URGENT_EVALUATION, "URG-1"));
            assertThat(decidingCodes(a)).containsExactly("URG-SCREEN-INCOMPLETE");
            assertThat(ranks(patient)).containsExactly(U, E, E, E, E, H, E);
        }

        @Test
        void anUnsettledSeriousPathologyGivesInsufficientInformationEvenWhenTheScopeExcludesThePatient() {
            // given a 17-year-old, the serious-pathology judgement not recorded
            var patient = Patients.candidate().age(17).seriousPathologySuspected(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertInsufficient(a, Verdict.URGENT_EVALUATION, Verdict.OUTSIDE_SCOPE);
            assertThat(a.missingInputs()).containsExactly("seriousPathologySuspected");
        }

        @Test
        void anUnjudgedScopeGivesInsufficientInformationEvenWhenALowerRankHolds() {
            // given conservative care too short, the ASA class not recorded
            var patient = Patients.candidate().conservativeCareWeeks(3).asaClass(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertInsufficient(a, Verdict.OUTSIDE_SCOPE, Verdict.CONSERVATIVE_CARE_FIRST);
            assertThat(a.missingInputs()).containsExactly("asaClass");
            assertThat(ranks(patient)).containsExactly(E, U, E, H, E, E, E);
        }

        @Test
        void possibleVerdictsListOnlyTheVerdictsTheUnknownInputsCanLeadTo() {
            // given conservative care too short and bladder function not asked about: a bladder dysfunction
            // gives urgent evaluation, its absence conservative care first; no value leads to surgery
            Assessment a = Engine.assess(Patients.candidate().conservativeCareWeeks(2).bladderBowelDysfunction(null));

            // then
            assertInsufficient(a, Verdict.URGENT_EVALUATION, Verdict.CONSERVATIVE_CARE_FIRST);
            assertThat(a.findingCodes()).as("no surgical risks or setting for a patient who cannot have surgery")
                    .doesNotContain("PROC-GENERAL", "SET-UNDETERMINED");
        }
    }

    @Nested
    @DisplayName("Overridden verdicts")
    class Overridden {

        @Test
        void aRedFlagOverridesOpenSurgery() {
            // given bladder dysfunction in a patient with three levels and complex anatomy
            Assessment a = Engine.assess(Patients.candidate().bladderBowelDysfunction(true).levels(3)
                    .complexSpinalAnatomy(true));

            // then
            assertDefinitive(a, Verdict.URGENT_EVALUATION);
            assertThat(a.overridden()).singleElement().satisfies(o -> {
                assertThat(o.verdict()).isEqualTo(Verdict.OPEN_SURGERY_PREFERRED);
                assertThat(o.findingCodes()).containsExactly("OPEN-COMPLEX-ANATOMY", "OPEN-MULTILEVEL");
                assertThat(o.reason()).isEqualTo(
                        "yields to URGENT_EVALUATION, which comes before it in the verdict order (1 before 6)");
            });
        }

        @Test
        void everyLowerRankThatHoldsIsOverriddenInVerdictOrder() {
            // given a 17-year-old with degenerative disc disease, two weeks of care, no examination, three levels
            Assessment a = Engine.assess(Patients.candidate().age(17).diagnoses(Diagnosis.DEGENERATIVE_DISC_DISEASE)
                    .conservativeCareWeeks(2).physicalExamDone(false).levels(3));

            // then
            assertDefinitive(a, Verdict.OUTSIDE_SCOPE);
            assertThat(overriddenVerdicts(a)).containsExactly(Verdict.SURGERY_NOT_INDICATED,
                    Verdict.CONSERVATIVE_CARE_FIRST, Verdict.FURTHER_EVALUATION, Verdict.OPEN_SURGERY_PREFERRED);
            assertThat(a.overridden()).extracting(OverriddenVerdict::findingCodes).containsExactly(
                    List.of("CAND-1-NO-CONDITION"), List.of("CAND-3-TOO-SHORT"), List.of("CAND-4-NO-EXAM"),
                    List.of("OPEN-MULTILEVEL"));
            assertThat(a.overridden()).allSatisfy(o -> assertThat(o.reason()).startsWith("yields to OUTSIDE_SCOPE"));
        }

        @Test
        void surgeryNotIndicatedOverridesConservativeCareFirst() {
            // given symptoms that have settled, after two weeks of conservative care
            Assessment a = Engine.assess(Patients.candidate().symptomsPersist(false).conservativeCareWeeks(2));

            // then
            assertDefinitive(a, Verdict.SURGERY_NOT_INDICATED);
            assertThat(a.overridden()).singleElement().satisfies(o -> {
                assertThat(o.verdict()).isEqualTo(Verdict.CONSERVATIVE_CARE_FIRST);
                assertThat(o.findingCodes()).containsExactly("CAND-3-TOO-SHORT");
                assertThat(o.reason()).contains("(3 before 4)");
            });
        }

        @Test
        void aLowerRankThatHoldsIsOverriddenBelowAHoldingRankWhileAHigherRankIsUndetermined() {
            // given a child, bladder function not asked about
            Assessment a = Engine.assess(Patients.candidate().age(17).bladderBowelDysfunction(null));

            // then whatever the answer, the candidacy yields (to urgent evaluation or to the scope)
            assertInsufficient(a, Verdict.URGENT_EVALUATION, Verdict.OUTSIDE_SCOPE);
            assertThat(a.overridden()).singleElement().satisfies(o -> {
                assertThat(o.verdict()).isEqualTo(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
                assertThat(o.reason()).startsWith("yields to OUTSIDE_SCOPE");
            });
        }

        @Test
        void anUndeterminedLowerRankIsNotOverridden() {
            // given a red flag, with access to the target unknown
            Assessment a = Engine.assess(Patients.candidate().saddleAnaesthesia(true).targetAccessible(null));

            // then
            assertDefinitive(a, Verdict.URGENT_EVALUATION);
            assertThat(a.overridden()).isEmpty();
        }

        @Test
        void aDeformityBeyondTheLimitsIsOpenSurgeryNotSurgeryNotIndicated() {
            // given a scoliosis with a 9 cm SVA
            Assessment a = Engine.assess(Patients.deformityCandidate().svaCm(9.0));

            // then
            assertDefinitive(a, Verdict.OPEN_SURGERY_PREFERRED);
            assertThat(decidingCodes(a)).containsExactly("OPEN-SVA");
            assertThat(a.overridden()).isEmpty();
        }
    }

    @Test
    void decidedByListsEachFindingOnce() {
        // given access to the target not assessed: CAND-6 and CAND-8 UNKNOWN leave ranks 6 and 7 undetermined
        Assessment a = Engine.assess(Patients.candidate().targetAccessible(null));

        // then each deciding finding is listed once, though it stands behind two ranks
        assertThat(a.decidedBy()).extracting(Finding::code).containsExactly("CAND-6-UNKNOWN", "CAND-8-UNKNOWN");
    }
}
