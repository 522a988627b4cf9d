package org.spinecds.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.definition.rule.Rule;
import org.spinecds.Category;
import org.spinecds.Severity;

/**
 * A rule's SpineCDS metadata: {@code @code}, {@code @criterion}, {@code @source} (comma-separated
 * catalogue ids; without it, the criterion's sources in the criteria catalogue), {@code @category}, {@code @severity}, and for a site rule that replaces a rule of an
 * earlier rule set, {@code @replaces} (the code it replaces). Category {@code derivation} marks a rule that
 * derives an intermediate fact (a classification, a verdict proposal) and records no finding; it
 * needs no severity.
 */
public record RuleMeta(String code, String criterion, Category category, Severity severity,
                       List<String> sources, boolean derivation, String replaces, List<String> problems) {

    public static final String DERIVATION_CATEGORY = "derivation";

    /**
     * The metadata a finding needs at run time (code, criterion, category, severity), read without
     * the checks and the source list: rules load only after {@link #of} found their metadata sound.
     */
    public static RuleMeta forFinding(Rule rule) {
        String categoryId = text(meta(rule, "category"));
        return new RuleMeta(text(meta(rule, "code")), text(meta(rule, "criterion")),
                Category.byId(categoryId).orElse(null), Severity.byId(text(meta(rule, "severity"))).orElse(null),
                List.of(), DERIVATION_CATEGORY.equals(categoryId), null, List.of());
    }

    /** One metadata value, read without the map view that {@link Rule#getMetaData()} makes at every call. */
    private static Object meta(Rule rule, String key) {
        return rule instanceof RuleImpl r ? r.getMetaData(key) : rule.getMetaData().get(key);
    }

    public static RuleMeta of(Rule rule) {
        Map<String, Object> md = rule.getMetaData();
        List<String> problems = new ArrayList<>();
        String code = text(md, "code");
        String criterion = text(md, "criterion");
        String sourceList = text(md, "source");
        String categoryId = text(md, "category");
        String severityId = text(md, "severity");
        if (code == null) {
            problems.add("missing @code");
        }
        if (criterion == null) {
            problems.add("missing @criterion");
        }
        List<String> sources = sourceList == null ? List.of()
                : Arrays.stream(sourceList.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (sources.isEmpty() && criterion == null) {
            // with a criterion, the sources default to the criterion's (the loader reads them from the catalogue)
            problems.add("missing @source");
        }
        boolean derivation = DERIVATION_CATEGORY.equals(categoryId);
        Category category = null;
        Severity severity = null;
        if (categoryId == null) {
            problems.add("missing @category");
        } else if (!derivation) {
            category = Category.byId(categoryId).orElse(null);
            if (category == null) {
                problems.add("unknown @category(" + categoryId + "); expected one of "
                        + Arrays.toString(Category.values()) + " or " + DERIVATION_CATEGORY);
            }
            if (severityId == null) {
                problems.add("missing @severity");
            } else {
                severity = Severity.byId(severityId).orElse(null);
                if (severity == null) {
                    problems.add("unknown @severity(" + severityId + "); expected one of "
                            + Arrays.toString(Severity.values()));
                }
            }
        }
        return new RuleMeta(code, criterion, category, severity, sources, derivation, text(md, "replaces"),
                List.copyOf(problems));
    }

    private static String text(Map<String, Object> md, String key) {
        return text(md.get(key));
    }

    private static String text(Object v) {
        if (v == null) {
            return null;
        }
        String s = v.toString().trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1).trim();
        }
        return s.isEmpty() ? null : s;
    }
}
