package org.spinecds.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spinecds.InvalidPatientException;

class PatientTest {

    @Test
    void everyInputStartsUnknown() {
        Patient p = Patient.builder().build();

        for (Input input : Input.values()) {
            assertThat(p.isKnown(input)).as(input.jsonName()).isFalse();
            assertThat(p.get(input)).as(input.jsonName()).isNull();
        }
        assertThat(p.getDiagnoses()).isNull();
        assertThat(p.hasDiagnosis(Diagnosis.HERNIATED_DISC)).isFalse();
    }

    @Test
    void setInputsAreCompleteListsAndEmptyMeansNone() {
        Patient p = Patient.builder().symptoms().comorbidities(Comorbidity.DIABETES).build();

        assertThat(p.getSymptoms()).isEmpty();
        assertThat(p.isKnown(Input.SYMPTOMS)).isTrue();
        assertThat(p.getComorbidities()).containsExactly(Comorbidity.DIABETES);
    }

    @Test
    void settingNullMakesAnInputUnknownAgain() {
        Patient p = Patient.builder().age(50).age(null).build();

        assertThat(p.isKnown(Input.AGE)).isFalse();
    }

    @ParameterizedTest(name = "{0} = {1} is rejected")
    @CsvSource({
            "age, -1", "age, 131", "bmi, 0", "bmi, -3.5", "bmi, 151", "asaClass, 0", "asaClass, 7",
            "cobbAngleDeg, 180.5", "cobbAngleDeg, -1", "spondylolisthesisGrade, 0", "spondylolisthesisGrade, 6",
            "levels, 0", "levels, 26", "conservativeCareWeeks, -2", "svaCm, 51", "pelvicTiltDeg, 91",
            "surgeonMissProcedures, -1"
    })
    void impossibleValuesAreRejectedNamingTheFieldAndValue(String field, double value) {
        Input input = Input.byJsonName(field).orElseThrow();
        Object v = input.type() == Input.Type.INTEGER ? (Object) (int) value : (Object) value;

        assertThatThrownBy(() -> Patient.builder().set(input, v).build())
                .isInstanceOf(InvalidPatientException.class)
                .hasMessageStartingWith(field + ": ")
                .hasMessageContaining(new java.math.BigDecimal(String.valueOf(v)).stripTrailingZeros().toPlainString())
                .satisfies(e -> assertThat(((InvalidPatientException) e).field()).isEqualTo(field));
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        Patient p = Patient.builder().age(0).bmi(0.1).cobbAngleDeg(180.0).spondylolisthesisGrade(5)
                .diagnoses(Diagnosis.SPONDYLOLISTHESIS).levels(1).asaClass(6).build();

        assertThat(p.getCobbAngleDeg()).isEqualTo(180.0);
    }

    @Test
    void wrongTypesAndNonFiniteNumbersAreRejected() {
        assertThatThrownBy(() -> Patient.builder().set(Input.AGE, "67"))
                .hasMessage("age: must be a whole number, was a string");
        assertThatThrownBy(() -> Patient.builder().set(Input.AGE, 67.5))
                .hasMessage("age: must be a whole number, was 67.5");
        assertThatThrownBy(() -> Patient.builder().set(Input.BMI, Double.NaN))
                .hasMessage("bmi: must be a finite number, was NaN");
        assertThatThrownBy(() -> Patient.builder().set(Input.SVA_CM, Double.POSITIVE_INFINITY))
                .hasMessageStartingWith("svaCm: must be a finite number");
        assertThatThrownBy(() -> Patient.builder().set(Input.SMOKING_STATUS, "SOMETIMES"))
                .hasMessage("smokingStatus: must be one of [CURRENT, FORMER, NEVER], was \"SOMETIMES\"");
        assertThatThrownBy(() -> Patient.builder().set(Input.DIAGNOSES, "HERNIATED_DISC"))
                .hasMessageStartingWith("diagnoses: must be a list of");
        assertThatThrownBy(() -> Patient.builder().set(Input.IMAGING_DONE, "yes"))
                .hasMessage("imagingDone: must be true or false, was a string");
    }

    @Test
    void aWholeDoubleIsAnInteger() {
        assertThat(Patient.builder().set(Input.AGE, 67.0).build().getAge()).isEqualTo(67);
    }

    @Test
    void redundantInputsAreAccepted() {
        assertThat(Patient.builder().conservativeCare(List.of()).conservativeCareRelieved(false).build()
                .getConservativeCareRelieved()).isFalse();
        assertThat(Patient.builder().plannedProcedure(Procedure.DECOMPRESSIVE_LAMINECTOMY).regions(Region.CERVICAL)
                .build().getRegions()).containsExactly(Region.CERVICAL);
        assertThat(Patient.builder().motorStrengthMrc(5).symptoms(Symptom.LEG_PAIN).conservativeCareWeeks(8)
                .symptomDurationWeeks(8).build().getMotorStrengthMrc()).isEqualTo(5);
    }

    @Test
    void contradictoryInputsAreRejected() {
        assertThatThrownBy(() -> Patient.builder().diagnoses(Diagnosis.HERNIATED_DISC).spondylolisthesisGrade(2).build())
                .hasMessage("spondylolisthesisGrade: is given although diagnoses does not list SPONDYLOLISTHESIS");
        assertThatThrownBy(() -> Patient.builder().imagingDone(false).imagingConcordant(true).build())
                .hasMessage("imagingConcordant: is given although imagingDone is false");
        assertThatThrownBy(() -> Patient.builder().conservativeCare(List.of()).conservativeCareWeeks(8).build())
                .hasMessageStartingWith("conservativeCareWeeks: ");
        assertThatThrownBy(() -> Patient.builder().conservativeCare(List.of()).conservativeCareRelieved(true).build())
                .hasMessage("conservativeCareRelieved: is true although conservativeCare lists no treatment");
        assertThatThrownBy(() -> Patient.builder().conservativeCareWeeks(10).symptomDurationWeeks(8).build())
                .hasMessage("conservativeCareWeeks: is 10, longer than the symptoms have lasted (symptomDurationWeeks 8)");
        assertThatThrownBy(() -> Patient.builder().plannedProcedure(Procedure.ACDF).regions(Region.LUMBAR).build())
                .hasMessage("plannedProcedure: ACDF is a cervical procedure, but regions [LUMBAR] does not list CERVICAL");
        assertThatThrownBy(() -> Patient.builder().motorStrengthMrc(3).symptoms(Symptom.LEG_PAIN).build())
                .hasMessage("motorStrengthMrc: is 3 (weakness), but symptoms does not list WEAKNESS");
        assertThatThrownBy(() -> Patient.builder().symptoms(List.of()).symptomDurationWeeks(3).build())
                .hasMessageStartingWith("symptomDurationWeeks: ");
        assertThatThrownBy(() -> Patient.builder().symptoms(List.of()).symptomsPersist(true).build())
                .hasMessageStartingWith("symptomsPersist: ");
    }

    @Test
    void toStringNamesInputsButNoValues() {
        String s = Patient.builder().age(87).bmi(33.3).build().toString();

        assertThat(s).contains("age").contains("bmi").doesNotContain("87").doesNotContain("33.3");
    }
}
