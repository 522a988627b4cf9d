package org.spinecds.cdshooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.spinecds.fhir.FhirPatientMapper;
import org.spinecds.fhir.MappedPatient;
import org.spinecds.patient.Comorbidity;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;

/** A list sent in part keeps the members its pages confirm; only what the missing pages could say is unknown. */
class IncompletePrefetchTest {

    private static final FhirPatientMapper MAPPER = FhirPatientMapper.withDefaultCodes();

    @Test
    void confirmedMembersOfAConditionListSentInPartStayPresentAndTheRestIsUnknown() {
        Patient p = Patient.builder().age(54)
                .comorbidities(Comorbidity.DIABETES)
                .diagnoses(Diagnosis.HERNIATED_DISC, Diagnosis.RADICULOPATHY)
                .build();
        MappedPatient mapped = new MappedPatient(p,
                Map.of(Input.AGE, List.of("Patient"), Input.COMORBIDITIES, List.of("Condition/dm"),
                        Input.DIAGNOSES, List.of("Condition/hd", "Condition/rad")),
                Map.of(Input.BMI, List.of("two observations at the same time disagree")),
                Map.of("Condition/other", "names its subject by an identifier, not by a reference"));

        MappedPatient incomplete = HookService.unknownFromIncomplete(mapped, List.of(), Set.of("Condition"),
                MAPPER::inputsFrom);

        Patient q = incomplete.patient();
        assertThat(q.isKnown(Input.COMORBIDITIES)).isFalse();
        assertThat(q.getComorbiditiesPresent()).containsExactly(Comorbidity.DIABETES);
        assertThat(q.getComorbiditiesAbsent()).isEmpty();
        assertThat(q.isKnown(Input.DIAGNOSES)).isFalse();
        assertThat(q.getDiagnosesPresent()).containsExactlyInAnyOrder(Diagnosis.HERNIATED_DISC, Diagnosis.RADICULOPATHY);
        assertThat(q.isKnown(Input.SYMPTOMS)).isFalse();
        assertThat(q.getSymptomsPresent()).isEmpty();
        assertThat(q.getAge()).isEqualTo(54);
        assertThat(incomplete.provenance()).containsKeys(Input.AGE, Input.COMORBIDITIES, Input.DIAGNOSES);
        assertThat(incomplete.unsettled()).isEqualTo(mapped.unsettled());
        assertThat(incomplete.ignored()).isEqualTo(mapped.ignored());
    }

    /** A missing page of medication requests could hold warfarin: an observation's "no blood thinner" is not enough. */
    @Test
    void anInputAnotherTypeGaveIsUnknownWhenAMissingPageCouldContradictIt() {
        Patient p = Patient.builder().age(54).onBloodThinners(false).cancerHistory(false).build();
        MappedPatient mapped = new MappedPatient(p, Map.of(Input.AGE, List.of("Patient"),
                Input.ON_BLOOD_THINNERS, List.of("Observation/screen"), Input.CANCER_HISTORY, List.of("Observation/screen")));

        Patient medications = HookService.unknownFromIncomplete(mapped, List.of(), Set.of("MedicationRequest"),
                MAPPER::inputsFrom).patient();
        Patient conditions = HookService.unknownFromIncomplete(mapped, List.of(), Set.of("Condition"),
                MAPPER::inputsFrom).patient();

        assertThat(medications.isKnown(Input.ON_BLOOD_THINNERS)).isFalse();
        assertThat(medications.getCancerHistory()).isFalse();
        assertThat(conditions.isKnown(Input.CANCER_HISTORY)).isFalse();
        assertThat(conditions.getOnBloodThinners()).isFalse();
        assertThat(conditions.getAge()).isEqualTo(54);
    }
}
