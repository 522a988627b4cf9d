package org.spinecds.patient;

/** Tobacco smoking status. */
public enum SmokingStatus {
    CURRENT,
    FORMER,
    NEVER
}
