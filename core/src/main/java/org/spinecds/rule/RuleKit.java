package org.spinecds.rule;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

import org.kie.api.runtime.rule.RuleContext;
import org.spinecds.Evidence;
import org.spinecds.Verdict;
import org.spinecds.internal.RuleMeta;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;

/**
 * The functions a rule's consequence uses to record what it found. Import them into a DRL file with
 * {@code import function org.spinecds.rule.RuleKit.finding;} and so on.
 *
 * <pre>{@code
 * then
 *     insertLogical( finding(drools)
 *         .summary("Current smoker")
 *         .detail("Smoking status is %s.", $status)
 *         .evidence(input(Input.SMOKING_STATUS, $status))
 *         .action("Stop smoking before surgery") );
 * }</pre>
 */
public final class RuleKit {

    private RuleKit() {
    }

    /** A new finding of the firing rule, with the code, criterion, category and severity of its metadata. */
    public static FindingFact finding(RuleContext drools) {
        RuleMeta meta = RuleMeta.forFinding(drools.getRule());
        if (meta.derivation() || meta.category() == null || meta.severity() == null) {
            throw new IllegalStateException("rule \"" + drools.getRule().getName()
                    + "\" records a finding but its metadata gives no finding @category and @severity");
        }
        return new FindingFact(drools.getRule(), meta.code(), meta.criterion(), meta.category(), meta.severity());
    }

    /** The rank of a verdict holds: the findings confirm it. */
    public static Rank holds(Verdict verdict, Collection<?> because) {
        return new Rank(verdict, Rank.State.HOLDS, because);
    }

    /** The rank of a verdict is excluded: the findings rule it out. */
    public static Rank excluded(Verdict verdict, Collection<?> because) {
        return new Rank(verdict, Rank.State.EXCLUDED, because);
    }

    /** The rank of a verdict is undetermined: the UNKNOWN findings name the inputs that would settle it. */
    public static Rank undetermined(Verdict verdict, Collection<?> because) {
        return new Rank(verdict, Rank.State.UNDETERMINED, because);
    }

    /** The firing rule's criterion is ruled out by known inputs, given as evidence. */
    public static CriterionCheck ruleOut(RuleContext drools, Evidence... evidence) {
        return new CriterionCheck(criterion(drools), CriterionCheck.Outcome.RULED_OUT, evidence.clone());
    }

    /**
     * The firing rule's criterion is unsettled: those of the given inputs that are unknown for the
     * patient could make it hold.
     */
    public static CriterionCheck unsettled(RuleContext drools, Patient patient, Input... inputs) {
        java.util.List<String> unknown = unknownOrFail(drools, patient, inputs, "calls its criterion unsettled");
        return new CriterionCheck(criterion(drools), CriterionCheck.Outcome.UNSETTLED, java.util.List.of(), unknown);
    }

    /**
     * Those of the given inputs that are unknown for the patient leave the firing rule's risk, setting
     * or recovery criterion open: they complete the picture.
     */
    public static PictureGap gap(RuleContext drools, Patient patient, Input... inputs) {
        java.util.List<String> unknown = unknownOrFail(drools, patient, inputs, "records a gap");
        return new PictureGap(criterion(drools), unknown);
    }

    /** The JSON names of the unknown ones of the inputs; a rule naming none that is unknown is a fault. */
    private static java.util.List<String> unknownOrFail(RuleContext drools, Patient patient, Input[] inputs,
                                                        String what) {
        java.util.List<String> unknown = new java.util.ArrayList<>(inputs.length);
        for (Input i : inputs) {
            if (!patient.isKnown(i) && !unknown.contains(i.jsonName())) {
                unknown.add(i.jsonName());
            }
        }
        if (unknown.isEmpty()) {
            throw new IllegalStateException("rule \"" + drools.getRule().getName() + "\" " + what
                    + " but every input it names is known");
        }
        return unknown;
    }

    private static String criterion(RuleContext drools) {
        String criterion = RuleMeta.forFinding(drools.getRule()).criterion();
        if (criterion == null) {
            throw new IllegalStateException("rule \"" + drools.getRule().getName() + "\" has no @criterion");
        }
        return criterion;
    }

    /** Evidence that an input has a value: {@code input == value}. */
    public static Evidence input(Input input, Object value) {
        Object v = json(value);
        return new Evidence(input.jsonName(), v, input.unit(), "==", v, null);
    }

    /** Evidence of a comparison with a fixed value, e.g. {@code levels >= 2}. */
    public static Evidence compare(Input input, Object value, String operator, Object threshold) {
        return new Evidence(input.jsonName(), json(value), input.unit(), operator, json(threshold), null);
    }

    /** Evidence of a comparison with a named threshold, e.g. {@code bmi >= obesityBmi}. */
    public static Evidence compare(Input input, Object value, String operator, Threshold threshold) {
        return new Evidence(input.jsonName(), json(value), input.unit(), operator, number(threshold.getValue()),
                threshold.getName());
    }

    /** Evidence that a set-valued input contains an element. */
    public static Evidence includes(Input input, Object set, Object element) {
        return new Evidence(input.jsonName(), json(set), null, "contains", json(element), null);
    }

    /** Evidence that a set-valued input contains at least one of the elements. */
    public static Evidence includesAny(Input input, Object set, Collection<?> elements) {
        return new Evidence(input.jsonName(), json(set), null, "contains-any", json(elements), null);
    }

    /** Evidence that a set-valued input contains none of the elements. */
    public static Evidence includesNone(Input input, Object set, Collection<?> elements) {
        return new Evidence(input.jsonName(), json(set), null, "contains-none", json(elements), null);
    }

    /** The JSON names of those of the inputs that are unknown for the patient, e.g. for a detail text. */
    public static String unknownInputs(Patient patient, Input... inputs) {
        return Arrays.stream(inputs).filter(i -> !patient.isKnown(i)).map(Input::jsonName)
                .collect(Collectors.joining(", "));
    }

    /** A number as people write it: 30 rather than 30.0, 6.5 as 6.5. */
    public static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** Enum constants as their names, collections as lists of names, numbers and booleans as they are. */
    static Object json(Object value) {
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof Collection<?> c) {
            java.util.List<Object> list = new java.util.ArrayList<>(c.size());
            for (Object o : c) {
                list.add(json(o));
            }
            return java.util.Collections.unmodifiableList(list);
        }
        if (value instanceof Double d) {
            return number(d);
        }
        return value;
    }

    /** Whole doubles become integers so that evidence reads 30, not 30.0. */
    private static Number number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e9) {
            return (int) d;
        }
        return d;
    }

    // The executable model (the pre-built default rule base) hands a consequence its context as
    // org.drools.model.Drools; its implementation is also the RuleContext the methods above take.

    /** {@link #finding(RuleContext)}, in a consequence of the executable model. */
    public static FindingFact finding(org.drools.model.Drools drools) {
        return finding((RuleContext) drools);
    }

    /** {@link #ruleOut(RuleContext, Evidence...)}, in a consequence of the executable model. */
    public static CriterionCheck ruleOut(org.drools.model.Drools drools, Evidence... evidence) {
        return ruleOut((RuleContext) drools, evidence);
    }

    /** {@link #unsettled(RuleContext, Patient, Input...)}, in a consequence of the executable model. */
    public static CriterionCheck unsettled(org.drools.model.Drools drools, Patient patient, Input... inputs) {
        return unsettled((RuleContext) drools, patient, inputs);
    }

    /** {@link #gap(RuleContext, Patient, Input...)}, in a consequence of the executable model. */
    public static PictureGap gap(org.drools.model.Drools drools, Patient patient, Input... inputs) {
        return gap((RuleContext) drools, patient, inputs);
    }
}
