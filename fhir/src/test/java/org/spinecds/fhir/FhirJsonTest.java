package org.spinecds.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.parser.DataFormatException;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

/** Lenient per resource, strict for the Bundle itself: a quirk in one entry is that entry's, not the record's. */
class FhirJsonTest {

    private static final String OBSERVATION = """
            {"resourceType":"Observation","id":"bmi","status":"final","subject":{"reference":"Patient/p"},
             "code":{"coding":[{"system":"http://loinc.org","code":"39156-5"}]}%s}""";

    @Test
    void anEntryWithAnUnknownElementIsKeptAndMarked() {
        Bundle b = (Bundle) FhirJson.parseRecord("""
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"resource":{"resourceType":"Patient","id":"p"}},
                 {"resource":%s}]}""".formatted(OBSERVATION.formatted(",\"vendorExtra\":1")));

        assertThat(b.getEntry()).hasSize(2);
        assertThat(b.getEntry().get(0).getResource().getUserData(FhirJson.UNREAD)).isNull();
        assertThat(b.getEntry().get(1).getResource().getUserData(FhirJson.UNREAD)).isEqualTo("unknown element");
    }

    @Test
    void aProblemOfTheBundleItselfRefusesTheRecordRatherThanEmptyIt() {
        assertThatThrownBy(() -> FhirJson.parseRecord("""
                {"resourceType":"Bundle","type":"collection","entries":[
                 {"resource":{"resourceType":"Patient","id":"p"}}]}"""))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("entries");
        assertThatThrownBy(() -> FhirJson.parseRecord("""
                {"resourceType":"Bundle","type":"collection","typo":1,"entry":[
                 {"resource":{"resourceType":"Patient","id":"p","vendorExtra":1}}]}"""))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("typo");
    }

    @Test
    void aNewerObservationNotReadWholeLeavesItsInputUnknownRatherThanLetAnOlderOneWin() {
        String older = """
                {"resourceType":"Observation","id":"bmi-old","status":"final","subject":{"reference":"Patient/p"},
                 "code":{"coding":[{"system":"http://loinc.org","code":"39156-5"}]},
                 "effectiveDateTime":"2025-01-10T09:00:00Z",
                 "valueQuantity":{"value":24.0,"unit":"kg/m2","system":"http://unitsofmeasure.org","code":"kg/m2"}}""";
        String newer = """
                {"resourceType":"Observation","id":"bmi-new","status":"final","subject":{"reference":"Patient/p"},
                 "code":{"coding":[{"system":"http://loinc.org","code":"39156-5"}]},
                 "effectiveDateTime":"2026-05-10T09:00:00Z",
                 "valueQuantityy":{"value":33.0,"unit":"kg/m2","system":"http://unitsofmeasure.org","code":"kg/m2"}}""";
        Bundle b = (Bundle) FhirJson.parseRecord("""
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"resource":{"resourceType":"Patient","id":"p","birthDate":"1970-01-01"}},
                 {"resource":%s},{"resource":%s}]}""".formatted(older, newer));

        MappedPatient mapped = FhirPatientMapper.withDefaultCodes().map(b);

        assertThat(mapped.patient().getBmi()).isNull();
        assertThat(mapped.unsettled()).containsKey(org.spinecds.patient.Input.BMI);
        assertThat(String.join(" ", mapped.unsettled().get(org.spinecds.patient.Input.BMI))).contains("Observation/bmi-new");
    }
}
