package org.spinecds.rule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.kie.api.definition.rule.Rule;
import org.spinecds.Verdict;

/**
 * A verdict that a verdict rule proposes, with the findings that call for it. Created by
 * {@link RuleKit#propose} and inserted logically; the proposal of the highest-ranked verdict
 * ({@link Verdict} order) decides, and the others are reported as overridden.
 */
public final class VerdictProposal {

    private final Rule rule;
    private final Verdict verdict;
    private final List<FindingFact> because = new ArrayList<>(2);

    VerdictProposal(Rule rule, Verdict verdict) {
        this.rule = rule;
        this.verdict = Objects.requireNonNull(verdict, "verdict");
    }

    /** The findings that call for this verdict. */
    public VerdictProposal because(FindingFact... findings) {
        Collections.addAll(because, findings);
        return this;
    }

    public Rule getRule() { return rule; }
    public Verdict getVerdict() { return verdict; }
    /** The verdict's precedence: 1 is the highest. */
    public int getRank() { return verdict.rank(); }
    public List<FindingFact> getBecause() { return Collections.unmodifiableList(because); }

    @Override
    public String toString() {
        return verdict + " " + because;
    }
}
