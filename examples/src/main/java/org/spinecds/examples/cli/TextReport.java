package org.spinecds.examples.cli;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.spinecds.Assessment;
import org.spinecds.Category;
import org.spinecds.CriterionResult;
import org.spinecds.Evidence;
import org.spinecds.Finding;
import org.spinecds.OverriddenVerdict;
import org.spinecds.Severity;
import org.spinecds.Source;
import org.spinecds.rule.RuleKit;

/**
 * An assessment as a report a clinician reads top-down: the verdict and why, what it overrode, the
 * candidacy checklist, the inputs to collect, then the findings grouped by category with their
 * evidence and sources.
 */
final class TextReport {

    private TextReport() {
    }

    static String render(Assessment a) {
        StringBuilder s = new StringBuilder();
        s.append("SpineCDS assessment\n");
        s.append("===================\n\n");
        s.append("VERDICT: ").append(a.verdict().title()).append(" (").append(a.verdict()).append(")\n\n");
        s.append("Why:\n");
        for (Finding f : a.decidedBy()) {
            s.append("  - ").append(f.summary()).append(" [").append(f.code()).append(", ").append(f.criterion())
                    .append("]\n");
        }
        if (!a.overridden().isEmpty()) {
            s.append("\nAlso proposed, but outranked:\n");
            for (OverriddenVerdict o : a.overridden()) {
                s.append("  - ").append(o.verdict().title()).append(" (").append(o.verdict()).append(") from ")
                        .append(String.join(", ", o.findingCodes())).append(": ").append(o.reason()).append('\n');
            }
        }

        s.append("\nCandidacy checklist (all must be MET for a minimally invasive candidate)\n");
        for (CriterionResult c : a.criteria()) {
            s.append(String.format("  %-9s %-7s %s%n", "[" + c.status() + "]", c.id(), c.title()));
            for (Evidence e : c.decidedBy()) {
                s.append("                    ").append(evidence(e)).append('\n');
            }
            if (!c.toCollect().isEmpty()) {
                s.append("                    collect: ").append(String.join(", ", c.toCollect())).append('\n');
            }
        }
        if (!a.missingInputs().isEmpty()) {
            s.append("\nInputs to collect: ").append(String.join(", ", a.missingInputs())).append('\n');
        }

        Map<Category, List<Finding>> byCategory = a.findings().stream()
                .filter(f -> f.category() != Category.CANDIDACY)
                .collect(Collectors.groupingBy(Finding::category, () -> new java.util.EnumMap<>(Category.class),
                        Collectors.toList()));
        for (Map.Entry<Category, List<Finding>> group : byCategory.entrySet()) {
            String heading = group.getKey().title();
            s.append('\n').append(heading).append('\n').append("-".repeat(heading.length())).append('\n');
            for (Finding f : group.getValue()) {
                finding(s, f);
            }
        }

        var kb = a.knowledgeBase();
        s.append("\nRule base ").append(kb.name()).append(' ').append(kb.version()).append(", ")
                .append(kb.ruleCount()).append(" rules, generation ").append(kb.generation()).append(", sha256 ")
                .append(kb.sha256()).append('\n');
        kb.replaced().forEach(r -> s.append("  site: ").append(r.code()).append(" replaced by \"").append(r.byRule())
                .append("\" (").append(r.file()).append(")\n"));
        kb.disabled().forEach(c -> s.append("  site: ").append(c).append(" disabled\n"));
        kb.thresholdOverrides().forEach(o -> s.append("  site: threshold ").append(o.name()).append(" = ")
                .append(RuleKit.plain(o.value())).append(' ').append(o.unit()).append(" (default ")
                .append(RuleKit.plain(o.defaultValue())).append(", ").append(o.file()).append(")\n"));
        s.append("Assessed at ").append(a.assessedAt()).append('\n');
        s.append("\nThis assessment supports the clinician's decision; it does not make it.\n");
        return s.toString();
    }

    private static void finding(StringBuilder s, Finding f) {
        s.append(marker(f.severity())).append(' ').append(f.summary()).append('\n');
        s.append("    ").append(f.code()).append(" (").append(f.criterion()).append(", ").append(f.severity())
                .append(")\n");
        s.append("    ").append(f.detail()).append('\n');
        for (Evidence e : f.evidence()) {
            s.append("    evidence: ").append(evidence(e)).append('\n');
        }
        if (f.action() != null) {
            s.append("    action: ").append(f.action()).append('\n');
        }
        for (Source src : f.sources()) {
            s.append("    source: ").append(src.id()).append(", ").append(src.citation()).append('\n');
        }
        s.append("    rule: \"").append(f.rule().name()).append("\" in ").append(f.rule().file()).append('\n');
    }

    private static String evidence(Evidence e) {
        String unit = e.unit() == null ? "" : " " + e.unit();
        String value = e.value() == null ? "unknown" : e.value() + unit;
        String named = e.thresholdName() == null ? "" : " (" + e.thresholdName() + ")";
        if (e.operator().equals("==") && java.util.Objects.equals(e.value(), e.threshold())) {
            return e.input() + " = " + value;
        }
        return e.input() + " = " + value + "; " + e.operator() + " " + e.threshold()
                + (e.threshold() == null || e.operator().startsWith("contains") || e.operator().equals("==")
                        ? "" : unit) + named;
    }

    private static String marker(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "  !!";
            case WARNING -> "  ! ";
            case INFO -> "  - ";
        };
    }
}
