package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.spinecds.Evidence;
import org.spinecds.Finding;
import org.spinecds.Severity;
import org.spinecds.Verdict;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Patient;
import org.spinecds.patient.Procedure;
import org.spinecds.patient.Region;

/** procedure-risk.drl: PROC-1 to PROC-6, the risks to discuss for consent. */
@DisplayName("Procedure risks (PROC-1 to PROC-6)")
class ProcedureRiskTest {

    @Nested
    @DisplayName("PROC-1 and PROC-2: always listed")
    class AlwaysListed {

        @ParameterizedTest(name = "{0} is listed for a candidate ({1})")
        @CsvSource({
                "PROC-GENERAL, PROC-1, Discuss these risks when obtaining consent",
                "PROC-SPINE,   PROC-2, Discuss these risks when obtaining consent"
        })
        void theGeneralAndProcedureRisksAreListedForConsent(String code, String criterion, String action) {
            // when
            Assessment a = Engine.assess(Patients.candidate());

            // then
            Finding f = finding(a, code);
            assertThat(f.criterion()).isEqualTo(criterion);
            assertThat(f.category()).isEqualTo(Category.PROCEDURE_RISK);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.action()).isEqualTo(action);
        }

        @Test
        void theyAreListedEvenWhenNothingIsKnownAboutThePatient() {
            // given no input at all: these risks depend on none
            // when
            Assessment a = Engine.assess(Patient.builder().build());

            // then
            assertThat(a.findingCodes()).contains("PROC-GENERAL", "PROC-SPINE");
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
    }

    @Nested
    @DisplayName("PROC-3 to PROC-5: regional risks")
    class Regions {

        @ParameterizedTest(name = "{1} surgery lists {0}")
        @CsvSource({
                "PROC-CERVICAL, CERVICAL, PROC-3",
                "PROC-THORACIC, THORACIC, PROC-4",
                "PROC-LUMBAR,   LUMBAR,   PROC-5"
        })
        void aRegionListsItsRisks(String code, Region region, String criterion) {
            // given
            var patient = Patients.candidate().regions(region);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, code);
            assertThat(f.criterion()).isEqualTo(criterion);
            assertThat(f.category()).isEqualTo(Category.PROCEDURE_RISK);
            Evidence e = evidence(f, "regions", "contains");
            assertThat(e.threshold()).isEqualTo(region.name());
            assertThat(e.value()).isEqualTo(List.of(region.name()));
        }

        @ParameterizedTest(name = "{1}-only surgery does not list {0}")
        @CsvSource({
                "PROC-CERVICAL, LUMBAR",
                "PROC-THORACIC, CERVICAL",
                "PROC-LUMBAR,   THORACIC"
        })
        void anotherRegionDoesNotListThem(String code, Region otherRegion) {
            // given
            var patient = Patients.candidate().regions(otherRegion);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).doesNotContain(code);
        }

        @Test
        void unknownRegionsAndProcedureListNoRegionalRisk() {
            // given
            var patient = Patients.candidate().regions((Region[]) null).plannedProcedure(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes())
                    .doesNotContain("PROC-CERVICAL", "PROC-THORACIC", "PROC-LUMBAR", "PROC-LUMBAR-RECURRENCE");
        }

        @ParameterizedTest(name = "{0} with no regions recorded lists {1}")
        @CsvSource({
                "ACDF,                            PROC-CERVICAL",
                "POSTERIOR_CERVICAL_FORAMINOTOMY, PROC-CERVICAL",
                "LUMBAR_DISCECTOMY,               PROC-LUMBAR",
                "LUMBAR_FUSION,                   PROC-LUMBAR"
        })
        void aProcedureThatFixesTheRegionListsItsRisksWhenNoRegionIsRecorded(Procedure procedure, String code) {
            // given
            var patient = Patients.candidate().regions((Region[]) null).plannedProcedure(procedure);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Evidence e = evidence(finding(a, code), "plannedProcedure", "==");
            assertThat(e.value()).isEqualTo(procedure.name());
        }

        @Test
        void aProcedureOfNoFixedRegionListsNoRegionalRiskWithoutRegions() {
            // given
            var patient = Patients.candidate().regions((Region[]) null).plannedProcedure(Procedure.DECOMPRESSIVE_LAMINECTOMY);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).doesNotContain("PROC-CERVICAL", "PROC-THORACIC", "PROC-LUMBAR");
        }

        @Test
        void aCervicothoracicProcedureListsTheRisksOfBothRegions() {
            // given
            var patient = Patients.candidate().regions(Region.CERVICAL, Region.THORACIC);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).contains("PROC-CERVICAL", "PROC-THORACIC").doesNotContain("PROC-LUMBAR");
        }

        @Test
        void aLumbarDiscHerniationMayRecur() {
            // given
            var patient = Patients.candidate().regions(Region.LUMBAR).diagnoses(Diagnosis.HERNIATED_DISC);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "PROC-LUMBAR-RECURRENCE");
            assertThat(f.criterion()).isEqualTo("PROC-5");
            assertThat(evidence(f, "regions", "contains").threshold()).isEqualTo("LUMBAR");
            assertThat(evidence(f, "diagnoses", "contains").threshold()).isEqualTo("HERNIATED_DISC");
        }

        @Test
        void aCervicalDiscHerniationIsNotListedAsALumbarRecurrence() {
            // given
            var patient = Patients.candidate().regions(Region.CERVICAL).diagnoses(Diagnosis.HERNIATED_DISC);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).doesNotContain("PROC-LUMBAR-RECURRENCE");
        }

        @Test
        void lumbarStenosisWithoutHerniationHasNoRecurrenceRisk() {
            // given
            var patient = Patients.candidate().regions(Region.LUMBAR).diagnoses(Diagnosis.SPINAL_STENOSIS);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).contains("PROC-LUMBAR").doesNotContain("PROC-LUMBAR-RECURRENCE");
        }

        @Test
        void unknownDiagnosesListNoRecurrenceRisk() {
            // given
            var patient = Patients.candidate().regions(Region.LUMBAR).diagnoses((Diagnosis[]) null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).contains("PROC-LUMBAR").doesNotContain("PROC-LUMBAR-RECURRENCE");
        }
    }

    @Nested
    @DisplayName("PROC-6: fusion and deformity correction")
    class Complexity {

        @ParameterizedTest(name = "a planned {0} carries higher risk")
        @EnumSource(value = Procedure.class, names = {"LUMBAR_FUSION", "ACDF", "DEFORMITY_CORRECTION"})
        void aFusionOrDeformityCorrectionCarriesHigherRisk(Procedure procedure) {
            // given
            var patient = Patients.candidate().plannedProcedure(procedure);

            // when
            Assessment a = Engine.assess(patient);

            // then
            Finding f = finding(a, "PROC-COMPLEX");
            assertThat(f.criterion()).isEqualTo("PROC-6");
            assertThat(f.category()).isEqualTo(Category.PROCEDURE_RISK);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertInputEvidence(f, "plannedProcedure", procedure.name());
            assertThat(a.verdict()).isEqualTo(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        }

        @ParameterizedTest(name = "a planned {0} is not a fusion")
        @EnumSource(value = Procedure.class, names = {"LUMBAR_FUSION", "ACDF", "DEFORMITY_CORRECTION"},
                mode = EnumSource.Mode.EXCLUDE)
        void aDecompressionOrDiscReplacementIsNotAHigherRiskProcedure(Procedure procedure) {
            // given
            var patient = Patients.candidate().plannedProcedure(procedure);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).doesNotContain("PROC-COMPLEX");
        }

        @Test
        void anUnknownProcedureIsNotAssumedToBeAFusion() {
            // given
            var patient = Patients.candidate().plannedProcedure(null);

            // when
            Assessment a = Engine.assess(patient);

            // then
            assertThat(a.findingCodes()).doesNotContain("PROC-COMPLEX");
        }
    }
}
