package org.spinecds.cdshooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.spinecds.cdshooks.RelevanceGate.Trigger;
import org.spinecds.fhir.FhirPatientMapper;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;

/** The gate judges by the mapper's own classification, and by members known present of incomplete lists. */
class RelevanceTest {

    private static final FhirPatientMapper MAPPER = FhirPatientMapper.withDefaultCodes();

    @Test
    void aDiagnosisKnownPresentInAListNotKnownCompleteIsASpinalCondition() {
        Patient p = Patient.builder().age(60).members(Input.DIAGNOSES, Set.of(Diagnosis.SPINAL_STENOSIS), Set.of()).build();

        assertThat(Relevance.triggers(MAPPER, List.of(), p)).containsExactly(Trigger.SPINAL_CONDITION);
    }

    @Test
    void aSpinalCodeOfTheMappersListsIsASpinalConditionWithoutAWordAboutTheSpine() {
        Condition c = new Condition().setCode(concept("http://hl7.org/fhir/sid/icd-10-cm", "M99.03"))
                .setSubject(new Reference("Patient/p"));
        c.setClinicalStatus(concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"));
        c.setVerificationStatus(concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed"));

        assertThat(MAPPER.speaksOfTheSpine(c.getCode())).isTrue();
        assertThat(Relevance.triggers(MAPPER, List.of(c), Patient.builder().age(60).build()))
                .containsExactly(Trigger.SPINAL_CONDITION);
    }

    private static CodeableConcept concept(String system, String code) {
        CodeableConcept cc = new CodeableConcept();
        cc.addCoding().setSystem(system).setCode(code);
        return cc;
    }
}
