package org.spinecds.examples.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.spinecds.SpineCds;

import picocli.CommandLine.Option;

/** The options that choose the rule base: site rule sets and threshold overrides beside the defaults. */
final class EngineOptions {
    @Option(names = "--rules", paramLabel = "DIR",
            description = "A DRL file or rule directory to load after the default rules (repeatable).")
    List<Path> ruleDirs = new ArrayList<>();

    @Option(names = "--thresholds", paramLabel = "FILE", description = "A threshold-override file (repeatable).")
    List<Path> thresholdFiles = new ArrayList<>();

    SpineCds engine() {
        if (ruleDirs.isEmpty() && thresholdFiles.isEmpty()) {
            return SpineCdsCli.defaultEngine();
        }
        SpineCds.Builder builder = SpineCds.builder().defaultRules();
        ruleDirs.forEach(builder::rules);
        thresholdFiles.forEach(builder::thresholds);
        return builder.build();
    }
}
