package org.spinecds.rule;

import java.util.Objects;

import org.spinecds.Verdict;

/**
 * A verdict of the walk that the known inputs do not exclude: a rank that is not excluded and that no
 * rank above it outranks (verdict.drl). Rules that depend on whether surgery is still in view (the
 * procedure risks) match {@code PossibleVerdict(surgical == true)}. Equal facts are one fact.
 */
public final class PossibleVerdict {

    private final Verdict verdict;

    public PossibleVerdict(Verdict verdict) {
        this.verdict = Objects.requireNonNull(verdict, "verdict");
    }

    public Verdict getVerdict() { return verdict; }
    /** True for a surgical verdict: open surgery preferred, or minimally invasive candidate. */
    public boolean isSurgical() { return verdict.isSurgicalCandidate(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof PossibleVerdict p && p.verdict == verdict;
    }

    @Override
    public int hashCode() {
        return verdict.hashCode();
    }

    @Override
    public String toString() {
        return "PossibleVerdict " + verdict;
    }
}
