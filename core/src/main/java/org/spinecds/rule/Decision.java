package org.spinecds.rule;

import java.util.Objects;

import org.spinecds.Verdict;

/**
 * The verdict that decided, as a fact, so that rules which depend on it (recovery, setting) can
 * match it: {@code Decision(surgicalCandidate == true)}. Equal decisions are one fact.
 */
public final class Decision {

    private final Verdict verdict;

    public Decision(Verdict verdict) {
        this.verdict = Objects.requireNonNull(verdict, "verdict");
    }

    public Verdict getVerdict() {
        return verdict;
    }

    /** True for a candidate for surgery: open surgery preferred, or minimally invasive candidate. */
    public boolean isSurgicalCandidate() {
        return verdict.isSurgicalCandidate();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Decision d && d.verdict == verdict;
    }

    @Override
    public int hashCode() {
        return verdict.hashCode();
    }

    @Override
    public String toString() {
        return "Decision " + verdict;
    }
}
