package org.spinecds.rules;

import java.util.List;

import org.spinecds.Evidence;

/** One reason why same-day surgery is not possible (setting-recovery.drl). */
public final class SameDayBarrier extends DerivedFact {
    private final String reason;
    private final Evidence evidence;

    public SameDayBarrier(String reason, Evidence evidence) {
        this.reason = reason;
        this.evidence = evidence;
    }

    public String getReason() { return reason; }
    /** The evidence, or {@code null} when the reason is the verdict rather than an input. */
    public Evidence getEvidence() { return evidence; }

    @Override
    protected List<?> values() {
        return java.util.Arrays.asList(reason, evidence);
    }
}
