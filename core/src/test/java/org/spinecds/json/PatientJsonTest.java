package org.spinecds.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.spinecds.InvalidPatientException;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;
import org.spinecds.patient.SmokingStatus;

class PatientJsonTest {

    @Test
    void readsEveryKindOfInput() {
        Patient p = PatientJson.read("""
                {"age": 67, "bmi": 31.5, "smokingStatus": "CURRENT", "imagingDone": true,
                 "diagnoses": ["HERNIATED_DISC", "RADICULOPATHY"], "symptoms": [], "levels": null}
                """);

        assertThat(p.getAge()).isEqualTo(67);
        assertThat(p.getBmi()).isEqualTo(31.5);
        assertThat(p.getSmokingStatus()).isEqualTo(SmokingStatus.CURRENT);
        assertThat(p.getImagingDone()).isTrue();
        assertThat(p.getDiagnoses()).containsExactly(Diagnosis.HERNIATED_DISC, Diagnosis.RADICULOPATHY);
        assertThat(p.getSymptoms()).isEmpty();
        assertThat(p.isKnown(Input.LEVELS)).isFalse();
    }

    @Test
    void anUnknownFieldIsRejected() {
        assertThatThrownBy(() -> PatientJson.read("{\"age\": 50, \"weight\": 80}"))
                .isInstanceOf(InvalidPatientException.class)
                .hasMessage("weight: unknown field");
    }

    @Test
    void wrongTypesAreRejectedNamingTheField() {
        assertThatThrownBy(() -> PatientJson.read("{\"age\": \"50\"}")).hasMessage("age: must be a whole number, was a string");
        assertThatThrownBy(() -> PatientJson.read("{\"age\": 50.5}")).hasMessage("age: must be a whole number, was 50.5");
        assertThatThrownBy(() -> PatientJson.read("{\"imagingDone\": \"true\"}"))
                .hasMessage("imagingDone: must be true or false, was a string");
        assertThatThrownBy(() -> PatientJson.read("{\"diagnoses\": \"HERNIATED_DISC\"}"))
                .hasMessage("diagnoses: must be an array of strings (the complete list) or an object with "
                        + "\"present\" and \"absent\" arrays, was a string");
        assertThatThrownBy(() -> PatientJson.read("{\"diagnoses\": [\"HERNIATED_DISC\", 3]}"))
                .hasMessage("diagnoses[1]: must be a string, was a number");
        assertThatThrownBy(() -> PatientJson.read("{\"smokingStatus\": \"current\"}"))
                .hasMessageStartingWith("smokingStatus: must be one of [CURRENT, FORMER, NEVER]");
    }

    @Test
    void impossibleValuesAreRejected() {
        assertThatThrownBy(() -> PatientJson.read("{\"bmi\": 0}")).hasMessage("bmi: must be above 0 to 150 kg/m2, was 0");
        assertThatThrownBy(() -> PatientJson.read("{\"cobbAngleDeg\": 200}"))
                .hasMessage("cobbAngleDeg: must be from 0 to 180 deg, was 200");
        assertThatThrownBy(() -> PatientJson.read("{\"age\": 99999999999999999999}"))
                .hasMessageStartingWith("age: must be from 0 to 130 years");
    }

    @Test
    void malformedJsonIsRejectedWithItsPlace() {
        assertThatThrownBy(() -> PatientJson.read("{\"age\": 50,\n \"bmi\": }"))
                .isInstanceOf(InvalidPatientException.class)
                .hasMessageStartingWith("$: malformed JSON: line 2");
        assertThatThrownBy(() -> PatientJson.read("[1, 2]")).hasMessage("$: expected a JSON object, found an array");
        assertThatThrownBy(() -> PatientJson.read("")).hasMessageStartingWith("$: the document is empty");
        assertThatThrownBy(() -> PatientJson.read("{\"age\": 1, \"age\": 2}")).hasMessageContaining("Duplicate field 'age'");
        assertThatThrownBy(() -> PatientJson.read("{\"bmi\": NaN}")).hasMessageStartingWith("$: malformed JSON");
        assertThatThrownBy(() -> PatientJson.read("{} {}")).hasMessageStartingWith("$: malformed JSON");
    }

    @Test
    void hostileDocumentsGetAClearErrorNamingThePlace() throws Exception {
        String huge = "{\"age\": 50, \"x\": \"" + "a".repeat(PatientJson.MAX_DOCUMENT_BYTES) + "\"}";
        assertThatThrownBy(() -> PatientJson.read(huge)).hasMessageStartingWith("$: the document is larger than");
        assertThatThrownBy(() -> PatientJson.read(new java.io.ByteArrayInputStream(huge.getBytes())))
                .hasMessageStartingWith("$: the document is larger than");

        String deep = "{\"diagnoses\": " + "[".repeat(50) + "]".repeat(50) + "}";
        assertThatThrownBy(() -> PatientJson.read(deep)).isInstanceOf(InvalidPatientException.class)
                .hasMessageStartingWith("$: malformed JSON: ").hasMessageContaining("nesting depth");

        byte[] latin1 = "{\"sex\": \"F\u00e9MALE\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> PatientJson.read(new java.io.ByteArrayInputStream(latin1)))
                .isInstanceOf(InvalidPatientException.class).hasMessageContaining("UTF-8");

        assertThatThrownBy(() -> PatientJson.read("{\"svaCm\": Infinity}")).hasMessageStartingWith("$: malformed JSON");
        assertThatThrownBy(() -> PatientJson.read("{\"svaCm\": \"NaN\"}")).hasMessage("svaCm: must be a number, was a string");
        assertThatThrownBy(() -> PatientJson.read("{\"svaCm\": 1e400}")).isInstanceOf(InvalidPatientException.class)
                .hasMessageStartingWith("svaCm: ");
        assertThatThrownBy(() -> PatientJson.read("{\"levels\": 1" + "0".repeat(200) + "}"))
                .isInstanceOf(InvalidPatientException.class);
    }

    @Test
    void aPatientIdTravelsButIsNeverInTheErrorOrToString() {
        Patient p = PatientJson.read("{\"patientId\": \"MRN-778899\", \"age\": 50}");

        assertThat(p.getPatientId()).isEqualTo("MRN-778899");
        assertThat(p.toString()).doesNotContain("MRN-778899");
        assertThatThrownBy(() -> PatientJson.read("{\"patientId\": 5}")).hasMessage("patientId: must be a string, was a number");
        assertThatThrownBy(() -> PatientJson.read("{\"patientId\": \"MRN-778899\", \"age\": -4}"))
                .hasMessage("age: must be from 0 to 130 years, was -4");
    }
}
