package org.spinecds.rules;

/** Whether the planned procedure is one done as same-day surgery (setting-recovery.drl). */
public final class SameDayProcedure extends DerivedFact {
    private final boolean eligible;

    public SameDayProcedure(boolean eligible) {
        this.eligible = eligible;
    }

    public boolean isEligible() { return eligible; }
}
