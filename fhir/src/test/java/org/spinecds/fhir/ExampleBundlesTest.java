package org.spinecds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spinecds.Assessment;
import org.spinecds.json.PatientJson;
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

    @Test
    void everyExamplePatientHasABundle() {
        assertThat(Examples.names()).hasSize(9);
        for (String name : Examples.names()) {
            assertThat(Examples.examples().resolve("fhir/" + name + ".bundle.json")).exists();
        }
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
        assertThat(mapped.provenance().keySet()).isEqualTo(got.keySet());

        Assessment fromJson = Examples.engine().assess(expected);
        Assessment fromFhir = Examples.engine().assess(mapped.patient());
        assertThat(fromFhir.verdict()).as(name).isEqualTo(fromJson.verdict());
        assertThat(fromFhir.criteria()).as(name).isEqualTo(fromJson.criteria());
    }
}
