package org.spinecds.rule;

import java.util.List;
import java.util.Objects;

/**
 * A named threshold of the rule base. Rules read it through the global {@code thresholds}
 * ({@link Thresholds}): {@code bmi >= thresholds.value("obesityBmi")}, and cite it with
 * {@code compare(Input.BMI, $bmi, ">=", thresholds.get("obesityBmi"))}. (A rule set that matches it
 * as a fact, {@code Threshold( name == "obesityBmi" )}, still gets every threshold inserted into every
 * assessment.) Each threshold is defined once, in the rule set's {@code thresholds.json}, with its
 * unit and sources.
 */
public final class Threshold {

    private final String name;
    private final double value;
    private final String unit;
    private final String criterion;
    private final List<String> sources;
    private final String description;
    private final double min;
    private final double max;

    public Threshold(String name, double value, String unit, String criterion, List<String> sources,
                     String description, double min, double max) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = value;
        this.unit = unit;
        this.criterion = criterion;
        this.sources = List.copyOf(sources);
        this.description = description;
        this.min = min;
        this.max = max;
    }

    /** The same threshold with another value (a site's override). */
    public Threshold withValue(double newValue) {
        return new Threshold(name, newValue, unit, criterion, sources, description, min, max);
    }

    /** The smallest plausible value: a site may not set it lower. */
    public double getMin() {
        return min;
    }

    /** The largest plausible value: a site may not set it higher. */
    public double getMax() {
        return max;
    }

    public String getName() {
        return name;
    }

    public double getValue() {
        return value;
    }

    /** The unit, e.g. {@code kg/m2}, or {@code null} for a dimensionless count or class. */
    public String getUnit() {
        return unit;
    }

    /** The criterion the threshold belongs to, e.g. {@code RISK-2}. */
    public String getCriterion() {
        return criterion;
    }

    /** The catalogue ids of the sources the value rests on. */
    public List<String> getSources() {
        return sources;
    }

    public String getDescription() {
        return description;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Threshold t && t.name.equals(name) && Double.compare(t.value, value) == 0
                && Objects.equals(t.unit, unit) && Objects.equals(t.criterion, criterion)
                && t.sources.equals(sources) && Objects.equals(t.description, description)
                && Double.compare(t.min, min) == 0 && Double.compare(t.max, max) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, value);
    }

    @Override
    public String toString() {
        return name + " = " + RuleKit.plain(value) + (unit == null ? "" : " " + unit);
    }
}
