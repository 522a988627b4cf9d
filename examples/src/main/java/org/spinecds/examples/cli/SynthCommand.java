package org.spinecds.examples.cli;

import static org.spinecds.batch.ExitCodes.OK;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Write a reproducible synthetic cohort: one patient JSON per line, every verdict "
                + "represented, some inputs unknown, about 1%% of the lines invalid.")
final class SynthCommand implements Callable<Integer> {
    @Option(names = "--count", paramLabel = "N", required = true, description = "Number of lines.")
    long count;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: 1).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write (default: standard output).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (count < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--count must not be negative");
        }
        try (java.io.Writer writer = out == null ? new java.io.BufferedWriter(spec.commandLine().getOut())
                : java.nio.file.Files.newBufferedWriter(out, java.nio.charset.StandardCharsets.UTF_8)) {
            org.spinecds.batch.SyntheticCohort.write(writer, count, seed);
        }
        return OK;
    }
}
