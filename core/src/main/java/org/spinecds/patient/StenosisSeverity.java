package org.spinecds.patient;

/** Severity of spinal stenosis on imaging. */
public enum StenosisSeverity {
    MILD,
    MODERATE,
    SEVERE
}
