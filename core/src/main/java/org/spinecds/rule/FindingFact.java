package org.spinecds.rule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.kie.api.definition.rule.Rule;
import org.spinecds.Category;
import org.spinecds.CriterionStatus;
import org.spinecds.Evidence;
import org.spinecds.Finding;
import org.spinecds.Severity;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;

/**
 * What a rule found, as a fact in working memory. A rule's consequence creates one with
 * {@link RuleKit#finding} (which reads the rule's {@code @code}, {@code @criterion},
 * {@code @category} and {@code @severity}), describes it with the fluent methods below, and
 * inserts it with {@code insertLogical}, so that it is withdrawn if its reasons stop holding.
 * Other rules can match it: {@code FindingFact(category == Category.RED_FLAG)}.
 *
 * <p>A candidacy finding also carries the status it gives its criterion ({@link #met()},
 * {@link #notMet()} or {@link #unknown(Patient, Input...)}); an UNKNOWN one names the inputs to collect.
 *
 * <p>The engine turns it into an immutable {@link Finding} once the rules have run.
 */
public final class FindingFact {

    private final Rule rule;
    private final String code;
    private final String criterion;
    private final Category category;
    private final Severity severity;
    private CriterionStatus status;
    private String summary;
    private String detail;
    private final List<Evidence> evidence = new ArrayList<>(4);
    /** The inputs to collect; null until there is one (most findings have none). */
    private List<String> toCollect;
    /** For each input to collect, the criteria its value would settle; null until there is one. */
    private Map<String, Set<String>> settles;
    private String action;

    FindingFact(Rule rule, String code, String criterion, Category category, Severity severity) {
        this.rule = rule;
        this.code = code;
        this.criterion = criterion;
        this.category = category;
        this.severity = severity;
    }

    /** One line for the clinician, under 140 characters. */
    public FindingFact summary(String summary) {
        if (summary.length() > Finding.MAX_SUMMARY_LENGTH) {
            throw new IllegalArgumentException("summary of rule \"" + rule.getName() + "\" is "
                    + summary.length() + " characters; at most " + Finding.MAX_SUMMARY_LENGTH + " are allowed");
        }
        this.summary = summary;
        return this;
    }

    /**
     * The explanation, formatted as {@link String#format} does in the root locale. The plain
     * {@code %s}, {@code %d} and {@code %%} that rules use are substituted directly, as this runs at
     * every firing; any other format goes to {@link String#format}.
     */
    public FindingFact detail(String format, Object... args) {
        this.detail = args.length == 0 ? format : format(format, args);
        return this;
    }

    static String format(String format, Object... args) {
        StringBuilder out = new StringBuilder(format.length() + 16 * args.length);
        int next = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            char conversion = i + 1 < format.length() ? format.charAt(i + 1) : ' ';
            if (conversion == '%') {
                out.append('%');
            } else if ((conversion == 's' || conversion == 'd' && isInteger(next < args.length ? args[next] : null))
                    && next < args.length) {
                out.append(args[next++]);
            } else {
                return String.format(Locale.ROOT, format, args);
            }
            i++;
        }
        if (next != args.length) {
            return String.format(Locale.ROOT, format, args);
        }
        return out.toString();
    }

    private static boolean isInteger(Object arg) {
        return arg instanceof Integer || arg instanceof Long || arg instanceof Short || arg instanceof Byte;
    }

    public FindingFact evidence(Evidence... items) {
        Collections.addAll(evidence, items);
        return this;
    }

    /** Adds the evidence of other findings, e.g. those a derived finding rests on. */
    public FindingFact evidenceOf(FindingFact... findings) {
        for (FindingFact f : findings) {
            evidence.addAll(f.evidence);
        }
        return this;
    }

    /** What to do about the finding. */
    public FindingFact action(String action) {
        this.action = action;
        return this;
    }

    /** Marks a candidacy finding as meeting its criterion. */
    public FindingFact met() {
        this.status = CriterionStatus.MET;
        return this;
    }

    /** Marks a candidacy finding as failing its criterion. */
    public FindingFact notMet() {
        this.status = CriterionStatus.NOT_MET;
        return this;
    }

    /**
     * Marks a candidacy finding as leaving its criterion undecided, and names the inputs to collect:
     * those of the given inputs that are unknown for this patient.
     */
    public FindingFact unknown(Patient patient, Input... inputs) {
        this.status = CriterionStatus.UNKNOWN;
        for (Input input : inputs) {
            if (!patient.isKnown(input)) {
                collect(input.jsonName(), criterion);
            }
        }
        return this;
    }

    /**
     * Marks a candidacy finding as leaving its criterion undecided although the given inputs are
     * recorded: what they say does not settle it (a radiculopathy without its structural cause), so
     * they are named to be completed.
     */
    public FindingFact incomplete(Input... inputs) {
        this.status = CriterionStatus.UNKNOWN;
        for (Input input : inputs) {
            collect(input.jsonName(), criterion);
        }
        return this;
    }

    /**
     * Marks a finding as leaving its criterion undecided because of unsettled criteria (collected
     * {@link CriterionCheck}s), and names their inputs to collect, each with the criterion it settles.
     */
    public FindingFact unknownFrom(Collection<?> checks) {
        this.status = CriterionStatus.UNKNOWN;
        List<CriterionCheck> sorted = new ArrayList<>(checks.size());
        for (Object o : checks) {
            sorted.add((CriterionCheck) o);
        }
        sorted.sort(java.util.Comparator.comparing(CriterionCheck::getCriterion, CriterionOrder.INSTANCE));
        for (CriterionCheck c : sorted) {
            for (String input : c.getInputs()) {
                collect(input, c.getCriterion());
            }
        }
        return this;
    }

    private void collect(String input, String settledCriterion) {
        if (toCollect == null) {
            toCollect = new ArrayList<>(2);
            settles = new LinkedHashMap<>(4);
        }
        if (!toCollect.contains(input)) {
            toCollect.add(input);
        }
        settles.computeIfAbsent(input, i -> new LinkedHashSet<>(2)).add(settledCriterion);
    }

    /**
     * Findings (e.g. collected by a rule) in a fixed order, by code, summary and detail, so that what
     * a consequence builds from several findings does not depend on the order the engine matched them.
     */
    public static List<FindingFact> sorted(Collection<?> findings) {
        List<FindingFact> out = new ArrayList<>(findings.size());
        for (Object o : findings) {
            out.add((FindingFact) o);
        }
        out.sort(java.util.Comparator.comparing(FindingFact::getCode)
                .thenComparing(f -> f.summary == null ? "" : f.summary)
                .thenComparing(f -> f.detail == null ? "" : f.detail));
        return out;
    }

    public Rule getRule() { return rule; }
    public String getCode() { return code; }
    public String getCriterion() { return criterion; }
    public Category getCategory() { return category; }
    public Severity getSeverity() { return severity; }
    /** The status this finding gives its candidacy criterion, or {@code null} for other findings. */
    public CriterionStatus getStatus() { return status; }
    public String getSummary() { return summary; }
    public String getDetail() { return detail; }
    public List<Evidence> getEvidence() { return Collections.unmodifiableList(evidence); }
    public List<String> getToCollect() { return toCollect == null ? List.of() : Collections.unmodifiableList(toCollect); }
    /** The criteria that an input to collect would settle. */
    public Set<String> getSettles(String input) { return settles == null ? Set.of() : settles.getOrDefault(input, Set.of()); }
    public String getAction() { return action; }

    @Override
    public String toString() {
        return code + (status == null ? "" : " " + status);
    }
}
