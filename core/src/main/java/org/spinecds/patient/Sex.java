package org.spinecds.patient;

/** Sex recorded for the patient. */
public enum Sex {
    FEMALE,
    MALE,
    OTHER
}
