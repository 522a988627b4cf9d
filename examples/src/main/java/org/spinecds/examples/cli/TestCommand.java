package org.spinecds.examples.cli;

import static org.spinecds.batch.ExitCodes.OK;
import static org.spinecds.examples.cli.SpineCdsCli.SCENARIOS_FAILED;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.spinecds.RuleInfo;
import org.spinecds.SpineCds;
import org.spinecds.testkit.Scenarios;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "test",
        description = "Run every scenario file under PATH, print each failure with what was expected and what "
                + "came, for a directory list the rules no scenario made fire (with --rules, those of the --rules "
                + "sets), and end with the line 'N passed, N failed'.")
final class TestCommand extends EngineCommand {
    @Parameters(paramLabel = "PATH", description = "A scenario file or a directory of them.")
    Path path;

    @Override
    public Integer call() throws IOException {
        if (!java.nio.file.Files.exists(path)) {
            throw new java.nio.file.NoSuchFileException(path.toString()); // exit 6, naming the path
        }
        SpineCds engine = engineOptions.engine();
        Scenarios.Report report = Scenarios.run(engine, path);
        PrintWriter out = out();
        for (Scenarios.Result r : report.results()) {
            if (!r.passed()) {
                out.printf("FAILED %s: %s%n", r.file(), r.name());
                r.differences().forEach(d -> out.printf("  %s%n", d));
            }
        }
        // which rules a suite leaves untested is a question for a folder of scenarios, not for one file
        List<RuleInfo> unfired = java.nio.file.Files.isDirectory(path) ? ownUnfired(report) : List.of();
        if (!unfired.isEmpty()) {
            out.printf("%s no scenario made fire (%d): %s%n", engineOptions.ruleDirs.isEmpty() ? "Rules"
                    : "Rules of the --rules sets", unfired.size(),
                    unfired.stream().map(RuleInfo::code).collect(Collectors.joining(", ")));
        }
        out.printf("%d passed, %d failed%n", report.passed(), report.failed());
        out.flush();
        return report.failed() == 0 ? OK : SCENARIOS_FAILED;
    }

    /**
     * The unfired rules a rule author can act on: with {@code --rules}, those of the site's own sets
     * (a site's scenarios need not make every default rule fire); without, the default rules'.
     */
    private List<RuleInfo> ownUnfired(Scenarios.Report report) {
        if (engineOptions.ruleDirs.isEmpty()) {
            return report.unfiredRules();
        }
        Set<String> own = engineOptions.ruleDirs.stream().map(Path::toString).collect(Collectors.toSet());
        return report.unfiredRules().stream().filter(r -> own.contains(r.ruleSet())).toList();
    }
}
