package org.spinecds.patient;

/** The physical demand of the patient's work, which shapes the return to work. */
public enum Occupation {
    DESK_BASED,
    PHYSICALLY_DEMANDING
}
