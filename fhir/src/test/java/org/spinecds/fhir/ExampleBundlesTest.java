package org.spinecds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.spinecds.Assessment;
import org.spinecds.Verdict;
import org.spinecds.json.PatientJson;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;

/**
 * Every example patient of {@code examples/patients/} has a FHIR bundle in {@code examples/fhir/} that
 * maps to the same patient (apart from the inputs a FHIR record does not hold) and gets the same verdict.
 */
class ExampleBundlesTest {

    /** Inputs the example bundles leave unknown on purpose: they are not facts of the patient's record. */
    private static final Set<Input> NOT_IN_THE_RECORD = EnumSet.of(Input.SURGEON_MISS_PROCEDURES);

    static Iterable<String> names() {
        return Examples.names();
    }

    /** The verdict each example patient's story leads to; every verdict has at least one. */
    private static final Map<String, Verdict> VERDICTS = Map.ofEntries(
            Map.entry("cauda-equina", Verdict.URGENT_EVALUATION),
            Map.entry("suspected-metastasis", Verdict.URGENT_EVALUATION),
            Map.entry("adolescent-disc-herniation", Verdict.OUTSIDE_SCOPE),
            Map.entry("axial-back-pain", Verdict.SURGERY_NOT_INDICATED),
            Map.entry("early-sciatica", Verdict.CONSERVATIVE_CARE_FIRST),
            Map.entry("discordant-imaging", Verdict.FURTHER_EVALUATION),
            Map.entry("multilevel-stenosis", Verdict.OPEN_SURGERY_PREFERRED),
            Map.entry("adult-deformity", Verdict.OPEN_SURGERY_PREFERRED),
            Map.entry("lumbar-disc-herniation", Verdict.MINIMALLY_INVASIVE_CANDIDATE),
            Map.entry("cervical-radiculopathy", Verdict.MINIMALLY_INVASIVE_CANDIDATE),
            Map.entry("cervical-myelopathy", Verdict.MINIMALLY_INVASIVE_CANDIDATE),
            Map.entry("smoker-with-stenosis", Verdict.MINIMALLY_INVASIVE_CANDIDATE),
            Map.entry("incomplete-referral", Verdict.INSUFFICIENT_INFORMATION));

    @Test
    void everyExamplePatientHasABundle() {
        assertThat(Examples.names()).containsExactlyInAnyOrderElementsOf(VERDICTS.keySet());
        for (String name : Examples.names()) {
            assertThat(Examples.examples().resolve("fhir/" + name + ".bundle.json")).exists();
        }
    }

    @Test
    void everyVerdictHasAnExamplePatient() {
        assertThat(EnumSet.copyOf(VERDICTS.values())).containsExactlyInAnyOrder(Verdict.values());
    }

    @ParameterizedTest
    @MethodSource("names")
    void eachExamplePatientGetsTheVerdictOfItsStory(String name) throws IOException {
        Assessment a = Examples.engine().assess(PatientJson.read(Examples.patientFile(name)));
        assertThat(a.verdict()).as(name).isEqualTo(VERDICTS.get(name));
        if (a.verdict().isRanked()) {
            assertThat(a.possibleVerdicts()).as(name).containsExactly(a.verdict());
            assertThat(a.toSettle()).as(name).isEmpty();
        }
    }

    /** The stories the verdicts rest on: the finding that decides each, or the claim it makes. */
    @Test
    void theExamplesShowTheRulesTheyAreAbout() throws IOException {
        assertThat(codes("suspected-metastasis")).contains("URG-SERIOUS-PATHOLOGY").doesNotContain("URG-BLADDER-BOWEL");
        assertThat(codes("adolescent-disc-herniation")).contains("SCOPE-CHILD");
        assertThat(codes("discordant-imaging")).contains("CAND-5-NOT-PINPOINTED", "OPEN-NOT-PINPOINTED");
        assertThat(codes("cervical-myelopathy")).contains("CAND-3-WAIVED-MYELOPATHY");
        assertThat(codes("lumbar-disc-herniation")).contains("SET-SAME-DAY");
        assertThat(codes("smoker-with-stenosis")).contains("SET-HOSPITAL-STAY");
        Assessment incomplete = Examples.engine().assess(PatientJson.read(Examples.patientFile("incomplete-referral")));
        assertThat(incomplete.possibleVerdicts()).hasSizeGreaterThan(1);
        assertThat(incomplete.missingInputs()).first().isEqualTo("seriousPathologySuspected");
    }

    private static List<String> codes(String name) throws IOException {
        return Examples.engine().assess(PatientJson.read(Examples.patientFile(name))).findingCodes();
    }

    @ParameterizedTest
    @MethodSource("names")
    void bundleMapsToTheExamplePatientWithTheSameVerdict(String name) throws IOException {
        Patient expected = PatientJson.read(Examples.patientFile(name));
        Bundle bundle = Examples.bundle(name);
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);

        MappedPatient mapped = Examples.MAPPER.map(bundle);
        Map<Input, Object> got = mapped.patient().knownInputs();

        for (Map.Entry<Input, Object> e : expected.knownInputs().entrySet()) {
            if (NOT_IN_THE_RECORD.contains(e.getKey())) {
                assertThat(got).as(name + ": " + e.getKey()).doesNotContainKey(e.getKey());
            } else {
                assertThat(got.get(e.getKey())).as(name + ": " + e.getKey()).isEqualTo(e.getValue());
            }
        }
        assertThat(got.keySet()).as(name + ": inputs the JSON example does not have")
                .isSubsetOf(expected.knownInputs().keySet());
        java.util.Set<Input> knownOrPartly = new java.util.HashSet<>(got.keySet());
        knownOrPartly.addAll(mapped.patient().partialInputs().keySet());
        assertThat(mapped.provenance().keySet()).isEqualTo(knownOrPartly);

        Assessment fromJson = Examples.engine().assess(expected);
        Assessment fromFhir = Examples.engine().assess(mapped.patient());
        assertThat(fromFhir.verdict()).as(name).isEqualTo(fromJson.verdict());
        assertThat(fromFhir.criteria()).as(name).isEqualTo(fromJson.criteria());
    }

    /**
     * An active scoliosis without a verification status beside the confirmed herniation: the mapped
     * diagnoses are unknown, not the herniation alone, so the verdict is not a candidacy while the same
     * patient with the scoliosis known is insufficiently informed.
     */
    @Test
    void anUnverifiedSpinalConditionInTheRecordLeavesTheDiagnosesUnknown() throws IOException {
        Bundle bundle = Examples.bundle("lumbar-disc-herniation");
        Condition scoliosis = new Condition();
        scoliosis.setId("scoliosis");
        scoliosis.setSubject(new org.hl7.fhir.r4.model.Reference("Patient/pat"));
        scoliosis.setClinicalStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
        scoliosis.setCode(new CodeableConcept(new Coding(R.ICD, "M41.26", null)));
        bundle.addEntry().setResource(scoliosis);

        MappedPatient mapped = Examples.MAPPER.map(bundle);
        assertThat(mapped.patient().isKnown(Input.DIAGNOSES)).isFalse();
        // The code list gives no region for M41: the regions are unknown too.
        assertThat(mapped.patient().isKnown(Input.REGIONS)).isFalse();
        Assessment fromFhir = Examples.engine().assess(mapped.patient());
        assertThat(fromFhir.verdict()).isNotEqualTo(Verdict.MINIMALLY_INVASIVE_CANDIDATE);

        Patient json = PatientJson.read(Examples.patientFile("lumbar-disc-herniation"));
        Set<Diagnosis> withScoliosis = EnumSet.copyOf(json.getDiagnoses());
        withScoliosis.add(Diagnosis.SCOLIOSIS_DEFORMITY);
        Patient.Builder b = Patient.builder();
        json.knownInputs().forEach(b::set);
        b.set(Input.DIAGNOSES, withScoliosis);
        assertThat(Examples.engine().assess(b.build()).verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
        assertThat(fromFhir.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
    }
}
