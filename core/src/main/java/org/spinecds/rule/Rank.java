package org.spinecds.rule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.spinecds.Verdict;

/**
 * One rank of the verdict walk (criteria catalogue, "Verdict"): whether the condition of its verdict
 * is known to hold, known not to hold (excluded), or undetermined because inputs are unknown, with the
 * findings that show it. The verdict rules (verdict.drl) insert exactly one state per rank; the first
 * rank from the top that is not excluded decides: its verdict if it holds, INSUFFICIENT_INFORMATION if
 * it is undetermined.
 *
 * <p>Created by {@link RuleKit#holds}, {@link RuleKit#excluded} and {@link RuleKit#undetermined}.
 */
public final class Rank {

    /** The three states of a rank. */
    public enum State {
        HOLDS, EXCLUDED, UNDETERMINED
    }

    private final Verdict verdict;
    private final State state;
    private final List<FindingFact> because;

    Rank(Verdict verdict, State state, Collection<?> because) {
        if (!Objects.requireNonNull(verdict, "verdict").isRanked()) {
            throw new IllegalArgumentException(verdict + " is not a rank of the verdict walk");
        }
        this.verdict = verdict;
        this.state = Objects.requireNonNull(state, "state");
        List<FindingFact> findings = new ArrayList<>(because.size());
        for (Object o : because) {
            findings.add((FindingFact) o);
        }
        this.because = Collections.unmodifiableList(findings);
    }

    public Verdict getVerdict() { return verdict; }
    /** The rank in the verdict order: 1 for URGENT_EVALUATION. */
    public int getNumber() { return verdict.rank(); }
    public State getState() { return state; }
    /**
     * The findings that show the state: for HOLDS those that confirm the verdict, for UNDETERMINED
     * the UNKNOWN findings that name the inputs to collect; for EXCLUDED those that rule it out.
     */
    public List<FindingFact> getBecause() { return because; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rank r && r.verdict == verdict && r.state == state && r.because.equals(because);
    }

    @Override
    public int hashCode() {
        // Objects.hash(verdict, state, because.size()), without its array
        return 31 * (31 * (31 + verdict.hashCode()) + state.hashCode()) + because.size();
    }

    @Override
    public String toString() {
        return "Rank " + verdict.rank() + " " + verdict + " " + state;
    }
}
