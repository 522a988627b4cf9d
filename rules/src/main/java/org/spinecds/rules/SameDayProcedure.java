package org.spinecds.rules;

import java.util.List;

/** Whether the planned procedure is one done as same-day surgery (setting-recovery.drl). */
public final class SameDayProcedure extends DerivedFact {
    private final boolean eligible;

    public SameDayProcedure(boolean eligible) {
        this.eligible = eligible;
    }

    public boolean isEligible() { return eligible; }

    @Override
    protected List<?> values() {
        return java.util.Arrays.asList(eligible);
    }
}
