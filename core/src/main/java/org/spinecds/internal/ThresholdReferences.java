package org.spinecds.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * The thresholds a DRL file's rules name, found on the parsed rules (Drools' {@code DrlParser}
 * descriptors) rather than in the file's text: read through the global, {@code thresholds.value("name")}
 * or {@code thresholds.get("name")}, in a constraint, a {@code from}, an {@code eval}, an accumulate or a
 * consequence; or matched as a fact, every text literal of a {@code Threshold( ... )} constraint that
 * tests its {@code name} ({@code name == "x"}, {@code "x" == name}, {@code name in ("x", "y")}).
 * Comments are not code: a comment that names a threshold names none.
 */
final class ThresholdReferences {

    /**
     * A threshold named by a rule, at its 1-based line and column in the file; {@code name} is
     * {@code null} where the global is read with an argument other than one text literal, whose name
     * cannot be checked when the rules load.
     */
    record Reference(String rule, String name, int line, int column) {
    }

    /** A code fragment of a rule and where it starts in the file. */
    private record Code(String text, int offset) {
    }

    /** A read through the global; group 1 is the name when the argument is one text literal, else absent. */
    private static final Pattern THROUGH_GLOBAL = Pattern.compile(
            "\\bthresholds\\s*\\.\\s*(?:value|get)\\s*\\((?:\\s*\"([^\"\\\\]*)\"\\s*\\))?");
    private static final Pattern TEXT_LITERAL = Pattern.compile("\"([^\"\\\\]*)\"");
    private static final Pattern NAME_FIELD = Pattern.compile("(?<![\\w.$])name\\b");

    private ThresholdReferences() {
    }

    /**
     * Every threshold the rules of a DRL text name, in the order they stand in the file; none when the
     * text does not parse (compiling it reports why).
     */
    static List<Reference> of(String drl) {
        PackageDescr descr = DrlLint.parse(drl);
        if (descr == null) {
            return List.of();
        }
        int[] lineStarts = DrlLint.lineStarts(drl);
        List<Reference> refs = new ArrayList<>();
        for (RuleDescr rule : descr.getRules()) {
            int ruleStart = Math.max(rule.getStartCharacter(), 0);
            List<Code> code = new ArrayList<>();
            List<Code> thresholdConstraints = new ArrayList<>();
            if (rule.getLhs() != null) {
                walk(rule.getLhs(), drl, ruleStart, code, thresholdConstraints);
            }
            if (rule.getConsequence() instanceof String then) {
                code.add(locate(drl, then, ruleStart));
            }
            for (Object named : rule.getNamedConsequences().values()) {
                if (named instanceof String then) {
                    code.add(locate(drl, then, ruleStart));
                }
            }
            for (Code c : code) {
                find(THROUGH_GLOBAL, c, drl, lineStarts, rule.getName(), refs);
            }
            for (Code c : thresholdConstraints) {
                if (NAME_FIELD.matcher(blankLiterals(withoutComments(c.text()))).find()) {
                    find(TEXT_LITERAL, c, drl, lineStarts, rule.getName(), refs);
                }
            }
        }
        refs.sort(Comparator.comparingInt(Reference::line).thenComparingInt(Reference::column));
        return List.copyOf(refs);
    }

    /** Collects the code of a condition: constraints, {@code from} sources, evals, accumulates, nested patterns. */
    private static void walk(BaseDescr d, String drl, int from, List<Code> code, List<Code> thresholdConstraints) {
        int start = d.getStartCharacter() >= 0 ? d.getStartCharacter() : from;
        if (d instanceof PatternDescr p) {
            boolean threshold = "Threshold".equals(p.getObjectType())
                    || "org.spinecds.rule.Threshold".equals(p.getObjectType());
            for (BaseDescr c : p.getDescrs()) {
                if (c instanceof ExprConstraintDescr e) {
                    Code at = locate(drl, e.getExpression(), c.getStartCharacter() >= 0 ? c.getStartCharacter() : start);
                    code.add(at);
                    if (threshold) {
                        thresholdConstraints.add(at);
                    }
                } else {
                    walk(c, drl, start, code, thresholdConstraints);
                }
            }
            if (p.getSource() != null) {
                walk(p.getSource(), drl, start, code, thresholdConstraints);
            }
        } else if (d instanceof FromDescr f && f.getDataSource() != null) {
            code.add(locate(drl, f.getDataSource().getText(), from));
        } else if (d instanceof CollectDescr c && c.getInputPattern() != null) {
            walk(c.getInputPattern(), drl, start, code, thresholdConstraints);
        } else if (d instanceof AccumulateDescr a) {
            if (a.getInput() != null) {
                walk(a.getInput(), drl, start, code, thresholdConstraints);
            }
            for (String part : new String[] {a.getInitCode(), a.getActionCode(), a.getReverseCode(), a.getResultCode()}) {
                if (part != null) {
                    code.add(locate(drl, part, start));
                }
            }
            for (AccumulateDescr.AccumulateFunctionCallDescr call : a.getFunctions()) {
                for (String param : call.getParams()) {
                    code.add(locate(drl, param, start));
                }
            }
        } else if (d instanceof EvalDescr e && e.getContent() != null) {
            code.add(locate(drl, e.getContent().toString(), start));
        } else if (d instanceof ConditionalElementDescr ce) {
            for (BaseDescr c : ce.getDescrs()) {
                walk(c, drl, start, code, thresholdConstraints);
            }
        }
    }

    /** A fragment and its offset in the file, searched from {@code from} (-1 when the parser reshaped it). */
    private static Code locate(String drl, String text, int from) {
        return new Code(text, drl.indexOf(text, Math.max(from, 0)));
    }

    private static void find(Pattern pattern, Code c, String drl, int[] lineStarts, String rule, List<Reference> refs) {
        Matcher m = pattern.matcher(withoutComments(c.text()));
        while (m.find()) {
            int offset = c.offset() >= 0 ? c.offset() + (m.group(1) != null ? m.start(1) : m.start()) : -1;
            int line = offset >= 0 ? DrlLint.lineOf(lineStarts, offset) : 0;
            int column = offset >= 0 ? offset - lineStarts[line - 1] + 1 : 0;
            refs.add(new Reference(rule, m.group(1), line, column));
        }
    }

    /** The code with its comments blanked (text literals kept), offsets and line breaks unchanged. */
    static String withoutComments(String code) {
        StringBuilder out = new StringBuilder(code);
        int n = code.length();
        int i = 0;
        while (i < n) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && code.charAt(j) != c) {
                    j += code.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
            } else if (c == '/' && i + 1 < n && (code.charAt(i + 1) == '/' || code.charAt(i + 1) == '*')) {
                int end = code.charAt(i + 1) == '/' ? code.indexOf('\n', i) : code.indexOf("*/", i + 2);
                end = end < 0 ? n : code.charAt(i + 1) == '/' ? end : end + 2;
                for (int k = i; k < end; k++) {
                    if (code.charAt(k) != '\n') {
                        out.setCharAt(k, ' ');
                    }
                }
                i = end;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    private static String blankLiterals(String code) {
        return DrlLint.stripLiteralsAndComments(code);
    }
}
