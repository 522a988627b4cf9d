package org.spinecds.examples.cli;

import static org.spinecds.batch.ExitCodes.OK;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.spinecds.RuleInfo;
import org.spinecds.SpineCds;
import org.spinecds.rule.RuleKit;
import org.spinecds.rule.Threshold;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rules",
        description = "List the rules in force (code, criterion, category, severity, sources, file) and the "
                + "thresholds; as markdown, the traceability table of docs/rules.md.")
final class RulesCommand extends EngineCommand {
    enum Format { text, markdown }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or markdown. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--scenarios", paramLabel = "DIR",
            description = "With markdown: the scenarios whose runs name, for each rule, the scenarios that make it fire.")
    Path scenarios;

    @Override
    public Integer call() throws IOException {
        SpineCds engine = engineOptions.engine();
        PrintWriter out = out();
        if (format == Format.markdown) {
            out.print(RuleCatalogue.markdown(engine, scenarios));
            out.flush();
            return OK;
        }
        var kb = engine.knowledgeBase();
        out.printf("Rule base %s %s: %d rules, sha256 %s, %s%n", kb.name(), kb.version(), kb.ruleCount(), kb.sha256(),
                kb.prebuilt() ? "pre-built" : "compiled from DRL");
        kb.replaced().forEach(r -> out.printf("  %s replaced by %s (\"%s\", %s)%n", r.code(), r.byCode(), r.byRule(),
                r.file()));
        kb.disabled().forEach(c -> out.printf("  %s disabled%n", c));
        out.printf("%n%-34s %-13s %-15s %-9s %-30s %s%n", "CODE", "CRITERION", "CATEGORY", "SEVERITY", "SOURCES", "FILE");
        for (RuleInfo r : engine.rules()) {
            out.printf("%-34s %-13s %-15s %-9s %-30s %s%n", r.code(), r.criterion(),
                    r.category() == null ? "(derivation)" : r.category().id(),
                    r.severity() == null ? "-" : r.severity().id(),
                    r.sources().stream().map(s -> s.id()).collect(Collectors.joining(",")), r.rule().file());
        }
        out.printf("%nThresholds%n%-26s %8s %-17s %-9s %-12s %s%n", "NAME", "VALUE", "UNIT", "CRITERION",
                "PLAUSIBLE", "SOURCES");
        for (Threshold t : engine.thresholds()) {
            boolean site = kb.thresholdOverrides().stream().anyMatch(o -> o.name().equals(t.getName()));
            out.printf("%-26s %8s %-17s %-9s %-12s %s%s%n", t.getName(), RuleKit.plain(t.getValue()),
                    t.getUnit() == null ? "-" : t.getUnit(), t.getCriterion(),
                    RuleKit.plain(t.getMin()) + "-" + RuleKit.plain(t.getMax()), String.join(",", t.getSources()),
                    site ? "  (site override)" : "");
        }
        out.flush();
        return OK;
    }
}
