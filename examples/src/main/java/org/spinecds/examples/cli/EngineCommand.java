package org.spinecds.examples.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine;

/**
 * A subcommand that runs the engine: the options that choose the rule base ({@link EngineOptions}),
 * shared by every such command, its {@code --help} and {@code --version} (a subclass's {@code @Command}
 * inherits {@code mixinStandardHelpOptions} from this one), and the command's output streams.
 */
@CommandLine.Command(mixinStandardHelpOptions = true)
abstract class EngineCommand implements Callable<Integer> {

    @CommandLine.Mixin
    EngineOptions engineOptions = new EngineOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A usage error (exit 2) with {@code message}, shown with the command's usage hint. */
    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
