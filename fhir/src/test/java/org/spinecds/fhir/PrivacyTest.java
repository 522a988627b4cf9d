package org.spinecds.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.spinecds.rules.CapturingLogs;
import org.spinecds.InvalidPatientException;
import org.spinecds.patient.Input;

/**
 * Nothing of the patient reaches a log: all logging, at every level, is captured while a bundle with a
 * distinctive patient identifier, name, dates and values is mapped, and while invalid and
 * contradictory resources are refused; none of them appears.
 */
class PrivacyTest {

    private static final String ID = "ZQ-PRIVACY-4711";
    private static final List<String> DISTINCTIVE = List.of(ID, "Zqxwv", "1961-07-13", "47.3", "bmi-zq", "913.7", "2026-05-30");

    @Test
    void noPatientDataIsLoggedWhileMapping() {
        assertThat(LoggerFactory.getILoggerFactory().getClass().getName()).contains("CapturingLogs");
        CapturingLogs.start();
        List<String> lines;
        MappedPatient invalid;
        MappedPatient contradictory;
        Throwable deceased;
        MappedPatient mapped;
        try {
            Bundle b = Examples.bundle("smoker-with-stenosis");
            org.hl7.fhir.r4.model.Patient p = R.patient(ID, "1961-07-13");
            p.addName().setFamily("Zqxwv");
            p.setGender(AdministrativeGender.MALE);
            b.getEntry().removeIf(e -> e.getResource() instanceof org.hl7.fhir.r4.model.Patient);
            b.addEntry().setResource(p);
            b.getEntry().removeIf(e -> e.getResource() instanceof Observation o && o.getIdPart().equals("bmi"));
            b.addEntry().setResource(R.bmi("bmi-zq", 47.3));
            for (Bundle.BundleEntryComponent e : b.getEntry()) {
                if (e.getResource().getNamedProperty("subject") != null) {
                    e.getResource().setProperty("subject", new Reference("Patient/" + ID));
                }
            }
            mapped = Examples.MAPPER.map(b);

            Observation impossible = R.bmi("bmi-zq2", 913.7);
            impossible.setSubject(new Reference("Patient/" + ID));
            b.addEntry().setResource(impossible);
            invalid = Examples.MAPPER.map(b);
            b.getEntry().remove(b.getEntry().size() - 1);
            Observation no = R.input("flag-zq", "onBloodThinners", R.ABSENT);
            no.setSubject(new Reference("Patient/" + ID));
            b.addEntry().setResource(no);
            contradictory = Examples.MAPPER.map(b);
            p.setDeceased(new org.hl7.fhir.r4.model.DateTimeType("2026-05-30"));
            deceased = catchThrowable(() -> Examples.MAPPER.map(b));
        } finally {
            lines = CapturingLogs.stop();
        }
        assertThat(mapped.patient().getPatientId()).isEqualTo(ID);
        assertThat(mapped.patient().getBmi()).isEqualTo(47.3);
        assertThat(mapped.toString()).doesNotContain(ID).doesNotContain("47.3").doesNotContain("bmi-zq");
        assertThat(invalid.unsettled().get(Input.BMI)).singleElement().asString().contains("913.7")
                .doesNotContain(ID);
        assertThat(invalid.toString()).contains("bmi").doesNotContain("913.7").doesNotContain("bmi-zq");
        assertThat(contradictory.unsettled().get(Input.ON_BLOOD_THINNERS)).singleElement().asString()
                .doesNotContain(ID);
        assertThat(deceased).isInstanceOf(InvalidPatientException.class).hasMessageContaining("deceased")
                .hasMessageNotContaining(ID).hasMessageNotContaining("2026-05-30");
        assertThat(lines).as("the refusal is logged with its reason").anyMatch(l -> l.contains("deceased patient"));
        assertThat(lines).as("an input left unknown is logged by name").anyMatch(l -> l.contains("bmi"));
        assertThat(lines).as("the mapping logs something at DEBUG, so that this test can see it").isNotEmpty();
        for (String line : lines) {
            for (String d : DISTINCTIVE) {
                assertThat(line).doesNotContain(d);
            }
        }
    }
}
