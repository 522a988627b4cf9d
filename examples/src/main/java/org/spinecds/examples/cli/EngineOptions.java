package org.spinecds.examples.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.spinecds.SpineCds;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options that choose the rule base (site rule sets and threshold overrides beside the defaults)
 * and bound each assessment in time.
 */
final class EngineOptions {
    @Option(names = "--rules", paramLabel = "DIR",
            description = "A DRL file or rule directory to load after the default rules (repeatable).")
    List<Path> ruleDirs = new ArrayList<>();

    @Option(names = "--thresholds", paramLabel = "FILE", description = "A threshold-override file (repeatable).")
    List<Path> thresholdFiles = new ArrayList<>();

    @Option(names = "--time-limit", paramLabel = "TIME", converter = TimeLimit.class,
            description = "The longest one assessment may take, e.g. 500ms, 10s or 2m (from 1ms to 10m; default: "
                    + "10s). A patient whose rules run longer fails with exit code 3 (in batch, an error record).")
    Duration timeLimit;

    SpineCds engine() {
        if (ruleDirs.isEmpty() && thresholdFiles.isEmpty() && timeLimit == null) {
            return SpineCdsCli.defaultEngine();
        }
        SpineCds.Builder builder = SpineCds.builder().defaultRules();
        ruleDirs.forEach(builder::rules);
        thresholdFiles.forEach(builder::thresholds);
        if (timeLimit != null) {
            builder.assessmentTimeLimit(timeLimit);
        }
        return builder.build();
    }

    /** Reads {@code 500ms}, {@code 10s}, {@code 2m}: a whole number and a unit, within the engine's bounds. */
    static final class TimeLimit implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})(ms|s|m)");

        @Override
        public Duration convert(String value) {
            Matcher m = FORMAT.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a time: give a whole number "
                        + "and ms, s or m, e.g. 500ms or 10s");
            }
            long n = Long.parseLong(m.group(1));
            Duration limit = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMinutes(n);
            };
            try {
                SpineCds.builder().assessmentTimeLimit(limit);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "': must be from 1ms to "
                        + SpineCds.MAX_ASSESSMENT_TIME_LIMIT.toMinutes() + "m");
            }
            return limit;
        }
    }
}
