package org.spinecds.rule;

import java.util.List;
import java.util.Objects;

/**
 * Unknown inputs that leave a risk, setting or recovery criterion open without touching the verdict:
 * the assessment lists them apart from the missing inputs, as the inputs that would complete the
 * picture. A risk whose input is unknown is never claimed absent. Created by {@link RuleKit#gap}.
 */
public final class PictureGap {

    private final String criterion;
    private final List<String> inputs;

    PictureGap(String criterion, List<String> inputs) {
        this.criterion = Objects.requireNonNull(criterion, "criterion");
        this.inputs = List.copyOf(inputs);
    }

    public String getCriterion() { return criterion; }
    /** The unknown inputs (JSON names). */
    public List<String> getInputs() { return inputs; }

    @Override
    public boolean equals(Object o) {
        return o instanceof PictureGap g && g.criterion.equals(criterion) && g.inputs.equals(inputs);
    }

    @Override
    public int hashCode() {
        // Objects.hash(criterion, inputs), without its array
        return 31 * (31 + criterion.hashCode()) + inputs.hashCode();
    }

    @Override
    public String toString() {
        return "PictureGap " + criterion + " " + inputs;
    }
}
