package org.spinecds.rule;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The thresholds of a rule base as one immutable value, read by the rules through the global
 * {@code thresholds}: {@code Patient( bmi >= thresholds.value("obesityBmi") )} in a condition, and
 * {@code compare(Input.BMI, $bmi, ">=", thresholds.get("obesityBmi"))} to cite it as evidence. Every
 * name a rule gives is checked against the thresholds catalogue when the rule base loads (with the
 * file and line of the reference), so a lookup of an unknown name here is a fault of the engine.
 *
 * <p>One value per rule base, shared by every assessment: it holds nothing of a patient.
 */
public final class Thresholds {

    /** The name of the global through which rules read the thresholds. */
    public static final String GLOBAL = "thresholds";

    private final Map<String, Threshold> byName;
    private final List<Threshold> all;

    public Thresholds(Collection<Threshold> thresholds) {
        Map<String, Threshold> map = new LinkedHashMap<>();
        for (Threshold t : thresholds) {
            if (map.put(t.getName(), t) != null) {
                throw new IllegalArgumentException("threshold " + t.getName() + " is defined twice");
            }
        }
        this.byName = Map.copyOf(map);
        this.all = List.copyOf(map.values());
    }

    /** The threshold of this name, to cite as evidence. */
    public Threshold get(String name) {
        Threshold t = byName.get(name);
        if (t == null) {
            throw new IllegalArgumentException("threshold \"" + name + "\" is not defined");
        }
        return t;
    }

    /** The value of the threshold of this name, to compare an input with. */
    public double value(String name) {
        return get(name).getValue();
    }

    /** Every threshold, in catalogue order. */
    public List<Threshold> all() {
        return all;
    }
}
