package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinecds.rules.Findings.assertDefinitive;
import static org.spinecds.rules.Findings.assertInputEvidence;
import static org.spinecds.rules.Findings.evidence;
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
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Patient;
import org.spinecds.patient.Procedure;
import org.spinecds.patient.Region;

/**
 * procedure-risk.drl: PROC-1 to PROC-6, the risks to discuss for consent, listed only while surgery is
 * among the possible verdicts.
 */
@DisplayName("Procedure risks (PROC-1 to PROC-6)")
class ProcedureRiskTest {

    private static final List<String> REGIONAL =
            List.of("PROC-CERVICAL", "PROC-THORACIC", "PROC-LUMBAR", "PROC-LUMBAR-RECURRENCE");

    private static List<String> procCodes(Assessment a) {
        return a.findings().stream().filter(f -> f.criterion().startsWith("PROC-")).map(Finding::code).toList();
    }

    private static List<String> regionalCodes(Assessment a) {
        return a.findingCodes().stream().filter(REGIONAL::contains).toList();
    }

    /** The candidate with a laminectomy planned (a procedure of no fixed region) in the given regions. */
    private static Patient.Builder laminectomyIn(Region... regions) {
        return Patients.candidate().diagnoses(Diagnosis.SPINAL_STENOSIS)
                .plannedProcedure(Procedure.DECOMPRESSIVE_LAMINECTOMY).regions(regions);
    }

    @Nested
    @DisplayName("PROC-1 and PROC-2: while surgery is possible")
    class GeneralRisks {

        @ParameterizedTest(name = "{0} is listed for a candidate ({1})")
        @CsvSource({"PROC-GENERAL, PROC-1", "PROC-SPINE, PROC-2"})
        void theGeneralAndProcedureRisksAreListedForConsent(String code, String criterion) {
            // when
            Assessment a = Engine.assess(Patients.candidate());

            // then
            Finding f = finding(a, code);
            assertThat(f.criterion()).isEqualTo(criterion);
            assertThat(f.category()).isEqualTo(Category.PROCEDURE_RISK);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.action()).isEqualTo("Discuss these risks when obtaining consent");
        }

        @Test
        void theGeneralRisksNameAnaesthesiaInfectionBleedingClotsAndStroke() {
            // when
            Finding f = finding(Engine.assess(Patients.candidate()), "PROC-GENERAL");

            // then
            assertThat(f.detail()).contains("anaesthesia", "infection", "bleeding", "blood clots", "stroke");
        }

        @Test
        void theSpineRisksNameNerveInjuryDuralTearIncompleteReliefAndConversion() {
            // when
            Finding f = finding(Engine.assess(Patients.candidate()), "PROC-SPINE");

            // then
            assertThat(f.detail()).contains("nerve", "dural tear", "incomplete relief", "conversion to open surgery");
        }

        @Test
        void theyAreListedForOpenSurgery() {
            // when
            Assessment a = Engine.assess(Patients.candidate().levels(3));

            // then
            assertThat(a.verdict()).isEqualTo(Verdict.OPEN_SURGERY_PREFERRED);
            assertThat(procCodes(a)).contains("PROC-GENERAL", "PROC-SPINE");
        }

        @Test
        void theyAreListedWhileSurgeryIsStillPossible() {
            // given nothing known at all: every verdict is still possible
            Assessment a = Engine.assess(Patient.builder().build());

            // then
            assertThat(a.possibleVerdicts()).contains(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            assertThat(procCodes(a)).containsExactly("PROC-GENERAL", "PROC-SPINE");
        }

        @Test
        void theyAreNotListedForAVerdictThatExcludesSurgery() {
            // given
            Assessment conservative = Engine.assess(Patients.candidate().conservativeCareWeeks(4));
            Assessment urgent = Engine.assess(Patients.candidate().bladderBowelDysfunction(true));
            Assessment outside = Engine.assess(Patients.candidate().age(15));
            Assessment furtherEvaluation = Engine.assess(Patients.candidate().imagingConcordant(false));
            Assessment notIndicated = Engine.assess(Patients.candidate().symptomsPersist(false));

            // then
            for (Assessment a : List.of(conservative, urgent, outside, furtherEvaluation, notIndicated)) {
                assertThat(a.possibleVerdicts()).as("%s", a.verdict()).noneMatch(Verdict::isSurgicalCandidate);
                assertThat(procCodes(a)).as("%s", a.verdict()).isEmpty();
            }
        }

        @Test
        void theyAreNotListedWhenTheUndecidedVerdictsExcludeSurgery() {
            // given serious pathology not yet judged and conservative care too short: urgent evaluation or
            // conservative care first, whatever the judgement
            Assessment a = Engine.assess(Patients.candidate().seriousPathologySuspected(null).conservativeCareWeeks(4)
                    .plannedProcedure(Procedure.ACDF).regions(Region.CERVICAL, Region.LUMBAR));

            // then
            assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
            assertThat(a.possibleVerdicts()).containsExactly(Verdict.URGENT_EVALUATION,
                    Verdict.CONSERVATIVE_CARE_FIRST);
            assertThat(procCodes(a)).isEmpty();
        }
    }

    @Nested
    @DisplayName("PROC-3 to PROC-5: regional risks")
    class Regions {

        @ParameterizedTest(name = "{1} lists {0}")
        @CsvSource({
                "PROC-CERVICAL, CERVICAL, PROC-3, hematoma",
                "PROC-THORACIC, THORACIC, PROC-4, cerebrospinal-fluid leak",
                "PROC-LUMBAR,   LUMBAR,   PROC-5, dural tear"
        })
        void aRecordedRegionListsItsRisks(String code, Region region, String criterion, String risk) {
            // when
            Assessment a = Engine.assess(laminectomyIn(region));

            // then
            Finding f = finding(a, code);
            assertThat(f.criterion()).isEqualTo(criterion);
            assertThat(f.category()).isEqualTo(Category.PROCEDURE_RISK);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.detail()).contains(risk);
            assertThat(evidence(f, "regions", "contains").threshold()).isEqualTo(region.name());
            assertThat(regionalCodes(a)).containsExactly(code);
        }

        @Test
        void everyRecordedRegionListsItsRisks() {
            // when
            Assessment a = Engine.assess(laminectomyIn(Region.CERVICAL, Region.THORACIC));

            // then
            assertThat(regionalCodes(a)).containsExactly("PROC-CERVICAL", "PROC-THORACIC");
        }

        @ParameterizedTest(name = "{0} without recorded regions lists {1}")
        @CsvSource({
                "ACDF,                            PROC-CERVICAL",
                "CERVICAL_DISC_REPLACEMENT,       PROC-CERVICAL",
                "CERVICAL_DISCECTOMY,             PROC-CERVICAL",
                "POSTERIOR_CERVICAL_FORAMINOTOMY, PROC-CERVICAL",
                "THORACIC_DISCECTOMY,             PROC-THORACIC",
                "LUMBAR_DISCECTOMY,               PROC-LUMBAR"
        })
        void aProcedureThatFixesTheRegionListsItsRisksWhenNoRegionIsRecorded(Procedure procedure, String code) {
            // when
            Assessment a = Engine.assess(Patients.candidate().diagnoses(Diagnosis.SPINAL_STENOSIS).regions((Region[]) null)
                    .plannedProcedure(procedure));

            // then
            Finding f = finding(a, code);
            assertInputEvidence(f, "plannedProcedure", procedure.name());
            assertThat(regionalCodes(a)).containsExactly(code);
        }

        @ParameterizedTest(name = "{0} without recorded regions lists no regional risk")
        @EnumSource(value = Procedure.class, names = {"DECOMPRESSIVE_LAMINECTOMY", "OTHER"})
        void aProcedureOfNoFixedRegionListsNoRegionalRiskWithoutRegions(Procedure procedure) {
            // when
            Assessment a = Engine.assess(Patients.candidate().diagnoses(Diagnosis.SPINAL_STENOSIS).regions((Region[]) null)
                    .plannedProcedure(procedure));

            // then an unknown region is not assumed to be any region
            assertThat(regionalCodes(a)).isEmpty();
        }

        @Test
        void unknownRegionsAndProcedureListNoRegionalRisk() {
            // when
            Assessment a = Engine.assess(Patients.deformityCandidate().regions((Region[]) null).plannedProcedure(null));

            // then
            assertThat(a.verdict()).isEqualTo(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            assertThat(procCodes(a)).containsExactly("PROC-GENERAL", "PROC-SPINE");
        }

        @Test
        void aLumbarDiscHerniationMayRecur() {
            // when (the candidate: a lumbar disc herniation for a discectomy)
            Assessment a = Engine.assess(Patients.candidate());

            // then
            Finding f = finding(a, "PROC-LUMBAR-RECURRENCE");
            assertThat(f.criterion()).isEqualTo("PROC-5");
            assertThat(evidence(f, "diagnoses", "contains").threshold()).isEqualTo("HERNIATED_DISC");
            assertThat(regionalCodes(a)).containsExactly("PROC-LUMBAR", "PROC-LUMBAR-RECURRENCE");
        }

        @Test
        void lumbarStenosisWithoutHerniationHasNoRecurrenceRisk() {
            // when
            Assessment a = Engine.assess(laminectomyIn(Region.LUMBAR));

            // then
            assertThat(regionalCodes(a)).containsExactly("PROC-LUMBAR");
        }

        @Test
        void aCervicalDiscHerniationIsNotListedAsALumbarRecurrence() {
            // when
            Assessment a = Engine.assess(Patients.candidate().regions(Region.CERVICAL)
                    .plannedProcedure(Procedure.CERVICAL_DISCECTOMY));

            // then
            assertThat(regionalCodes(a)).containsExactly("PROC-CERVICAL");
        }

        @Test
        void regionalRisksAreNotListedWhenSurgeryIsExcluded() {
            // when
            Assessment a = Engine.assess(Patients.candidate().conservativeCareRelieved(true));

            // then
            assertDefinitive(a, Verdict.CONSERVATIVE_CARE_FIRST);
            assertThat(regionalCodes(a)).isEmpty();
        }
    }

    @Nested
    @DisplayName("PROC-6: fusion and deformity correction")
    class Complexity {

        @ParameterizedTest(name = "{0} carries a higher risk")
        @EnumSource(value = Procedure.class, names = {"LUMBAR_FUSION", "DEFORMITY_CORRECTION", "ACDF"})
        void aFusionOrDeformityCorrectionCarriesAHigherRisk(Procedure procedure) {
            // when
            Assessment a = Engine.assess(Patients.deformityCandidate().regions(Region.CERVICAL, Region.LUMBAR)
                    .plannedProcedure(procedure));

            // then
            Finding f = finding(a, "PROC-COMPLEX");
            assertThat(f.criterion()).isEqualTo("PROC-6");
            assertThat(f.category()).isEqualTo(Category.PROCEDURE_RISK);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertInputEvidence(f, "plannedProcedure", procedure.name());
        }

        @ParameterizedTest(name = "{0} is not a higher-risk procedure")
        @EnumSource(value = Procedure.class, names = {"LUMBAR_DISCECTOMY", "DECOMPRESSIVE_LAMINECTOMY",
                "CERVICAL_DISC_REPLACEMENT", "CERVICAL_DISCECTOMY", "POSTERIOR_CERVICAL_FORAMINOTOMY",
                "THORACIC_DISCECTOMY", "OTHER"})
        void aDecompressionOrDiscReplacementIsNotAHigherRiskProcedure(Procedure procedure) {
            // when
            Assessment a = Engine.assess(Patients.candidate().regions(Region.CERVICAL, Region.THORACIC, Region.LUMBAR)
                    .plannedProcedure(procedure));

            // then
            assertThat(a.findingCodes()).doesNotContain("PROC-COMPLEX");
        }

        @Test
        void anUnknownProcedureIsNotAssumedToBeAFusion() {
            // when
            Assessment a = Engine.assess(Patients.deformityCandidate().plannedProcedure(null));

            // then
            assertThat(a.findingCodes()).doesNotContain("PROC-COMPLEX");
        }

        @Test
        void aFusionIsNotListedWhenSurgeryIsExcluded() {
            // when
            Assessment a = Engine.assess(Patients.deformityCandidate().conservativeCareWeeks(3));

            // then
            assertDefinitive(a, Verdict.CONSERVATIVE_CARE_FIRST);
            assertThat(procCodes(a)).isEmpty();
        }
    }
}
