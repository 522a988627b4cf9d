package org.spinecds.patient;

/** Conservative (non-surgical) treatments. A given set is the complete list of what was tried. */
public enum ConservativeTreatment {
    PHYSICAL_THERAPY,
    INJECTIONS,
    MEDICATIONS
}
