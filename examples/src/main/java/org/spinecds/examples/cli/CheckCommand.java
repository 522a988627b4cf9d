package org.spinecds.examples.cli;

import static org.spinecds.examples.cli.SpineCdsCli.OK;
import static org.spinecds.examples.cli.SpineCdsCli.RULES;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.spinecds.RuleLoadException;
import org.spinecds.SpineCds;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Compile and check the DRL files at PATH (a file or a directory) against the default "
                + "catalogues, printing file:line:column: message for each problem.")
final class CheckCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", description = "A .drl file or a directory of them.")
    Path path;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            SpineCds engine = SpineCds.builder().defaultCatalogues().rules(path).build();
            out.printf("%s: OK, %d rules%n", path, engine.knowledgeBase().ruleCount());
            out.flush();
            return OK;
        } catch (RuleLoadException e) {
            PrintWriter err = spec.commandLine().getErr();
            e.problems().forEach(err::println);
            err.printf("%s: %d problem%s%n", path, e.problems().size(), e.problems().size() == 1 ? "" : "s");
            err.flush();
            return RULES;
        }
    }
}
