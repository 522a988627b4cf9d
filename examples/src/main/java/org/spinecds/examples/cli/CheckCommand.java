package org.spinecds.examples.cli;

import static org.spinecds.batch.ExitCodes.OK;
import static org.spinecds.batch.ExitCodes.RULES;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import org.spinecds.RuleInfo;
import org.spinecds.RuleLint;
import org.spinecds.RuleLoadException;
import org.spinecds.SpineCds;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Checks a rule set the way {@code assess --rules} loads it, so that a set that loads passes and one
 * that does not fails: by default after the default rules and the {@code --rules} sets, with the
 * {@code --thresholds} files. Then lints its DRL ({@link RuleLint}).
 */
@Command(name = "check",
        description = "Check the rule set at PATH (a .drl file or a rule directory) as assess --rules PATH "
                + "loads it: after the default rules and any --rules sets, with any --thresholds files. Prints "
                + "file:line:column: message for each problem and file:line: warning: ... for each call a rule "
                + "must not make (exit, files, sockets, threads, printing), then a summary.")
final class CheckCommand extends EngineCommand {
    @Parameters(paramLabel = "PATH", description = "A .drl file or a rule directory.")
    Path path;

    @Option(names = "--standalone",
            description = "Check PATH without the default rules, against their catalogues only (e.g. the "
                    + "default rule set's own directory).")
    boolean standalone;

    @Option(names = "--strict", description = "Count warnings as problems: exit 3 if there are any.")
    boolean strict;

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        SpineCds.Builder builder = SpineCds.builder();
        if (standalone) {
            builder.defaultCatalogues();
        } else {
            builder.defaultRules();
        }
        engineOptions.ruleDirs.forEach(builder::rules);
        builder.rules(path);
        engineOptions.thresholdFiles.forEach(builder::thresholds);
        String context = standalone ? "on its own, with the default catalogues" : "after the default rules";
        if (!engineOptions.ruleDirs.isEmpty()) {
            context += " and " + engineOptions.ruleDirs.size() + " --rules set" + (engineOptions.ruleDirs.size() == 1
                    ? "" : "s");
        }

        List<RuleLoadException.Problem> problems = List.of();
        SpineCds engine = null;
        try {
            engine = builder.build();
        } catch (RuleLoadException e) {
            problems = e.problems();
        }
        List<RuleLint.Warning> warnings = lint();
        problems.forEach(err::println);
        warnings.forEach(err::println);
        err.flush();

        String counts = count(problems.size(), "problem") + ", " + count(warnings.size(), "warning");
        if (engine == null) {
            err.printf("%s: %s (checked %s)%n", path, counts, context);
            err.flush();
            return RULES;
        }
        String own = path.toString();
        long ownRules = engine.rules().stream().map(RuleInfo::ruleSet).filter(own::equals).count();
        out.printf("%s: OK, %s; %d of its rules in force, %d in all (checked %s)%n", path, counts, ownRules,
                engine.knowledgeBase().ruleCount(), context);
        out.flush();
        return strict && !warnings.isEmpty() ? RULES : OK;
    }

    /** The lint of PATH; a path that cannot be read gives no warnings, as loading has reported it. */
    private List<RuleLint.Warning> lint() {
        try {
            return RuleLint.lint(path);
        } catch (RuleLoadException e) {
            return List.of();
        }
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
