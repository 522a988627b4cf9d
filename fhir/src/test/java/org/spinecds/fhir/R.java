package org.spinecds.fhir;

import java.math.BigDecimal;
import java.util.Date;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Type;

/** Small FHIR resources for the tests. */
final class R {

    static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";
    static final String SCT = "http://snomed.info/sct";
    static final String LOINC = "http://loinc.org";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String ATC = "http://www.whocc.no/atc";
    static final String CPT = "http://www.ama-assn.org/go/cpt";
    static final String SPINECDS = "https://spinecds.org/fhir/CodeSystem/input";
    static final String UCUM = "http://unitsofmeasure.org";

    static final CodeableConcept PRESENT = code(SCT, "52101004");
    static final CodeableConcept ABSENT = code(SCT, "2667000");

    /** The patient the resources of the tests are about (their subject), unless a test says otherwise. */
    static final String PATIENT = "p";

    private R() {
    }

    static CodeableConcept code(String system, String code) {
        return new CodeableConcept(new Coding(system, code, null));
    }

    static org.hl7.fhir.r4.model.Patient patient(String id, String birthDate) {
        org.hl7.fhir.r4.model.Patient p = new org.hl7.fhir.r4.model.Patient();
        p.setId(id);
        if (birthDate != null) {
            p.getBirthDateElement().setValueAsString(birthDate);
        }
        return p;
    }

    static Condition condition(String id, String system, String code, String clinical, String verification) {
        Condition c = new Condition();
        c.setId(id);
        c.setSubject(subject(PATIENT));
        c.setCode(code(system, code));
        if (clinical != null) {
            c.setClinicalStatus(code("http://terminology.hl7.org/CodeSystem/condition-clinical", clinical));
        }
        if (verification != null) {
            c.setVerificationStatus(code("http://terminology.hl7.org/CodeSystem/condition-ver-status", verification));
        }
        return c;
    }

    static Condition active(String id, String system, String code) {
        return condition(id, system, code, "active", "confirmed");
    }

    static Observation observation(String id, String system, String code, Type value) {
        Observation o = new Observation();
        o.setId(id);
        o.setSubject(subject(PATIENT));
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setCode(code(system, code));
        o.setValue(value);
        return o;
    }

    static Observation observation(String id, String system, String code, Type value, String effective) {
        Observation o = observation(id, system, code, value);
        o.setEffective(new DateTimeType(effective));
        return o;
    }

    static Observation input(String id, String inputCode, Type value) {
        return observation(id, SPINECDS, inputCode, value);
    }

    static Quantity quantity(double value, String ucum) {
        return new Quantity().setValue(BigDecimal.valueOf(value)).setSystem(UCUM).setCode(ucum).setUnit(ucum);
    }

    static Observation bmi(String id, double value) {
        return observation(id, LOINC, "39156-5", quantity(value, "kg/m2"));
    }

    static BooleanType bool(boolean b) {
        return new BooleanType(b);
    }

    static MedicationStatement medicationStatement(String id, MedicationStatement.MedicationStatementStatus status,
                                                   String system, String code) {
        MedicationStatement ms = new MedicationStatement();
        ms.setId(id);
        ms.setSubject(subject(PATIENT));
        ms.setStatus(status);
        ms.setMedication(code(system, code));
        return ms;
    }

    static Procedure procedure(String id, Procedure.ProcedureStatus status, String system, String code) {
        Procedure p = new Procedure();
        p.setId(id);
        p.setSubject(subject(PATIENT));
        p.setStatus(status);
        p.setCode(code(system, code));
        return p;
    }

    static ServiceRequest serviceRequest(String id, ServiceRequest.ServiceRequestStatus status, String cpt) {
        ServiceRequest sr = new ServiceRequest();
        sr.setId(id);
        sr.setSubject(subject(PATIENT));
        sr.setStatus(status);
        sr.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        sr.setCode(code(CPT, cpt));
        return sr;
    }

    static Reference subject(String patientId) {
        return new Reference("Patient/" + patientId);
    }

    static Date date(String iso) {
        return new DateTimeType(iso).getValue();
    }
}
