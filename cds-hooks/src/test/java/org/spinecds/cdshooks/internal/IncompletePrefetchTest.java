package org.spinecds.cdshooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.spinecds.fhir.MappedPatient;
import org.spinecds.patient.Comorbidity;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;

/** A list sent in part keeps the members its pages confirm; only what the missing pages could say is unknown. */
class IncompletePrefetchTest {

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

        MappedPatient incomplete = HookService.unknownFromIncomplete(mapped, List.of(), Set.of("Condition"));

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
}
