package org.spinecds;

/** The status of a candidacy criterion. UNKNOWN is its own state: it is never read as NOT_MET or MET. */
public enum CriterionStatus {
    MET,
    NOT_MET,
    UNKNOWN
}
