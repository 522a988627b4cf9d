package org.spinecds.cdshooks.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.spinecds.cdshooks.RelevanceGate;
import org.spinecds.cdshooks.RelevanceGate.Trigger;
import org.spinecds.fhir.FhirPatientMapper;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;

/**
 * The {@link RelevanceGate}'s judgement of one chart: which triggers its record holds, and whether the
 * patient is known to be a child. The triggers err towards answering (a chart answered without need
 * costs a glance; a spinal patient left unanswered could lose a red-flag card): a condition, order or
 * referral counts when the mapper judges its code or body site to be about the spine
 * ({@link FhirPatientMapper#speaksOfTheSpine}: the same code lists and words as the mapping), and it is a
 * symptom when its ICD-10 code is a dorsalgia (M54) or its words name back, neck or radicular pain; and
 * the mapped patient counts when it has spinal diagnoses, regions or symptoms known present (of a
 * complete list or not), a symptom that persists, a red flag or a planned spine procedure.
 */
final class Relevance {

    private static final Pattern SYMPTOM_WORDS = Pattern.compile("\\b(back ?pain|backache|low back|lumbago|"
            + "sciatica|neck pain|cervicalgia|radicular pain|dorsalgia|cauda equina)\\b");

    private Relevance() {
    }

    /** What the gate decided, and why (trigger names only: nothing of the patient). */
    record Decision(boolean answer, String reason) {
    }

    static Decision decide(RelevanceGate gate, FhirPatientMapper mapper, List<Resource> resources, Patient patient,
                           int adultAge) {
        if (!gate.isEnabled()) {
            return new Decision(true, "gate off");
        }
        Integer age = patient.getAge();
        if (age != null && age < adultAge) {
            return new Decision(false, "a child");
        }
        Set<Trigger> found = triggers(mapper, resources, patient);
        found.retainAll(gate.triggers());
        return found.isEmpty() ? new Decision(false, "no trigger") : new Decision(true, "triggers " + found);
    }

    static Set<Trigger> triggers(FhirPatientMapper mapper, List<Resource> resources, Patient patient) {
        Set<Trigger> found = EnumSet.noneOf(Trigger.class);
        if (!patient.present(Input.DIAGNOSES).isEmpty() || !patient.present(Input.REGIONS).isEmpty()) {
            found.add(Trigger.SPINAL_CONDITION);
        }
        if (!patient.present(Input.SYMPTOMS).isEmpty() || Boolean.TRUE.equals(patient.getSymptomsPersist())
                || patient.getSymptomDurationWeeks() != null
                || Boolean.TRUE.equals(patient.getBladderBowelDysfunction())
                || Boolean.TRUE.equals(patient.getSaddleAnaesthesia())
                || Boolean.TRUE.equals(patient.getProgressiveMotorWeakness())) {
            found.add(Trigger.SPINAL_SYMPTOM);
        }
        if (patient.getPlannedProcedure() != null) {
            found.add(Trigger.SPINE_ORDER);
        }
        for (Resource r : resources) {
            if (r instanceof Condition c && counts(c)) {
                List<CodeableConcept> concepts = new ArrayList<>(c.getBodySite());
                concepts.add(c.getCode());
                Trigger t = classify(mapper, concepts);
                if (t != null) {
                    found.add(t);
                }
            } else if (r instanceof ServiceRequest s && counts(s)) {
                List<CodeableConcept> concepts = new ArrayList<>(s.getBodySite());
                concepts.add(s.getCode());
                concepts.addAll(s.getReasonCode());
                if (classify(mapper, concepts) != null) {
                    found.add(Trigger.SPINE_ORDER);
                }
            }
        }
        return found;
    }

    /** A condition that may describe the patient now: not refuted or in error, not inactive or resolved. */
    private static boolean counts(Condition c) {
        String verification = code(c.getVerificationStatus());
        String clinical = code(c.getClinicalStatus());
        return !Set.of("refuted", "entered-in-error").contains(verification)
                && !Set.of("inactive", "resolved", "remission").contains(clinical);
    }

    private static boolean counts(ServiceRequest s) {
        return s.getStatus() == null || Set.of("active", "draft", "on-hold").contains(s.getStatus().toCode());
    }

    private static String code(CodeableConcept c) {
        return c == null || c.getCoding().isEmpty() || c.getCodingFirstRep().getCode() == null ? ""
                : c.getCodingFirstRep().getCode();
    }

    /** SPINAL_SYMPTOM, SPINAL_CONDITION, or null when nothing in the concepts is about the spine. */
    private static Trigger classify(FhirPatientMapper mapper, List<CodeableConcept> concepts) {
        Trigger found = null;
        for (CodeableConcept cc : concepts) {
            if (cc == null) {
                continue;
            }
            for (Coding coding : cc.getCoding()) {
                String system = coding.getSystem() == null ? "" : coding.getSystem();
                String code = coding.getCode() == null ? "" : coding.getCode().replace(".", "").toUpperCase(Locale.ROOT);
                if (system.startsWith("http://hl7.org/fhir/sid/icd-10") && code.startsWith("M54")) {
                    return Trigger.SPINAL_SYMPTOM;
                }
                if (coding.getDisplay() != null && SYMPTOM_WORDS.matcher(coding.getDisplay().toLowerCase(Locale.ROOT)).find()) {
                    return Trigger.SPINAL_SYMPTOM;
                }
            }
            if (cc.getText() != null && SYMPTOM_WORDS.matcher(cc.getText().toLowerCase(Locale.ROOT)).find()) {
                return Trigger.SPINAL_SYMPTOM;
            }
            if (mapper.speaksOfTheSpine(cc)) {
                found = Trigger.SPINAL_CONDITION;
            }
        }
        return found;
    }
}
