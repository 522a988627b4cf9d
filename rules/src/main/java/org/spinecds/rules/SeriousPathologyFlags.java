package org.spinecds.rules;

import java.util.ArrayList;
import java.util.List;

import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;

/** The screening flags of a serious spinal pathology (URG-2, red-flags.drl). */
public final class SeriousPathologyFlags {

    /** The flags, in the order the criteria catalogue lists them. */
    public static final Input[] FLAGS = {Input.CANCER_HISTORY, Input.UNEXPLAINED_WEIGHT_LOSS, Input.FEVER,
        Input.INTRAVENOUS_DRUG_USE, Input.RECENT_SIGNIFICANT_TRAUMA, Input.LONG_TERM_CORTICOSTEROIDS};

    private SeriousPathologyFlags() {
    }

    /** The JSON names of the flags known to be present. */
    public static List<String> present(Patient patient) {
        List<String> present = new ArrayList<>();
        for (Input flag : FLAGS) {
            if (Boolean.TRUE.equals(patient.get(flag))) {
                present.add(flag.jsonName());
            }
        }
        return present;
    }
}
