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
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;

/**
 * The {@link RelevanceGate}'s judgement of one chart: which triggers its record holds, and whether the
 * patient is known to be a child. The triggers err towards answering (a chart answered without need
 * costs a glance; a spinal patient left unanswered could lose a red-flag card): a condition, order or
 * referral counts when its code is an ICD-10 code of the spine, or its codings' display, its text or its
 * body site names the spine; and the mapped patient counts when it has spinal diagnoses, regions,
 * symptoms, a symptom that persists, a red flag or a planned spine procedure.
 */
final class Relevance {

    /** ICD-10 and ICD-10-CM code prefixes about the spine (without the dot). */
    private static final List<String> ICD_SPINE = List.of("M40", "M41", "M42", "M43", "M44", "M45", "M46", "M47",
            "M48", "M49", "M50", "M51", "M52", "M53", "M96", "G95", "G992", "G834", "S12", "S130", "S131", "S141",
            "S220", "S230", "S231", "S241", "S320", "S321", "S330", "S331", "S341", "Q675", "Q760", "Q761", "Q762",
            "Q763", "Q764", "C412", "D166");
    /** ICD-10 prefixes of spinal symptoms: dorsalgia (back, neck and radicular pain, sciatica). */
    private static final List<String> ICD_SPINE_SYMPTOMS = List.of("M54");

    private static final Pattern SPINE_WORDS = Pattern.compile("\\b(spine|spinal|vertebra\\w*|intervertebral|"
            + "lumbar|lumbosacral|lumbo\\w*|cervical (spine|disc|radicul\\w*|myelo\\w*|spondyl\\w*|stenosis|vertebra\\w*)|"
            + "thoracic (spine|disc|vertebra\\w*)|sacral|sacrum|coccy\\w*|spondyl\\w*|scoliosis|kyphosis|"
            + "lordosis|myelopathy|radiculopathy|radicular|cauda equina|discectomy|diskectomy|microdiscectomy|"
            + "laminectomy|laminotomy|foraminotomy|kyphoplasty|vertebroplasty|arthrodesis|"
            + "(herniated|prolapsed|slipped|bulging|degenerat\\w*) (intervertebral )?dis[ck]|"
            + "dis[ck] (herniation|prolapse|displacement|degeneration|disorder)|displacement of \\w+ "
            + "intervertebral dis[ck])\\b");
    private static final Pattern SYMPTOM_WORDS = Pattern.compile("\\b(back ?pain|backache|low back|lumbago|"
            + "sciatica|neck pain|cervicalgia|radicular pain|dorsalgia|cauda equina)\\b");

    private Relevance() {
    }

    /** What the gate decided, and why (trigger names only: nothing of the patient). */
    record Decision(boolean answer, String reason) {
    }

    static Decision decide(RelevanceGate gate, List<Resource> resources, Patient patient, int adultAge) {
        if (!gate.isEnabled()) {
            return new Decision(true, "gate off");
        }
        Integer age = patient.getAge();
        if (age != null && age < adultAge) {
            return new Decision(false, "a child");
        }
        Set<Trigger> found = triggers(resources, patient);
        found.retainAll(gate.triggers());
        return found.isEmpty() ? new Decision(false, "no trigger") : new Decision(true, "triggers " + found);
    }

    static Set<Trigger> triggers(List<Resource> resources, Patient patient) {
        Set<Trigger> found = EnumSet.noneOf(Trigger.class);
        if (nonEmpty(patient.get(Input.DIAGNOSES)) || nonEmpty(patient.get(Input.REGIONS))) {
            found.add(Trigger.SPINAL_CONDITION);
        }
        if (nonEmpty(patient.get(Input.SYMPTOMS)) || Boolean.TRUE.equals(patient.getSymptomsPersist())
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
                Trigger t = classify(concepts);
                if (t != null) {
                    found.add(t);
                }
            } else if (r instanceof ServiceRequest s && counts(s)) {
                List<CodeableConcept> concepts = new ArrayList<>(s.getBodySite());
                concepts.add(s.getCode());
                concepts.addAll(s.getReasonCode());
                if (classify(concepts) != null) {
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
    private static Trigger classify(List<CodeableConcept> concepts) {
        Trigger found = null;
        for (CodeableConcept cc : concepts) {
            if (cc == null) {
                continue;
            }
            List<String> texts = new ArrayList<>();
            if (cc.getText() != null) {
                texts.add(cc.getText());
            }
            for (Coding coding : cc.getCoding()) {
                if (coding.getDisplay() != null) {
                    texts.add(coding.getDisplay());
                }
                String system = coding.getSystem() == null ? "" : coding.getSystem();
                String code = coding.getCode() == null ? "" : coding.getCode().replace(".", "").toUpperCase(Locale.ROOT);
                if (system.startsWith("http://hl7.org/fhir/sid/icd-10")) {
                    if (ICD_SPINE_SYMPTOMS.stream().anyMatch(code::startsWith)) {
                        return Trigger.SPINAL_SYMPTOM;
                    }
                    if (ICD_SPINE.stream().anyMatch(code::startsWith)) {
                        found = Trigger.SPINAL_CONDITION;
                    }
                }
            }
            for (String t : texts) {
                String text = t.toLowerCase(Locale.ROOT);
                if (SYMPTOM_WORDS.matcher(text).find()) {
                    return Trigger.SPINAL_SYMPTOM;
                }
                if (SPINE_WORDS.matcher(text).find()) {
                    found = Trigger.SPINAL_CONDITION;
                }
            }
        }
        return found;
    }

    private static boolean nonEmpty(Object set) {
        return set instanceof java.util.Collection<?> c && !c.isEmpty();
    }
}
