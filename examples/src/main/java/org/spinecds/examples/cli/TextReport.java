package org.spinecds.examples.cli;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.spinecds.Assessment;
import org.spinecds.Category;
import org.spinecds.CriterionResult;
import org.spinecds.CriterionStatus;
import org.spinecds.Evidence;
import org.spinecds.Finding;
import org.spinecds.MissingInput;
import org.spinecds.OverriddenVerdict;
import org.spinecds.Severity;
import org.spinecds.Source;
import org.spinecds.Verdict;
import org.spinecds.patient.Input;
import org.spinecds.rule.RuleKit;

/**
 * An assessment as a report a clinician reads top-down: the verdict, what it means and why; for
 * INSUFFICIENT_INFORMATION the verdicts still possible and the inputs that would settle them, in
 * verdict order; apart, the inputs that would complete the risk, setting and recovery picture; what
 * the verdict outranked; the candidacy checklist; then the findings grouped by category with their
 * evidence, actions and sources. Every number in it comes from the assessment (the patient's values
 * and the thresholds in force), none from this class.
 */
final class TextReport {

    private TextReport() {
    }

    /** One line on what each verdict means for the patient, shown under the verdict. */
    static String meaning(Verdict verdict) {
        return switch (verdict) {
            case URGENT_EVALUATION -> "A red flag of cauda equina syndrome or of a progressing neurological "
                    + "deficit, or a suspected serious spinal pathology: evaluate urgently as the action says; "
                    + "elective surgery is not the question until this is settled.";
            case OUTSIDE_SCOPE -> "These criteria do not apply to this patient (a child or adolescent, no spinal "
                    + "condition they cover, or an ASA class for which elective surgery does not apply), so they give "
                    + "no view on surgery: refer as the finding says.";
            case SURGERY_NOT_INDICATED -> "No condition that minimally invasive spine surgery treats, or no persisting "
                    + "symptoms that the condition explains.";
            case CONSERVATIVE_CARE_FIRST -> "Conservative care has not been tried for the minimum time, or it relieved "
                    + "the symptoms, and nothing waives it: it comes before surgery. The action says when the patient "
                    + "must come back at once.";
            case FURTHER_EVALUATION -> "The work-up is not complete: imaging or the physical examination is not done, "
                    + "or imaging does not pinpoint the cause to a level. Complete it before surgery is decided; "
                    + "opening the spine to find the cause is not a plan.";
            case OPEN_SURGERY_PREFERRED -> "Surgery is indicated, but an open-surgery criterion holds (deformity, "
                    + "complex anatomy, a flagged severe condition, a field hard to see, many levels, a target out of "
                    + "reach of small corridors, or a high-grade slip): open surgery is preferred.";
            case MINIMALLY_INVASIVE_CANDIDATE -> "Every candidacy criterion is met, the open-surgery screen finds "
                    + "nothing, and no verdict above it applies.";
            case INSUFFICIENT_INFORMATION -> "No verdict can be given yet: with what is known, a verdict of the order "
                    + "can neither be confirmed nor excluded. The verdicts still possible and the inputs that would "
                    + "settle them follow; assume none of them.";
        };
    }

    static String render(Assessment a) {
        StringBuilder s = new StringBuilder();
        s.append("SpineCDS assessment\n");
        s.append("===================\n\n");
        Verdict verdict = a.verdict();
        s.append("VERDICT: ").append(title(verdict)).append('\n');
        s.append("  ").append(meaning(verdict)).append('\n');
        if (verdict.isRanked()) {
            s.append("  Verdict ").append(verdict.rank()).append(" of ").append(rankedVerdicts())
                    .append(verdict.rank() == 1 ? " in the verdict order, the first"
                            : " in the verdict order: every verdict above it is excluded")
                    .append(", and it holds whatever the inputs not recorded turn out to be.\n");
        }

        s.append("\nWhy:\n");
        for (Finding f : distinct(a.decidedBy())) {
            s.append("  - ").append(f.summary()).append(" [").append(f.code()).append(", ").append(f.criterion())
                    .append("]\n");
            if (verdict.isRanked() && f.action() != null) {
                s.append("      action: ").append(f.action()).append('\n');
            }
        }

        if (verdict == Verdict.INSUFFICIENT_INFORMATION) {
            s.append("\nVerdicts still possible, in verdict order (the others are excluded by what is known):\n");
            for (Verdict v : a.possibleVerdicts()) {
                s.append("  ").append(v.rank()).append(". ").append(title(v)).append('\n');
            }
            toSettle(s, a.toSettle());
        }
        toComplete(s, a.inputsToComplete(), verdict);

        if (!a.overridden().isEmpty()) {
            s.append("\nAlso holds, but outranked:\n");
            for (OverriddenVerdict o : a.overridden()) {
                s.append("  - ").append(title(o.verdict())).append(" from ")
                        .append(String.join(", ", o.findingCodes())).append(": ").append(o.reason()).append('\n');
            }
        }

        checklist(s, a.criteria());

        Set<String> listedInChecklist = new LinkedHashSet<>();
        for (CriterionResult c : a.criteria()) {
            if (c.status() == CriterionStatus.UNKNOWN) {
                listedInChecklist.addAll(c.findingCodes()); // their inputs are in the checklist and the list above
            }
        }
        Map<Category, List<Finding>> byCategory = a.findings().stream()
                .filter(f -> f.category() != Category.CANDIDACY
                        || (f.severity() != Severity.INFO && !listedInChecklist.contains(f.code())))
                .collect(Collectors.groupingBy(Finding::category, () -> new EnumMap<>(Category.class),
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

    /** The inputs that would settle the verdict, grouped by the verdict whose rank each would settle. */
    private static void toSettle(StringBuilder s, List<MissingInput> inputs) {
        if (inputs.isEmpty()) {
            return;
        }
        s.append("\nInputs to collect, in verdict order:\n");
        Map<Verdict, List<MissingInput>> byVerdict = new EnumMap<>(Verdict.class);
        List<MissingInput> unranked = new ArrayList<>();
        for (MissingInput m : inputs) {
            if (m.verdict() == null) {
                unranked.add(m);
            } else {
                byVerdict.computeIfAbsent(m.verdict(), v -> new ArrayList<>()).add(m);
            }
        }
        byVerdict.forEach((v, list) -> {
            s.append("  to settle ").append(v.rank()).append(". ").append(v.title())
                    .append(v == Verdict.URGENT_EVALUATION ? " (the red-flag screen)" : "").append(":\n");
            list.forEach(m -> input(s, m));
        });
        if (!unranked.isEmpty()) {
            s.append("  to settle the verdict:\n");
            unranked.forEach(m -> input(s, m));
        }
    }

    private static void toComplete(StringBuilder s, List<MissingInput> inputs, Verdict verdict) {
        if (inputs.isEmpty()) {
            return;
        }
        s.append(verdict.isRanked()
                ? "\nNot recorded, to complete the risk, setting and recovery picture (the verdict holds whatever "
                        + "they are):\n"
                : "\nAlso not recorded, to complete the risk, setting and recovery picture:\n");
        inputs.forEach(m -> input(s, m));
    }

    private static void input(StringBuilder s, MissingInput m) {
        s.append("    - ").append(m.input());
        if (!m.criteria().isEmpty()) {
            s.append(" [").append(String.join(", ", m.criteria())).append(']');
        }
        Input.byJsonName(m.input()).ifPresent(i -> s.append(": ").append(i.description()));
        s.append('\n');
    }

    private static void checklist(StringBuilder s, List<CriterionResult> criteria) {
        if (criteria.isEmpty()) {
            return;
        }
        s.append("\nCandidacy checklist, ").append(criteria.get(0).id()).append(" to ")
                .append(criteria.get(criteria.size() - 1).id())
                .append(" (all must be MET for a minimally invasive candidate)\n");
        for (CriterionResult c : criteria) {
            s.append(String.format("  %-9s %-7s %s%n", "[" + c.status() + "]", c.id(), c.title()));
            for (Evidence e : c.decidedBy()) {
                s.append("                    ").append(evidence(e)).append('\n');
            }
            if (!c.toCollect().isEmpty()) {
                s.append("                    collect: ").append(String.join(", ", c.toCollect())).append('\n');
            }
        }
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
        if (e.operator().equals("==") && Objects.equals(e.value(), e.threshold())) {
            return e.input() + " = " + value;
        }
        return e.input() + " = " + value + "; " + e.operator() + " " + e.threshold()
                + (e.threshold() == null || e.operator().startsWith("contains") || e.operator().equals("==")
                        ? "" : unit) + named;
    }

    private static String title(Verdict v) {
        return v.title() + " (" + v + ")";
    }

    private static long rankedVerdicts() {
        return java.util.Arrays.stream(Verdict.values()).filter(Verdict::isRanked).count();
    }

    /** The findings once each, in order: a finding that decided several ranks is listed once. */
    private static List<Finding> distinct(List<Finding> findings) {
        return List.copyOf(new LinkedHashSet<>(findings));
    }

    private static String marker(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "  !!";
            case WARNING -> "  ! ";
            case INFO -> "  - ";
        };
    }
}
