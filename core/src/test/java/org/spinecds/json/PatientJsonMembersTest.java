package org.spinecds.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.spinecds.InvalidPatientException;
import org.spinecds.patient.Comorbidity;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;
import org.spinecds.patient.Region;
import org.spinecds.patient.Symptom;

/** The object form of a set input: {"present": [...], "absent": [...]} for a list not known complete. */
class PatientJsonMembersTest {

    @Test
    void theObjectFormGivesMembersKnownPresentAndAbsent() {
        Patient p = PatientJson.read("""
                {"comorbidities": {"present": ["DIABETES"], "absent": ["OSTEOPOROSIS", "KIDNEY_DISEASE"]},
                 "diagnoses": {"present": ["HERNIATED_DISC"]},
                 "symptoms": {"absent": ["WEAKNESS"]},
                 "regions": ["LUMBAR"]}
                """);

        assertThat(p.isKnown(Input.COMORBIDITIES)).isFalse();
        assertThat(p.getComorbiditiesPresent()).containsExactly(Comorbidity.DIABETES);
        assertThat(p.getComorbiditiesAbsent()).containsExactly(Comorbidity.KIDNEY_DISEASE, Comorbidity.OSTEOPOROSIS);
        assertThat(p.getDiagnosesPresent()).containsExactly(Diagnosis.HERNIATED_DISC);
        assertThat(p.getDiagnosesAbsent()).isEmpty();
        assertThat(p.getSymptomsAbsent()).containsExactly(Symptom.WEAKNESS);
        assertThat(p.getRegions()).containsExactly(Region.LUMBAR);
    }

    @Test
    void anArrayKeepsMeaningTheCompleteListAndAnObjectCoveringEveryMemberIsOne() {
        Patient array = PatientJson.read("{\"regions\": [\"LUMBAR\"]}");
        Patient object = PatientJson.read("{\"regions\": {\"present\": [\"LUMBAR\"], \"absent\": [\"CERVICAL\", \"THORACIC\"]}}");

        assertThat(object).isEqualTo(array);
        assertThat(object.isKnown(Input.REGIONS)).isTrue();
        assertThat(PatientJson.read("{\"symptoms\": {}}")).isEqualTo(Patient.builder().build());
        assertThat(PatientJson.read("{\"symptoms\": {\"absent\": []}}")).isEqualTo(Patient.builder().build());
    }

    @Test
    void aSideGivenAsNullIsRefusedNamingTheField() {
        assertThatThrownBy(() -> PatientJson.read("{\"comorbidities\": {\"present\": null}}"))
                .isInstanceOf(InvalidPatientException.class)
                .hasMessage("comorbidities.present: must be an array of strings, was null")
                .satisfies(e -> assertThat(((InvalidPatientException) e).field()).isEqualTo("comorbidities.present"));
        assertThatThrownBy(() -> PatientJson.read("{\"symptoms\": {\"present\": [\"BACK_PAIN\"], \"absent\": null}}"))
                .hasMessage("symptoms.absent: must be an array of strings, was null");
    }

    @Test
    void badObjectFormsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> PatientJson.read("{\"comorbidities\": {\"present\": [\"DIABETES\", \"GOUT\"]}}"))
                .isInstanceOf(InvalidPatientException.class)
                .hasMessageStartingWith("comorbidities.present[1]: must be one of [DIABETES")
                .satisfies(e -> assertThat(((InvalidPatientException) e).field()).isEqualTo("comorbidities.present[1]"));
        assertThatThrownBy(() -> PatientJson.read("{\"comorbidities\": {\"absent\": [\"DIABETES\", 3]}}"))
                .hasMessage("comorbidities.absent[1]: must be a string, was a number");
        assertThatThrownBy(() -> PatientJson.read("{\"comorbidities\": {\"present\": \"DIABETES\"}}"))
                .hasMessage("comorbidities.present: must be an array of strings, was a string");
        assertThatThrownBy(() -> PatientJson.read("{\"comorbidities\": {\"present\": [], \"unknown\": []}}"))
                .hasMessageStartingWith("comorbidities.unknown: unknown field");
        assertThatThrownBy(() -> PatientJson.read("{\"diagnoses\": {\"present\": [\"MYELOPATHY\"], \"absent\": [\"MYELOPATHY\"]}}"))
                .hasMessage("diagnoses: lists MYELOPATHY both present and absent");
        assertThatThrownBy(() -> PatientJson.read("{\"age\": {\"present\": []}}"))
                .hasMessage("age: must be a whole number, was an object");
        assertThatThrownBy(() -> PatientJson.read("{\"symptoms\": \"LEG_PAIN\"}"))
                .hasMessageStartingWith("symptoms: must be an array of strings (the complete list) or an object");
    }

    @Test
    void writingAPatientWritesTheSameShapesBack() {
        Patient p = Patient.builder().patientId("p-1").age(58).bmi(27.5).onBloodThinners(false)
                .members(Input.COMORBIDITIES, List.of(Comorbidity.DIABETES), List.of(Comorbidity.HEART_DISEASE))
                .members(Input.DIAGNOSES, List.of(Diagnosis.HERNIATED_DISC, Diagnosis.RADICULOPATHY), null)
                .members(Input.SYMPTOMS, null, List.of(Symptom.WEAKNESS))
                .regions(Region.LUMBAR).conservativeCare()
                .build();

        String json = PatientJson.write(p);

        assertThat(json).isEqualTo("{\"patientId\":\"p-1\",\"age\":58,\"bmi\":27.5,\"onBloodThinners\":false,"
                + "\"comorbidities\":{\"present\":[\"DIABETES\"],\"absent\":[\"HEART_DISEASE\"]},"
                + "\"diagnoses\":{\"present\":[\"HERNIATED_DISC\",\"RADICULOPATHY\"]},\"regions\":[\"LUMBAR\"],"
                + "\"symptoms\":{\"absent\":[\"WEAKNESS\"]},\"conservativeCare\":[]}");
        assertThat(PatientJson.read(json)).isEqualTo(p);
    }
}
