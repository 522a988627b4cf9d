package org.spinecds.patient;

/** Comorbidities relevant to surgical risk. A given set is the complete list: absence means "not present". */
public enum Comorbidity {
    DIABETES,
    HEART_DISEASE,
    /** Lung disease, e.g. COPD. */
    LUNG_DISEASE,
    KIDNEY_DISEASE,
    OSTEOPOROSIS,
    IMMUNOSUPPRESSION
}
