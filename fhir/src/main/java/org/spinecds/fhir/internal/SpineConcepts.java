package org.spinecds.fhir.internal;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/** Whether a concept's words speak of the spine ({@link SpineWords}), for the mapping and the relevance gate. */
public final class SpineConcepts {

    private SpineConcepts() {
    }

    /**
     * Whether the words of a concept speak of the spine: its text, and the display of each coding that is
     * not ICD-10 or ICD-10-CM (whose codes are classified by their block, in the code lists).
     */
    public static boolean spinalWords(CodeableConcept cc) {
        if (cc == null) {
            return false;
        }
        if (SpineWords.spinal(cc.getText())) {
            return true;
        }
        for (Coding coding : cc.getCoding()) {
            String system = coding.getSystem();
            boolean icd = "http://hl7.org/fhir/sid/icd-10-cm".equals(system) || "http://hl7.org/fhir/sid/icd-10".equals(system);
            if (!icd && SpineWords.spinal(coding.getDisplay())) {
                return true;
            }
        }
        return false;
    }
}
