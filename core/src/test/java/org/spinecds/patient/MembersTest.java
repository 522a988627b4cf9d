package org.spinecds.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.spinecds.InvalidPatientException;

/** A set input known member by member: present, absent and unknown per member. */
class MembersTest {

    @Test
    void aConfirmedMemberOfAnIncompleteListIsKnownPresentWhileTheListStaysUnknown() {
        Patient p = Patient.builder()
                .members(Input.COMORBIDITIES, List.of(Comorbidity.DIABETES), List.of(Comorbidity.OSTEOPOROSIS))
                .build();

        assertThat(p.isKnown(Input.COMORBIDITIES)).isFalse();
        assertThat(p.get(Input.COMORBIDITIES)).isNull();
        assertThat(p.getComorbidities()).isNull();
        assertThat(p.knownInputs()).doesNotContainKey(Input.COMORBIDITIES);
        assertThat(p.isPartial(Input.COMORBIDITIES)).isTrue();
        assertThat(p.getComorbiditiesPresent()).containsExactly(Comorbidity.DIABETES);
        assertThat(p.getComorbiditiesAbsent()).containsExactly(Comorbidity.OSTEOPOROSIS);
        assertThat(p.partialInputs()).containsOnlyKeys(Input.COMORBIDITIES);
        assertThat(p.partialInputs().get(Input.COMORBIDITIES))
                .isEqualTo(new Members(Set.of(Comorbidity.DIABETES), Set.of(Comorbidity.OSTEOPOROSIS)));
    }

    @Test
    void membersThatCoverTheWholeEnumAreTheCompleteList() {
        EnumSet<Symptom> absent = EnumSet.complementOf(EnumSet.of(Symptom.LEG_PAIN, Symptom.NUMBNESS));
        Patient p = Patient.builder()
                .members(Input.SYMPTOMS, List.of(Symptom.LEG_PAIN, Symptom.NUMBNESS), absent).build();

        assertThat(p.isKnown(Input.SYMPTOMS)).isTrue();
        assertThat(p.getSymptoms()).containsExactly(Symptom.LEG_PAIN, Symptom.NUMBNESS);
        assertThat(p.partialInputs()).isEmpty();
        assertThat(p).isEqualTo(Patient.builder().symptoms(Symptom.LEG_PAIN, Symptom.NUMBNESS).build());
        assertThat(Patient.builder().members(Input.REGIONS, null, EnumSet.allOf(Region.class)).build().getRegions())
                .isEmpty();
    }

    @Test
    void aCompleteListGivesItsMembersAndTheirComplementAndAnUnknownOneNothing() {
        Patient p = Patient.builder().regions(Region.LUMBAR).build();

        assertThat(p.getRegionsPresent()).containsExactly(Region.LUMBAR);
        assertThat(p.getRegionsAbsent()).containsExactly(Region.CERVICAL, Region.THORACIC);
        assertThat(p.getDiagnosesPresent()).isEmpty();
        assertThat(p.getDiagnosesAbsent()).isEmpty();
        assertThat(p.getConservativeCarePresent()).isEmpty();
        assertThat(p.present(Input.SYMPTOMS)).isEmpty();
        assertThatThrownBy(() -> p.present(Input.AGE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMemberGivenBothPresentAndAbsentIsRefusedNamingTheField() {
        assertThatThrownBy(() -> Patient.builder().members(Input.DIAGNOSES,
                List.of(Diagnosis.HERNIATED_DISC, Diagnosis.RADICULOPATHY), List.of(Diagnosis.RADICULOPATHY)))
                .isInstanceOf(InvalidPatientException.class)
                .hasMessage("diagnoses: lists RADICULOPATHY both present and absent");
        assertThatThrownBy(() -> Patient.builder().members(Input.DIAGNOSES, List.of("HEADACHE"), null))
                .isInstanceOf(InvalidPatientException.class).hasMessageStartingWith("diagnoses: must be one of");
        assertThatThrownBy(() -> Patient.builder().members(Input.AGE, List.of(), List.of()))
                .isInstanceOf(InvalidPatientException.class).hasMessageStartingWith("age: ");
    }

    @Test
    void settingTheListOrNullReplacesWhatWasKnownOfItsMembers() {
        Patient.Builder b = Patient.builder().members(Input.COMORBIDITIES, List.of(Comorbidity.DIABETES), null);

        assertThat(b.build().getComorbiditiesPresent()).containsExactly(Comorbidity.DIABETES);
        assertThat(b.set(Input.COMORBIDITIES, null).build().getComorbiditiesPresent()).isEmpty();
        assertThat(b.build()).isEqualTo(Patient.builder().build());
        Patient complete = b.members(Input.COMORBIDITIES, List.of(Comorbidity.DIABETES), null)
                .comorbidities(Comorbidity.HEART_DISEASE).build();
        assertThat(complete.getComorbidities()).containsExactly(Comorbidity.HEART_DISEASE);
        assertThat(complete.partialInputs()).isEmpty();
        assertThat(Patient.builder().members(Input.COMORBIDITIES, List.of(), List.of()).build())
                .isEqualTo(Patient.builder().build());
    }

    @Test
    void equalityCountsTheMembersAndToStringNamesInputsOnly() {
        Patient a = Patient.builder().age(61).members(Input.DIAGNOSES, List.of(Diagnosis.HERNIATED_DISC), null).build();
        Patient b = Patient.builder().age(61).members(Input.DIAGNOSES, List.of(Diagnosis.BULGING_DISC), null).build();

        assertThat(a).isNotEqualTo(b).isNotEqualTo(Patient.builder().age(61).build());
        assertThat(a).isEqualTo(a.toBuilder().build()).hasSameHashCodeAs(a.toBuilder().build());
        assertThat(a.toString()).contains("diagnoses").doesNotContain("HERNIATED").doesNotContain("61");
        assertThat(a.partialInputs().get(Input.DIAGNOSES).toString()).doesNotContain("HERNIATED");
    }

    @Test
    void aMemberKnownAbsentContradictsTheInputsThatNeedIt() {
        assertThatThrownBy(() -> Patient.builder().spondylolisthesisGrade(2)
                .members(Input.DIAGNOSES, null, List.of(Diagnosis.SPONDYLOLISTHESIS)).build())
                .hasMessage("spondylolisthesisGrade: is given although diagnoses gives as absent SPONDYLOLISTHESIS");
        assertThatThrownBy(() -> Patient.builder().motorStrengthMrc(3)
                .members(Input.SYMPTOMS, List.of(Symptom.LEG_PAIN), List.of(Symptom.WEAKNESS)).build())
                .hasMessageStartingWith("motorStrengthMrc: ");
        assertThatThrownBy(() -> Patient.builder().plannedProcedure(Procedure.values()[0])
                .members(Input.REGIONS, null, List.of(Procedure.values()[0].region())).build())
                .hasMessageStartingWith("plannedProcedure: ");
        // an unknown member contradicts nothing
        assertThat(Patient.builder().spondylolisthesisGrade(2)
                .members(Input.DIAGNOSES, List.of(Diagnosis.RADICULOPATHY), null).build().getSpondylolisthesisGrade())
                .isEqualTo(2);
    }
}
