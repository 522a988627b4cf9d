package org.spinecds.rule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.spinecds.Evidence;

/**
 * What a derivation rule established about a criterion that holds when a finding of it is present (a
 * red flag, a scope limit, an open-surgery criterion, a risk factor): that it is <em>ruled out</em>,
 * with the known inputs that rule it out, or that it is <em>unsettled</em>, with the unknown inputs
 * whose values could make it hold. A criterion with a finding present needs neither.
 *
 * <p>Created by {@link RuleKit#ruleOut} and {@link RuleKit#unsettled}, which take the criterion
 * from the rule's {@code @criterion}, and inserted with {@code insertLogical}. Equal checks are one
 * fact.
 */
public final class CriterionCheck {

    /** The two outcomes a check records; the third, "holds", is a finding of the criterion. */
    public enum Outcome {
        RULED_OUT, UNSETTLED
    }

    private final String criterion;
    private final Outcome outcome;
    private final List<Evidence> evidence;
    private final List<String> inputs;

    CriterionCheck(String criterion, Outcome outcome, List<Evidence> evidence, List<String> inputs) {
        this.criterion = Objects.requireNonNull(criterion, "criterion");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.evidence = Collections.unmodifiableList(new ArrayList<>(evidence));
        this.inputs = List.copyOf(inputs);
    }

    /** A ruled-out check whose evidence array is its own (a copy the caller does not keep). */
    CriterionCheck(String criterion, Outcome outcome, Evidence[] evidence) {
        this.criterion = Objects.requireNonNull(criterion, "criterion");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.evidence = Collections.unmodifiableList(Arrays.asList(evidence));
        this.inputs = List.of();
    }

    public String getCriterion() { return criterion; }
    public Outcome getOutcome() { return outcome; }
    public boolean isRuledOut() { return outcome == Outcome.RULED_OUT; }
    /** The known inputs that rule the criterion out. */
    public List<Evidence> getEvidence() { return evidence; }
    /** For an unsettled criterion, the unknown inputs (JSON names) that could make it hold. */
    public List<String> getInputs() { return inputs; }

    @Override
    public boolean equals(Object o) {
        return o instanceof CriterionCheck c && c.criterion.equals(criterion) && c.outcome == outcome
                && c.evidence.equals(evidence) && c.inputs.equals(inputs);
    }

    @Override
    public int hashCode() {
        // Objects.hash(criterion, outcome, inputs), without its array: the engine hashes every check it keeps
        return 31 * (31 * (31 + criterion.hashCode()) + outcome.hashCode()) + inputs.hashCode();
    }

    /** Names the criterion and outcome only: never an input's value. */
    @Override
    public String toString() {
        return criterion + " " + outcome;
    }
}
