package org.spinecds.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinecds.fhir.R.ABSENT;
import static org.spinecds.fhir.R.ATC;
import static org.spinecds.fhir.R.CPT;
import static org.spinecds.fhir.R.ICD;
import static org.spinecds.fhir.R.LOINC;
import static org.spinecds.fhir.R.PRESENT;
import static org.spinecds.fhir.R.RXNORM;
import static org.spinecds.fhir.R.SCT;
import static org.spinecds.fhir.R.active;
import static org.spinecds.fhir.R.bmi;
import static org.spinecds.fhir.R.bool;
import static org.spinecds.fhir.R.code;
import static org.spinecds.fhir.R.condition;
import static org.spinecds.fhir.R.input;
import static org.spinecds.fhir.R.medicationStatement;
import static org.spinecds.fhir.R.observation;
import static org.spinecds.fhir.R.patient;
import static org.spinecds.fhir.R.procedure;
import static org.spinecds.fhir.R.quantity;
import static org.spinecds.fhir.R.serviceRequest;

import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.MedicationStatement.MedicationStatementStatus;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Procedure.ProcedureStatus;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.spinecds.CriterionResult;
import org.spinecds.CriterionStatus;
import org.spinecds.InvalidPatientException;
import org.spinecds.patient.Comorbidity;
import org.spinecds.patient.ConservativeTreatment;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Input;
import org.spinecds.patient.Occupation;
import org.spinecds.patient.Patient;

import org.spinecds.patient.Region;
import org.spinecds.patient.Sex;
import org.spinecds.patient.SmokingStatus;
import org.spinecds.patient.Symptom;

/** Each supported resource type: when it fills an input, when it is ignored, and when the input stays unknown. */
class FhirPatientMapperTest {

    private static MappedPatient map(Resource... resources) {
        return Examples.MAPPER.map(List.of(resources));
    }

    private static Patient patientOf(Resource... resources) {
        return map(resources).patient();
    }

    /** A refusal of the whole record (a record that cannot be about one living patient). */
    private static InvalidPatientException invalid(Resource... resources) {
        try {
            map(resources);
        } catch (InvalidPatientException e) {
            return e;
        }
        throw new AssertionError("expected an InvalidPatientException");
    }

    /** Why an input the record speaks of was left unknown: its field and the reason. */
    record Unsettled(String field, String getMessage) {
    }

    /**
     * The one input that the resources leave unknown although they speak of it (a contradiction, an
     * impossible or malformed value): the call is not refused, the input is unknown, and the reason names
     * the field and the resources.
     */
    private static Unsettled unsettled(Resource... resources) {
        MappedPatient m = map(resources);
        assertThat(m.unsettled()).as("inputs left unknown").hasSize(1);
        Input input = m.unsettled().keySet().iterator().next();
        assertThat(m.patient().isKnown(input)).as(input + " is unknown").isFalse();
        assertThat(m.provenance()).doesNotContainKey(input);
        return new Unsettled(input.jsonName(), m.unsettled().get(input).get(0));
    }

    @Test
    void nothingSaidIsNothingKnown() {
        MappedPatient m = map();
        assertThat(m.patient().knownInputs()).isEmpty();
        assertThat(m.provenance()).isEmpty();
    }

    @Test
    void unsupportedResourceTypesAreIgnored() {
        Encounter e = new Encounter();
        e.setId("enc-1");
        AllergyIntolerance a = new AllergyIntolerance();
        a.setCode(code(SCT, "294530006"));
        assertThat(patientOf(e, a, bmi("bmi-1", 27.1)).knownInputs()).containsOnlyKeys(Input.BMI);
    }

    @Test
    void aBundleIsMappedFromItsEntries() {
        Bundle b = new Bundle().setType(Bundle.BundleType.COLLECTION);
        b.addEntry().setResource(bmi("bmi-1", 27.1));
        b.addEntry();
        assertThat(Examples.MAPPER.map(b).patient().getBmi()).isEqualTo(27.1);
    }

    @Nested
    class PatientResource {
        @Test
        void ageIsWholeYearsAtTheClockDate() {
            // the clock is 2026-06-01
            assertThat(patientOf(patient("p", "1970-06-01")).getAge()).isEqualTo(56);
            assertThat(patientOf(patient("p", "1970-06-02")).getAge()).isEqualTo(55);
        }

        @Test
        void aPartialBirthDateGivesAnAgeOnlyWhenItIsUnambiguous() {
            assertThat(patientOf(patient("p", "1970")).getAge()).isNull();
            assertThat(patientOf(patient("p", "1970-02")).getAge()).isEqualTo(56);
            assertThat(patientOf(patient("p", "1970-06")).getAge()).isNull();
        }

        @Test
        void noBirthDateLeavesAgeUnknown() {
            assertThat(patientOf(patient("p", null)).isKnown(Input.AGE)).isFalse();
        }

        @Test
        void aBirthDateAfterTodayIsInvalid() {
            Unsettled e = unsettled(patient("p", "2027-01-01"));
            assertThat(e.field()).isEqualTo("age");
            assertThat(e.getMessage()).contains("Patient");
        }

        @Test
        void genderGivesSexAndUnknownStaysUnknown() {
            var p = patient("p", null);
            p.setGender(AdministrativeGender.FEMALE);
            assertThat(patientOf(p).getSex()).isEqualTo(Sex.FEMALE);
            p.setGender(AdministrativeGender.OTHER);
            assertThat(patientOf(p).getSex()).isEqualTo(Sex.OTHER);
            p.setGender(AdministrativeGender.UNKNOWN);
            assertThat(patientOf(p).isKnown(Input.SEX)).isFalse();
        }

        @Test
        void theResourceIdBecomesThePatientIdAndProvenance() {
            MappedPatient m = map(patient("pat-7", "1970-01-01"));
            assertThat(m.patient().getPatientId()).isEqualTo("pat-7");
            assertThat(m.provenance()).containsEntry(Input.AGE, List.of("Patient/pat-7"));
        }

        @Test
        void twoDifferentPatientsAreRefused() {
            assertThat(invalid(patient("a", null), patient("b", null)).field()).isEqualTo("patient");
        }

        @Test
        void aResourceAboutAnotherPatientIsRefused() {
            Observation o = bmi("bmi-1", 27.1);
            o.setSubject(new Reference("Patient/someone-else"));
            InvalidPatientException e = invalid(patient("p", null), o);
            assertThat(e.getMessage()).contains("Observation/bmi-1").doesNotContain("someone-else");
            o.setSubject(new Reference("Patient/p"));
            assertThat(patientOf(patient("p", null), o).getBmi()).isEqualTo(27.1);
        }

        @Test
        void resourcesAboutTwoPatientsAreRefusedEvenWithoutAPatientResource() {
            Observation a = bmi("bmi-a", 27.1);
            a.setSubject(new Reference("Patient/a"));
            Condition b = active("c-b", ICD, "M51.26");
            b.setSubject(new Reference("https://ehr.example.org/fhir/Patient/b"));
            assertThat(invalid(a, b).getMessage()).contains("Condition/c-b", "the other resources");
            b.setSubject(new Reference("Patient/a"));
            assertThat(patientOf(a, b).getBmi()).isEqualTo(27.1);
            assertThat(patientOf(a, b).getDiagnoses()).containsExactly(Diagnosis.HERNIATED_DISC);
        }
    }

    @Nested
    class Conditions {
        @Test
        void anIcd10CmCodeGivesTheDiagnosisAndItsRegion() {
            MappedPatient m = map(active("c1", ICD, "M51.26"));
            assertThat(m.patient().getDiagnoses()).containsExactly(Diagnosis.HERNIATED_DISC);
            assertThat(m.patient().getRegions()).containsExactly(Region.LUMBAR);
            assertThat(m.provenance().get(Input.DIAGNOSES)).containsExactly("Condition/c1");
        }

        @Test
        void aSnomedCodeGivesTheSameDiagnosis() {
            assertThat(patientOf(active("c1", SCT, "73589001")).getDiagnoses()).containsExactly(Diagnosis.HERNIATED_DISC);
            assertThat(patientOf(active("c1", SCT, "76107001")).getDiagnoses()).containsExactly(Diagnosis.SPINAL_STENOSIS);
        }

        @Test
        void icd10CmCodesMatchWithOrWithoutTheDot() {
            assertThat(patientOf(active("c1", ICD, "M4806")).getDiagnoses()).containsExactly(Diagnosis.SPINAL_STENOSIS);
        }

        @Test
        void onlyConfirmedActiveConditionsCount() {
            for (String[] s : new String[][] {{"active", "entered-in-error"}, {"active", "refuted"},
                    {"active", "provisional"}, {"active", "unconfirmed"}, {"active", null}, {"resolved", "confirmed"},
                    {null, "confirmed"}}) {
                Patient p = patientOf(condition("c1", ICD, "M51.26", s[0], s[1]));
                assertThat(p.isKnown(Input.DIAGNOSES)).as(String.join("/", String.valueOf(s[0]), String.valueOf(s[1])))
                        .isFalse();
            }
            assertThat(patientOf(condition("c1", ICD, "M51.26", "recurrence", "confirmed")).getDiagnoses())
                    .containsExactly(Diagnosis.HERNIATED_DISC);
        }

        @Test
        void aSpinalConditionThatMayBeCurrentButIsNotConfirmedLeavesTheDiagnosesUnknown() {
            for (String[] s : new String[][] {{"active", "provisional"}, {"active", "differential"},
                    {"active", "unconfirmed"}, {"active", null}, {null, "confirmed"}, {null, null}}) {
                String as = String.valueOf(s[0]) + "/" + String.valueOf(s[1]);
                Patient p = patientOf(active("c1", ICD, "M51.26"), condition("c2", ICD, "M48.062", s[0], s[1]));
                assertThat(p.isKnown(Input.DIAGNOSES)).as(as).isFalse();
                // Its region is already in the list: the regions stay known.
                assertThat(p.getRegions()).as(as).containsExactly(Region.LUMBAR);
            }
            // Ruled out, entered in error or no longer current: the confirmed list stands.
            for (String[] s : new String[][] {{"active", "refuted"}, {"active", "entered-in-error"},
                    {"resolved", "confirmed"}, {"inactive", "provisional"}, {"remission", null}}) {
                Patient p = patientOf(active("c1", ICD, "M51.26"), condition("c2", ICD, "M41.26", s[0], s[1]));
                assertThat(p.getDiagnoses()).as(String.join("/", String.valueOf(s[0]), String.valueOf(s[1])))
                        .containsExactly(Diagnosis.HERNIATED_DISC);
            }
        }

        @Test
        void anUnconfirmedConditionOfAMemberAlreadyPresentChangesNothing() {
            Patient p = patientOf(active("c1", ICD, "M51.26"), condition("c2", SCT, "73589001", "active", "provisional"));
            assertThat(p.getDiagnoses()).containsExactly(Diagnosis.HERNIATED_DISC);
        }

        @Test
        void anUnconfirmedConditionInAnotherRegionLeavesTheRegionsUnknown() {
            Patient p = patientOf(active("c1", ICD, "M51.26"), condition("c2", ICD, "M48.02", "active", "provisional"));
            assertThat(p.isKnown(Input.DIAGNOSES)).isFalse();
            assertThat(p.isKnown(Input.REGIONS)).isFalse();
            // Nor does a diagnosis without a region say which regions it is in.
            Condition noRegion = condition("c3", SCT, "298382003", "active", "unconfirmed");
            assertThat(patientOf(active("c1", ICD, "M51.26"), noRegion).isKnown(Input.REGIONS)).isFalse();
        }

        @Test
        void aSpinalCodeTheListsCannotClassifyLeavesTheDiagnosesUnknown() {
            // ICD-10-CM dorsopathies, post-procedural and fracture codes outside the lists.
            for (String icd : List.of("M48.50XA", "M46.26", "M96.1", "S32.010A", "M54.08")) {
                Patient p = patientOf(active("c1", ICD, "M51.26"), active("c2", ICD, icd));
                assertThat(p.isKnown(Input.DIAGNOSES)).as(icd).isFalse();
            }
            // A SNOMED CT subtype the lists do not hold, known to be spinal by its body site.
            Condition subtype = active("c2", SCT, "202735001");
            subtype.addBodySite(code(SCT, "122496007"));
            Patient p = patientOf(active("c1", ICD, "M51.26"), subtype);
            assertThat(p.isKnown(Input.DIAGNOSES)).isFalse();
            assertThat(p.getRegions()).containsExactly(Region.LUMBAR);
            Condition column = active("c3", SCT, "202735001");
            column.addBodySite(code(SCT, "421060004"));
            assertThat(patientOf(active("c1", ICD, "M51.26"), column).isKnown(Input.DIAGNOSES)).isFalse();
            // Not about the spine, or classified as a symptom, or refuted or resolved: the list stands.
            for (Condition other : List.of(active("c2", ICD, "E11.9"), active("c2", ICD, "M54.50"),
                    active("c2", ICD, "M54.9"), condition("c2", ICD, "M48.50XA", "active", "refuted"),
                    condition("c2", ICD, "M48.50XA", "resolved", "confirmed"))) {
                assertThat(patientOf(active("c1", ICD, "M51.26"), other).getDiagnoses())
                        .as(other.getCode().getCodingFirstRep().getCode())
                        .containsExactly(Diagnosis.HERNIATED_DISC);
            }
        }

        @Test
        void aDiscDisorderWithRadiculopathyNeedsTheDiscDiagnosisToo() {
            // M51.16 says a disc disorder with radiculopathy, not whether herniation or degeneration.
            assertThat(patientOf(active("c1", ICD, "M51.16")).isKnown(Input.DIAGNOSES)).isFalse();
            assertThat(patientOf(active("c1", ICD, "M51.16"), active("c2", SCT, "73589001")).getDiagnoses())
                    .containsExactlyInAnyOrder(Diagnosis.HERNIATED_DISC, Diagnosis.RADICULOPATHY);
        }

        @Test
        void theSeverityOfAStenosisConditionIsNotAnInput() {
            Condition c = active("c1", ICD, "M48.062");
            c.setSeverity(code(SCT, "24484000"));
            assertThat(patientOf(c).knownInputs()).containsOnlyKeys(Input.DIAGNOSES, Input.REGIONS);
        }

        @Test
        void myelopathicSymptomsFromGaitAndDexterityCodes() {
            Observation others = new Observation().setStatus(Observation.ObservationStatus.FINAL).setSubject(R.subject(R.PATIENT));
            others.setCode(new CodeableConcept().setText("Spine intake"));
            for (String m : List.of("BACK_PAIN", "LEG_PAIN", "NECK_PAIN", "ARM_PAIN", "NUMBNESS", "WEAKNESS")) {
                others.addComponent().setCode(code(R.SPINECDS, "symptoms." + m)).setValue(ABSENT);
            }
            Patient p = patientOf(active("s1", ICD, "R26.89"), active("s2", SCT, "306741005"), others);
            assertThat(p.getSymptoms()).containsExactlyInAnyOrder(Symptom.GAIT_DISTURBANCE, Symptom.HAND_DEXTERITY_LOSS);
            assertThat(p.getSymptomsPersist()).isTrue();
            Observation gait = observation("g", SCT, "22325002", ABSENT);
            assertThat(patientOf(gait, observation("d", SCT, "306741005", PRESENT), others).getSymptoms())
                    .containsExactly(Symptom.HAND_DEXTERITY_LOSS);
        }

        @Test
        void symptomsNeedEveryMemberSaid() {
            Condition backPain = active("s1", ICD, "M54.50");
            backPain.setOnset(new DateTimeType("2026-03-01"));
            Patient partial = patientOf(backPain);
            assertThat(partial.isKnown(Input.SYMPTOMS)).isFalse();
            assertThat(partial.getSymptomsPersist()).isTrue();
            assertThat(partial.getSymptomDurationWeeks()).isEqualTo(13);

            Observation intake = new Observation().setStatus(Observation.ObservationStatus.FINAL).setSubject(R.subject(R.PATIENT));
            intake.setId("intake");
            intake.setCode(new CodeableConcept().setText("Spine intake"));
            for (String sct : List.of("10601006", "81680005", "102556003", "44077006", "26544005", "22325002")) {
                intake.addComponent().setCode(code(SCT, sct)).setValue(ABSENT);
            }
            // Hand dexterity is not said yet: the list is still open.
            assertThat(patientOf(backPain, intake).isKnown(Input.SYMPTOMS)).isFalse();
            intake.addComponent().setCode(code(SCT, "306741005")).setValue(ABSENT);
            MappedPatient m = map(backPain, intake);
            assertThat(m.patient().getSymptoms()).containsExactly(Symptom.BACK_PAIN);
            assertThat(m.provenance().get(Input.SYMPTOMS)).containsExactlyInAnyOrder("Condition/s1", "Observation/intake");
        }

        @Test
        void aRefutedConditionSaysTheMemberIsAbsent() {
            Observation others = new Observation().setStatus(Observation.ObservationStatus.FINAL).setSubject(R.subject(R.PATIENT));
            others.setCode(new CodeableConcept().setText("Comorbidity review"));
            for (String m : List.of("HEART_DISEASE", "LUNG_DISEASE", "KIDNEY_DISEASE", "OSTEOPOROSIS", "IMMUNOSUPPRESSION")) {
                others.addComponent().setCode(code(R.SPINECDS, "comorbidities." + m)).setValue(ABSENT);
            }
            assertThat(patientOf(others).isKnown(Input.COMORBIDITIES)).isFalse();
            assertThat(patientOf(others, condition("d", ICD, "E11.9", "active", "refuted")).getComorbidities()).isEmpty();
            assertThat(patientOf(others, active("d", SCT, "44054006")).getComorbidities())
                    .containsExactly(Comorbidity.DIABETES);
        }

        @Test
        void aConfirmedConditionOutweighsARefutedOneOfTheSameMember() {
            Condition ruledOut = condition("c1", ICD, "M51.25", "active", "refuted");
            Condition confirmed = active("c2", ICD, "M51.26");
            MappedPatient m = map(ruledOut, confirmed);
            assertThat(m.patient().getDiagnoses()).containsExactly(Diagnosis.HERNIATED_DISC);
            assertThat(m.provenance().get(Input.DIAGNOSES)).containsExactly("Condition/c2");
        }

        @Test
        void noneKnownOnlyWhenTheRecordSaysSo() {
            assertThat(patientOf(active("d", ICD, "E11.9")).isKnown(Input.COMORBIDITIES)).isFalse();
            assertThat(patientOf(input("o1", "comorbidities", ABSENT)).getComorbidities()).isEmpty();
            Unsettled e = unsettled(input("o1", "comorbidities", ABSENT), active("d", ICD, "E11.9"));
            assertThat(e.field()).isEqualTo("comorbidities");
            assertThat(e.getMessage()).contains("Observation/o1", "Condition/d");
        }

        @Test
        void historyInputsCountResolvedConditions() {
            Condition dvt = condition("dvt", ICD, "I82.401", "resolved", "confirmed");
            assertThat(patientOf(dvt).getClottingDisorderHistory()).isTrue();
            assertThat(patientOf(condition("pe", SCT, "59282003", "active", "confirmed")).getClottingDisorderHistory())
                    .isTrue();
            // A refuted clot does not say there was never one: unknown, not false.
            assertThat(patientOf(condition("dvt", ICD, "I82.401", "active", "refuted"))
                    .isKnown(Input.CLOTTING_DISORDER_HISTORY)).isFalse();
        }
    }

    /** The serious-pathology screen: flags from the record when it says them, unknown otherwise, never a silent "no". */
    @Nested
    class SeriousPathologyScreen {
        @Test
        void aCancerPastOrPresentIsACancerHistory() {
            for (Condition c : List.of(active("c", ICD, "C50.911"), condition("c", ICD, "C61", "resolved", "confirmed"),
                    condition("c", ICD, "Z85.3", "active", "confirmed"), condition("c", SCT, "363346000", "remission",
                            "confirmed"))) {
                MappedPatient m = map(c);
                assertThat(m.patient().getCancerHistory()).as(c.getCode().getCodingFirstRep().getCode()).isTrue();
                assertThat(m.provenance()).containsEntry(Input.CANCER_HISTORY, List.of("Condition/c"));
            }
        }

        @Test
        void noCancerOnTheProblemListIsNotNoCancer() {
            assertThat(patientOf(active("d", ICD, "E11.9")).isKnown(Input.CANCER_HISTORY)).isFalse();
            // A refuted cancer rules out that cancer, not every cancer there ever was.
            assertThat(patientOf(condition("c", ICD, "C34.90", "active", "refuted")).isKnown(Input.CANCER_HISTORY))
                    .isFalse();
            assertThat(patientOf(condition("c", ICD, "C34.90", "active", "provisional")).isKnown(Input.CANCER_HISTORY))
                    .isFalse();
            // The clinician's explicit answer is the only "no".
            assertThat(patientOf(input("o", "cancerHistory", ABSENT)).getCancerHistory()).isFalse();
            Unsettled e = unsettled(input("o", "cancerHistory", ABSENT),
                    condition("c", ICD, "C61", "resolved", "confirmed"));
            assertThat(e.field()).isEqualTo("cancerHistory");
            assertThat(e.getMessage()).contains("Observation/o", "Condition/c");
        }

        @Test
        void aVertebralTumourGivesTheCancerHistoryAndLeavesTheDiagnosesUnknown() {
            Patient p = patientOf(active("c1", ICD, "M51.26"), active("c2", ICD, "C41.2"));
            assertThat(p.getCancerHistory()).isTrue();
            assertThat(p.isKnown(Input.DIAGNOSES)).isFalse();
        }

        @Test
        void feverAndWeightLossFromCurrentConditionsOrAnsweredObservations() {
            assertThat(patientOf(active("f", ICD, "R50.9")).getFever()).isTrue();
            assertThat(patientOf(active("f", SCT, "386661006")).getFever()).isTrue();
            assertThat(patientOf(active("w", ICD, "R63.4")).getUnexplainedWeightLoss()).isTrue();
            assertThat(patientOf(active("w", SCT, "448765001")).getUnexplainedWeightLoss()).isTrue();
            // A fever that has resolved is not a fever now, nor a "no fever".
            assertThat(patientOf(condition("f", ICD, "R50.9", "resolved", "confirmed")).isKnown(Input.FEVER)).isFalse();
            assertThat(patientOf(condition("f", ICD, "R50.9", "active", "refuted")).isKnown(Input.FEVER)).isFalse();
            // A review of systems: the finding observed absent, the latest answer winning.
            assertThat(patientOf(observation("o", SCT, "386661006", ABSENT)).getFever()).isFalse();
            assertThat(patientOf(observation("o1", SCT, "386661006", PRESENT, "2026-01-10"),
                    observation("o2", SCT, "386661006", ABSENT, "2026-05-20")).getFever()).isFalse();
            assertThat(patientOf(observation("o", SCT, "448765001", bool(false))).getUnexplainedWeightLoss()).isFalse();
        }

        @Test
        void intravenousDrugUseOnlyFromItsOwnCode() {
            assertThat(patientOf(condition("u", SCT, "228388006", "inactive", "confirmed")).getIntravenousDrugUse())
                    .isTrue();
            assertThat(patientOf(observation("o", SCT, "228388006", ABSENT)).getIntravenousDrugUse()).isFalse();
            // An opioid use disorder does not say by which route.
            assertThat(patientOf(active("u", ICD, "F11.20")).isKnown(Input.INTRAVENOUS_DRUG_USE)).isFalse();
        }

        @Test
        void aSpinalInjuryIsRecentTraumaAndLeavesTheDiagnosesUnknown() {
            Patient p = patientOf(active("c1", ICD, "M51.26"), active("c2", ICD, "S32.010A"));
            assertThat(p.getRecentSignificantTrauma()).isTrue();
            assertThat(p.isKnown(Input.DIAGNOSES)).isFalse();
            assertThat(patientOf(condition("c2", ICD, "S22.000A", "resolved", "confirmed"))
                    .isKnown(Input.RECENT_SIGNIFICANT_TRAUMA)).isFalse();
            assertThat(patientOf(input("o", "recentSignificantTrauma", bool(false))).getRecentSignificantTrauma())
                    .isFalse();
        }

        @Test
        void longTermCorticosteroidsNeedThreeMonthsOfASystemicSteroid() {
            MedicationStatement longCourse = medicationStatement("ms", MedicationStatementStatus.ACTIVE, RXNORM, "8640");
            longCourse.setEffective(new Period().setStartElement(new DateTimeType("2025-09-01")));
            MappedPatient m = map(longCourse);
            assertThat(m.patient().getLongTermCorticosteroids()).isTrue();
            assertThat(m.provenance()).containsEntry(Input.LONG_TERM_CORTICOSTEROIDS, List.of("MedicationStatement/ms"));

            MedicationStatement atc = medicationStatement("ms", MedicationStatementStatus.ACTIVE, ATC, "H02AB06");
            atc.setEffective(new DateTimeType("2026-02-01"));
            assertThat(patientOf(atc).getLongTermCorticosteroids()).isTrue();

            // A short course for sciatica, an undated statement, a stopped one: unknown, not false.
            MedicationStatement burst = medicationStatement("ms", MedicationStatementStatus.ACTIVE, RXNORM, "3264");
            burst.setEffective(new Period().setStartElement(new DateTimeType("2026-05-25")));
            assertThat(patientOf(burst).isKnown(Input.LONG_TERM_CORTICOSTEROIDS)).isFalse();
            assertThat(patientOf(medicationStatement("ms", MedicationStatementStatus.ACTIVE, RXNORM, "8640"))
                    .isKnown(Input.LONG_TERM_CORTICOSTEROIDS)).isFalse();
            MedicationStatement stopped = longCourse.copy();
            stopped.setStatus(MedicationStatementStatus.STOPPED);
            assertThat(patientOf(stopped).isKnown(Input.LONG_TERM_CORTICOSTEROIDS)).isFalse();

            MedicationRequest repeat = new MedicationRequest();
            repeat.setSubject(R.subject(R.PATIENT));
            repeat.setId("mr");
            repeat.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
            repeat.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
            repeat.setMedication(code(RXNORM, "8638"));
            repeat.setAuthoredOnElement(new DateTimeType("2025-11-03"));
            assertThat(patientOf(repeat).getLongTermCorticosteroids()).isTrue();
            repeat.setAuthoredOnElement(new DateTimeType("2026-04-20"));
            assertThat(patientOf(repeat).isKnown(Input.LONG_TERM_CORTICOSTEROIDS)).isFalse();

            assertThat(patientOf(active("z", ICD, "Z79.52")).getLongTermCorticosteroids()).isTrue();
        }

        @Test
        void theClinicianJudgementOnlyFromItsOwnObservation() {
            MappedPatient m = map(input("o", "seriousPathologySuspected", ABSENT), active("c", ICD, "C50.911"));
            assertThat(m.patient().getSeriousPathologySuspected()).isFalse();
            assertThat(m.patient().getCancerHistory()).isTrue();
            assertThat(patientOf(active("c", ICD, "C79.51")).isKnown(Input.SERIOUS_PATHOLOGY_SUSPECTED)).isFalse();
        }
    }

    @Nested
    class Scores {
        @Test
        void mjoaAndMotorGradeFromSpineCdsObservations() {
            Patient p = patientOf(input("m", "mjoaScore", new IntegerType(13)),
                    input("g", "motorStrengthMrc", new IntegerType(3)));
            assertThat(p.getMjoaScore()).isEqualTo(13);
            assertThat(p.getMotorStrengthMrc()).isEqualTo(3);
            assertThat(patientOf(input("m", "mjoaScore", quantity(12, "{score}"))).getMjoaScore()).isEqualTo(12);
        }

        @Test
        void aScoreOutOfItsRangeNamesTheFieldAndTheResource() {
            Unsettled e = unsettled(input("g", "motorStrengthMrc", new IntegerType(6)));
            assertThat(e.field()).isEqualTo("motorStrengthMrc");
            assertThat(e.getMessage()).contains("Observation/g");
            assertThat(unsettled(input("m", "mjoaScore", new IntegerType(19))).field()).isEqualTo("mjoaScore");
        }

        @Test
        void lateralListhesisInMillimetresOrCentimetres() {
            assertThat(patientOf(input("l", "lateralListhesisMm", quantity(7, "mm"))).getLateralListhesisMm())
                    .isEqualTo(7.0);
            assertThat(patientOf(input("l", "lateralListhesisMm", quantity(0.5, "cm"))).getLateralListhesisMm())
                    .isEqualTo(5.0);
            assertThat(unsettled(input("l", "lateralListhesisMm", quantity(7, "deg"))).field())
                    .isEqualTo("lateralListhesisMm");
        }
    }

    @Nested
    class Observations {
        @Test
        void bmiByLoinc() {
            MappedPatient m = map(bmi("bmi-1", 31.4));
            assertThat(m.patient().getBmi()).isEqualTo(31.4);
            assertThat(m.provenance()).containsEntry(Input.BMI, List.of("Observation/bmi-1"));
        }

        @Test
        void onlyFinalAmendedOrCorrectedObservationsCount() {
            for (Observation.ObservationStatus s : Observation.ObservationStatus.values()) {
                Observation o = bmi("bmi-1", 31.4);
                o.setStatus(s);
                boolean counts = Set.of(Observation.ObservationStatus.FINAL, Observation.ObservationStatus.AMENDED,
                        Observation.ObservationStatus.CORRECTED).contains(s);
                assertThat(patientOf(o).isKnown(Input.BMI)).as(s.toCode()).isEqualTo(counts);
            }
        }

        @Test
        void aDataAbsentReasonLeavesTheInputUnknown() {
            Observation o = new Observation().setStatus(Observation.ObservationStatus.FINAL).setSubject(R.subject(R.PATIENT));
            o.setCode(code(LOINC, "39156-5"));
            o.setDataAbsentReason(code("http://terminology.hl7.org/CodeSystem/data-absent-reason", "asked-unknown"));
            assertThat(patientOf(o).isKnown(Input.BMI)).isFalse();
        }

        @Test
        void theLatestObservationWins() {
            assertThat(patientOf(
                    observation("b1", LOINC, "39156-5", quantity(35.0, "kg/m2"), "2025-01-01"),
                    observation("b2", LOINC, "39156-5", quantity(31.0, "kg/m2"), "2026-05-01")).getBmi()).isEqualTo(31.0);
        }

        @Test
        void differentValuesAtTheSameTimeContradictEachOther() {
            Unsettled e = unsettled(
                    observation("b1", LOINC, "39156-5", quantity(35.0, "kg/m2"), "2026-05-01"),
                    observation("b2", LOINC, "39156-5", quantity(31.0, "kg/m2"), "2026-05-01"));
            assertThat(e.field()).isEqualTo("bmi");
            assertThat(e.getMessage()).contains("Observation/b1", "Observation/b2", "contradictory");
        }

        @Test
        void anImpossibleBmiNamesTheFieldAndTheResource() {
            Unsettled e = unsettled(bmi("bmi-1", 900));
            assertThat(e.field()).isEqualTo("bmi");
            assertThat(e.getMessage()).contains("Observation/bmi-1", "900");
        }

        @Test
        void aBmiInTheWrongUnitOrTypeIsInvalid() {
            Unsettled unit = unsettled(observation("b", LOINC, "39156-5", quantity(30, "lb")));
            assertThat(unit.field()).isEqualTo("bmi");
            assertThat(unit.getMessage()).contains("Observation/b", "lb");
            Unsettled type = unsettled(observation("b", LOINC, "39156-5", new StringType("thirty")));
            assertThat(type.field()).isEqualTo("bmi");
            assertThat(type.getMessage()).contains("Observation/b", "string");
        }

        @Test
        void aBoundIsNotAValue() {
            Observation o = bmi("b", 40);
            o.getValueQuantity().setComparator(org.hl7.fhir.r4.model.Quantity.QuantityComparator.GREATER_THAN);
            assertThat(patientOf(o).isKnown(Input.BMI)).isFalse();
        }

        @Test
        void smokingStatusByLoincWithSnomedAnswers() {
            assertThat(patientOf(observation("s", LOINC, "72166-2", code(SCT, "449868002"))).getSmokingStatus())
                    .isEqualTo(SmokingStatus.CURRENT);
            assertThat(patientOf(observation("s", LOINC, "72166-2", code(SCT, "8517006"))).getSmokingStatus())
                    .isEqualTo(SmokingStatus.FORMER);
            assertThat(patientOf(observation("s", LOINC, "72166-2", code(SCT, "266919005"))).getSmokingStatus())
                    .isEqualTo(SmokingStatus.NEVER);
            // "Tobacco smoking consumption unknown" stays unknown.
            assertThat(patientOf(observation("s", LOINC, "72166-2", code(SCT, "266927001")))
                    .isKnown(Input.SMOKING_STATUS)).isFalse();
        }

        @Test
        void asaClassFromACodedAnswerOrAnInteger() {
            assertThat(patientOf(observation("a", SCT, "302132005", code(SCT, "413497009"))).getAsaClass()).isEqualTo(3);
            assertThat(patientOf(observation("a", SCT, "302132005", new IntegerType(2))).getAsaClass()).isEqualTo(2);
        }

        @Test
        void spineCdsCodesGiveInputsWithoutAStandardCode() {
            Patient p = patientOf(
                    input("o1", "targetAccessible", PRESENT),
                    input("o2", "imagingConcordant", bool(false)),
                    input("o3", "svaCm", quantity(65, "mm")),
                    input("o4", "occupation", code(R.SPINECDS, "occupation.PHYSICALLY_DEMANDING")),
                    input("o5", "levels", new IntegerType(2)));
            assertThat(p.getTargetAccessible()).isTrue();
            assertThat(p.getImagingConcordant()).isFalse();
            assertThat(p.getSvaCm()).isEqualTo(6.5);
            assertThat(p.getOccupation()).isEqualTo(Occupation.PHYSICALLY_DEMANDING);
            assertThat(p.getLevels()).isEqualTo(2);
        }

        @Test
        void contradictoryInputsNameTheFieldAndTheResource() {
            Unsettled e = unsettled(input("done", "imagingDone", bool(false)),
                    input("concordant", "imagingConcordant", bool(true)));
            assertThat(e.field()).isEqualTo("imagingConcordant");
            assertThat(e.getMessage()).contains("Observation/concordant");
        }
    }

    @Nested
    class Medications {
        @Test
        void anActiveBloodThinnerByRxNorm() {
            MappedPatient m = map(medicationStatement("ms", MedicationStatementStatus.ACTIVE, RXNORM, "1364430"));
            assertThat(m.patient().getOnBloodThinners()).isTrue();
            assertThat(m.provenance()).containsEntry(Input.ON_BLOOD_THINNERS, List.of("MedicationStatement/ms"));
        }

        @Test
        void aBloodThinnerByAtcClass() {
            assertThat(patientOf(medicationStatement("ms", MedicationStatementStatus.ACTIVE, ATC, "B01AC04"))
                    .getOnBloodThinners()).isTrue();
        }

        @Test
        void inactiveMedicationsLeaveItUnknownNotFalse() {
            for (MedicationStatementStatus s : List.of(MedicationStatementStatus.COMPLETED,
                    MedicationStatementStatus.STOPPED, MedicationStatementStatus.ENTEREDINERROR,
                    MedicationStatementStatus.NOTTAKEN, MedicationStatementStatus.INTENDED)) {
                assertThat(patientOf(medicationStatement("ms", s, RXNORM, "11289")).isKnown(Input.ON_BLOOD_THINNERS))
                        .as(s.toCode()).isFalse();
            }
            assertThat(patientOf(medicationStatement("ms", MedicationStatementStatus.ACTIVE, RXNORM, "197361"))
                    .isKnown(Input.ON_BLOOD_THINNERS)).isFalse();
        }

        @Test
        void aRequestWithAContainedOrReferencedMedication() {
            MedicationRequest mr = new MedicationRequest();
            mr.setSubject(R.subject(R.PATIENT));
            mr.setId("mr");
            mr.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
            mr.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
            Medication med = new Medication();
            med.setId("med");
            med.setCode(new CodeableConcept().setText("apixaban 5 mg tablet"));
            med.addIngredient().setItem(code(RXNORM, "1364430"));
            mr.addContained(med);
            mr.setMedication(new Reference("#med"));
            assertThat(patientOf(mr).getOnBloodThinners()).isTrue();

            MedicationRequest byId = mr.copy();
            byId.getContained().clear();
            byId.setMedication(new Reference("Medication/warfarin"));
            Medication warfarin = new Medication();
            warfarin.setId("warfarin");
            warfarin.setCode(code(RXNORM, "11289"));
            assertThat(patientOf(byId, warfarin).getOnBloodThinners()).isTrue();

            byId.setIntent(MedicationRequest.MedicationRequestIntent.PROPOSAL);
            assertThat(patientOf(byId, warfarin).isKnown(Input.ON_BLOOD_THINNERS)).isFalse();
        }

        @Test
        void aBloodThinnerContradictsARecordedNo() {
            Unsettled e = unsettled(input("o", "onBloodThinners", ABSENT),
                    medicationStatement("ms", MedicationStatementStatus.ACTIVE, RXNORM, "32968"));
            assertThat(e.field()).isEqualTo("onBloodThinners");
            assertThat(e.getMessage()).contains("Observation/o", "MedicationStatement/ms");
        }
    }

    @Nested
    class Procedures {
        @Test
        void conservativeCareFromProceduresWithWeeksAndOutcome() {
            Procedure pt = procedure("pt", ProcedureStatus.COMPLETED, SCT, "91251008");
            pt.setPerformed(new Period().setStartElement(new DateTimeType("2026-01-05"))
                    .setEndElement(new DateTimeType("2026-03-02")));
            pt.setOutcome(code(SCT, "385671000"));
            Procedure injection = procedure("esi", ProcedureStatus.COMPLETED, CPT, "62323");
            injection.setPerformed(new DateTimeType("2026-03-20"));
            injection.setOutcome(code(SCT, "385671000"));
            Observation meds = input("m", "conservativeCare.MEDICATIONS", ABSENT);
            MappedPatient m = map(pt, injection, meds);
            assertThat(m.patient().getConservativeCare()).containsExactlyInAnyOrder(
                    ConservativeTreatment.PHYSICAL_THERAPY, ConservativeTreatment.INJECTIONS);
            // The injection after the physiotherapy is a day of care, not a stated duration: the weeks
            // from the first session to it are not known to be weeks of care.
            assertThat(m.patient().isKnown(Input.CONSERVATIVE_CARE_WEEKS)).isFalse();
            assertThat(m.patient().getConservativeCareRelieved()).isFalse();
            // Within the physiotherapy's period, it is covered by it: eight weeks.
            injection.setPerformed(new DateTimeType("2026-02-20"));
            MappedPatient within = map(pt, injection, meds);
            assertThat(within.patient().getConservativeCareWeeks()).isEqualTo(8);
            assertThat(within.provenance().get(Input.CONSERVATIVE_CARE_WEEKS)).containsExactly("Procedure/pt", "Procedure/esi");
        }

        private Procedure care(String id, ProcedureStatus status, Type performed) {
            Procedure p = procedure(id, status, SCT, "91251008");
            p.setPerformed(performed);
            p.setOutcome(code(SCT, "385671000"));
            return p;
        }

        private Period period(String start, String end) {
            Period p = new Period().setStartElement(new DateTimeType(start));
            return end == null ? p : p.setEndElement(new DateTimeType(end));
        }

        @Test
        void aSingleDateStatesNoDurationAndTheCriterionAsksForIt() {
            Procedure once = care("pt", ProcedureStatus.COMPLETED, new DateTimeType("2026-05-04"));
            assertThat(patientOf(once).isKnown(Input.CONSERVATIVE_CARE_WEEKS)).isFalse();
            // A completed period with a start only, and a procedure without a date, say no more.
            assertThat(patientOf(care("pt", ProcedureStatus.COMPLETED, period("2026-01-05", null)))
                    .isKnown(Input.CONSERVATIVE_CARE_WEEKS)).isFalse();
            assertThat(patientOf(care("pt", ProcedureStatus.COMPLETED, period("2026-01-05", "2026-03-02")),
                    care("pt2", ProcedureStatus.COMPLETED, null)).isKnown(Input.CONSERVATIVE_CARE_WEEKS)).isFalse();

            Patient withOthers = patientOf(once, input("i", "conservativeCare.INJECTIONS", ABSENT),
                    input("m", "conservativeCare.MEDICATIONS", ABSENT));
            assertThat(withOthers.getConservativeCare()).containsExactly(ConservativeTreatment.PHYSICAL_THERAPY);
            assertThat(withOthers.getConservativeCareRelieved()).isFalse();
            assertThat(withOthers.isKnown(Input.CONSERVATIVE_CARE_WEEKS)).isFalse();
            CriterionResult cand3 = Examples.engine().assess(withOthers).criteria().stream()
                    .filter(c -> c.id().equals("CAND-3")).findFirst().orElseThrow();
            assertThat(cand3.status()).isEqualTo(CriterionStatus.UNKNOWN);
            assertThat(cand3.toCollect()).contains(Input.CONSERVATIVE_CARE_WEEKS.jsonName());
        }

        @Test
        void aStatedPeriodGivesItsWeeks_anInProgressOneRunsToToday() {
            assertThat(patientOf(care("pt", ProcedureStatus.COMPLETED, period("2026-01-05", "2026-03-02")))
                    .getConservativeCareWeeks()).isEqualTo(8);
            // The clock is 2026-06-01: six weeks since 2026-04-20.
            assertThat(patientOf(care("pt", ProcedureStatus.INPROGRESS, period("2026-04-20", null)))
                    .getConservativeCareWeeks()).isEqualTo(6);
            // A planned end after today counts the care given so far.
            assertThat(patientOf(care("pt", ProcedureStatus.INPROGRESS, period("2026-04-20", "2026-07-01")))
                    .getConservativeCareWeeks()).isEqualTo(6);
        }

        @Test
        void farApartCoursesAreNotYearsOfCare() {
            // Four weeks in 2023 and two weeks in 2026: six weeks of care, not the three years between them.
            Patient p = patientOf(care("a", ProcedureStatus.COMPLETED, period("2023-01-02", "2023-01-30")),
                    care("b", ProcedureStatus.COMPLETED, period("2026-05-04", "2026-05-18")));
            assertThat(p.getConservativeCareWeeks()).isEqualTo(6);
            // An old evaluation and one recent session, each only dated: unknown, not years.
            Patient dated = patientOf(care("eval", ProcedureStatus.COMPLETED, new DateTimeType("2023-01-02")),
                    care("session", ProcedureStatus.COMPLETED, new DateTimeType("2026-05-20")));
            assertThat(dated.isKnown(Input.CONSERVATIVE_CARE_WEEKS)).isFalse();
        }

        @Test
        void overlappingCoursesCountEachDayOnce() {
            // Physiotherapy 2026-01-05 to 03-02 and an overlapping course 02-02 to 03-16: 70 days, ten weeks.
            Patient p = patientOf(care("a", ProcedureStatus.COMPLETED, period("2026-01-05", "2026-03-02")),
                    care("b", ProcedureStatus.COMPLETED, period("2026-02-02", "2026-03-16")));
            assertThat(p.getConservativeCareWeeks()).isEqualTo(10);
        }

        @Test
        void aPeriodAfterTodayOrEndingBeforeItStartsIsInvalid() {
            assertThat(unsettled(care("a", ProcedureStatus.COMPLETED, period("2026-03-02", "2026-01-05"))).field())
                    .isEqualTo("conservativeCareWeeks");
            assertThat(unsettled(care("a", ProcedureStatus.COMPLETED, new DateTimeType("2026-07-01"))).field())
                    .isEqualTo("conservativeCareWeeks");
            Unsettled completedInTheFuture = unsettled(care("a", ProcedureStatus.COMPLETED,
                    period("2026-04-20", "2026-07-01")));
            assertThat(completedInTheFuture.field()).isEqualTo("conservativeCareWeeks");
            assertThat(completedInTheFuture.getMessage()).contains("Procedure/a");
        }

        @Test
        void aNotDoneProcedureSaysTheTreatmentWasNotTried() {
            Procedure pt = procedure("pt", ProcedureStatus.NOTDONE, SCT, "91251008");
            Patient p = patientOf(pt, input("i", "conservativeCare.INJECTIONS", ABSENT),
                    input("m", "conservativeCare.MEDICATIONS", ABSENT));
            assertThat(p.getConservativeCare()).isEmpty();
            assertThat(p.isKnown(Input.CONSERVATIVE_CARE_WEEKS)).isFalse();
        }

        @Test
        void oneSuccessfulTreatmentMeansRelieved_unknownOutcomeLeavesItOpen() {
            Procedure a = procedure("a", ProcedureStatus.COMPLETED, SCT, "91251008");
            a.setOutcome(code(SCT, "385669000"));
            Procedure b = procedure("b", ProcedureStatus.COMPLETED, CPT, "62323");
            assertThat(patientOf(a, b).getConservativeCareRelieved()).isTrue();
            b.setOutcome(code(SCT, "385671000"));
            a.setOutcome(null);
            assertThat(patientOf(a, b).isKnown(Input.CONSERVATIVE_CARE_RELIEVED)).isFalse();
        }

        @Test
        void aCompletedSpinalFusionMeansAnExistingFusionMass() {
            assertThat(patientOf(procedure("f", ProcedureStatus.COMPLETED, CPT, "22612")).getExistingFusionMass()).isTrue();
            assertThat(patientOf(procedure("f", ProcedureStatus.PREPARATION, CPT, "22612"))
                    .isKnown(Input.EXISTING_FUSION_MASS)).isFalse();
            assertThat(patientOf(procedure("f", ProcedureStatus.NOTDONE, CPT, "22612"))
                    .isKnown(Input.EXISTING_FUSION_MASS)).isFalse();
        }

        @Test
        void completedSpinalImaging() {
            assertThat(patientOf(procedure("mri", ProcedureStatus.COMPLETED, CPT, "72148")).getImagingDone()).isTrue();
            assertThat(patientOf(procedure("mri", ProcedureStatus.INPROGRESS, CPT, "72148"))
                    .isKnown(Input.IMAGING_DONE)).isFalse();
        }
    }

    @Nested
    class ServiceRequests {
        @Test
        void thePlannedProcedureAndItsRegions() {
            ServiceRequest sr = serviceRequest("sr", ServiceRequestStatus.ACTIVE, "63030");
            sr.addBodySite(code(SCT, "122496007"));
            MappedPatient m = map(sr);
            assertThat(m.patient().getPlannedProcedure()).isEqualTo(org.spinecds.patient.Procedure.LUMBAR_DISCECTOMY);
            assertThat(m.patient().getRegions()).containsExactly(Region.LUMBAR);
            assertThat(m.provenance()).containsEntry(Input.PLANNED_PROCEDURE, List.of("ServiceRequest/sr"));
        }

        @Test
        void aDraftOrderCounts_aRevokedOrCompletedOneDoesNot() {
            assertThat(patientOf(serviceRequest("sr", ServiceRequestStatus.DRAFT, "22551")).getPlannedProcedure())
                    .isEqualTo(org.spinecds.patient.Procedure.ACDF);
            for (ServiceRequestStatus s : List.of(ServiceRequestStatus.REVOKED, ServiceRequestStatus.COMPLETED,
                    ServiceRequestStatus.ENTEREDINERROR)) {
                assertThat(patientOf(serviceRequest("sr", s, "22551")).isKnown(Input.PLANNED_PROCEDURE)).isFalse();
            }
        }

        @Test
        void aThoracicDiscectomyAndProceduresTheListDoesNotName() {
            ServiceRequest sr = serviceRequest("sr", ServiceRequestStatus.ACTIVE, "63077");
            sr.addBodySite(code(SCT, "122495006"));
            Patient p = patientOf(sr);
            assertThat(p.getPlannedProcedure()).isEqualTo(org.spinecds.patient.Procedure.THORACIC_DISCECTOMY);
            assertThat(p.getRegions()).containsExactly(Region.THORACIC);
            assertThat(patientOf(serviceRequest("sr", ServiceRequestStatus.ACTIVE, "22514")).getPlannedProcedure())
                    .isEqualTo(org.spinecds.patient.Procedure.OTHER);
            // A thoracic discectomy ordered for the lumbar spine contradicts itself.
            ServiceRequest wrong = serviceRequest("sr", ServiceRequestStatus.ACTIVE, "63077");
            wrong.addBodySite(code(SCT, "122496007"));
            assertThat(unsettled(wrong).field()).isEqualTo("plannedProcedure");
        }

        @Test
        void anOrderOfAnotherKindIsIgnored() {
            assertThat(patientOf(serviceRequest("sr", ServiceRequestStatus.ACTIVE, "97110")).knownInputs()).isEmpty();
        }

        @Test
        void twoDifferentPlannedProceduresContradictEachOther() {
            Unsettled e = unsettled(serviceRequest("a", ServiceRequestStatus.ACTIVE, "63030"),
                    serviceRequest("b", ServiceRequestStatus.ACTIVE, "22633"));
            assertThat(e.field()).isEqualTo("plannedProcedure");
            assertThat(e.getMessage()).contains("ServiceRequest/a", "ServiceRequest/b");
        }
    }

    @Test
    void aBundleWithUrnUuidFullUrlsNamesResourcesByThem() {
        String bundle = """
                {"resourceType": "Bundle", "type": "collection", "entry": [
                  {"fullUrl": "urn:uuid:6f0d1a52-3b3e-4f6c-9d38-2f7c1c0a0001",
                   "resource": {"resourceType": "Patient", "gender": "male", "birthDate": "1970-01-01"}},
                  {"fullUrl": "urn:uuid:6f0d1a52-3b3e-4f6c-9d38-2f7c1c0a0002",
                   "resource": {"resourceType": "Observation", "status": "final",
                     "code": {"coding": [{"system": "http://loinc.org", "code": "39156-5"}]},
                     "subject": {"reference": "urn:uuid:6f0d1a52-3b3e-4f6c-9d38-2f7c1c0a0001"},
                     "valueQuantity": {"value": 24.2, "system": "http://unitsofmeasure.org", "code": "kg/m2"}}},
                  {"fullUrl": "urn:uuid:6f0d1a52-3b3e-4f6c-9d38-2f7c1c0a0003",
                   "resource": {"resourceType": "Observation", "status": "final",
                     "code": {"coding": [{"system": "http://loinc.org", "code": "72166-2"}]},
                     "subject": {"reference": "urn:uuid:6f0d1a52-3b3e-4f6c-9d38-2f7c1c0a0009"},
                     "valueCodeableConcept": {"coding": [{"system": "http://snomed.info/sct", "code": "8517006"}]}}}
                ]}""";
        Bundle b = FhirJson.parse(Bundle.class, bundle);
        InvalidPatientException e = invalidBundle(b);
        assertThat(e.getMessage()).contains("urn:uuid:6f0d1a52-3b3e-4f6c-9d38-2f7c1c0a0003");
        b.getEntry().remove(2);
        MappedPatient m = Examples.MAPPER.map(b);
        assertThat(m.patient().getBmi()).isEqualTo(24.2);
        assertThat(m.provenance().get(Input.BMI)).containsExactly("urn:uuid:6f0d1a52-3b3e-4f6c-9d38-2f7c1c0a0002");
    }

    private static InvalidPatientException invalidBundle(Bundle b) {
        try {
            Examples.MAPPER.map(b);
        } catch (InvalidPatientException e) {
            return e;
        }
        throw new AssertionError("expected an InvalidPatientException");
    }

    @Test
    void resourcesWithoutAStatusAreIgnored() {
        Observation o = bmi("b", 30);
        o.setStatus(null);
        ServiceRequest sr = serviceRequest("sr", null, "63030");
        MedicationRequest mr = new MedicationRequest();
        mr.setSubject(R.subject(R.PATIENT));
        mr.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        mr.setMedication(code(RXNORM, "11289"));
        Procedure p = procedure("f", null, CPT, "22612");
        assertThat(patientOf(o, sr, mr, p).knownInputs()).isEmpty();
    }

    @Test
    void aResourceWithoutIdIsNamedByItsPosition() {
        Observation o = bmi(null, 900);
        o.setId((String) null);
        assertThat(unsettled(new Encounter(), o).getMessage()).contains("Observation[1]");
    }

    @Test
    void codingsOfOtherSystemsAreNotMatched() {
        CodeableConcept local = new CodeableConcept(new Coding("https://hospital.example.org/codes", "M51.26", null));
        Condition c = active("c", ICD, "x");
        c.setCode(local);
        assertThat(patientOf(c).knownInputs()).isEmpty();
    }
}
