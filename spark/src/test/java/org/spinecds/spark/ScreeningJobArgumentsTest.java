package org.spinecds.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.spinecds.batch.ExitCodes;

import picocli.CommandLine.ParameterException;

/** The job's command line: its options, the messages naming a bad one, and the exit codes (no Spark started). */
class ScreeningJobArgumentsTest {

    private static ScreeningJob.Options parse(String... args) {
        return ScreeningJob.parse(args);
    }

    @Test
    void everyOptionIsRead() {
        ScreeningJob.Options o = parse("--in", "p.ndjson", "--input-format", "parquet", "--out", "results",
                "--format", "json", "--overwrite", "--rules", "site", "--rules", "more.drl", "--thresholds", "t.json",
                "--master", "local[2]", "--ui");

        assertThat(o).isEqualTo(new ScreeningJob.Options("p.ndjson", "parquet", "results", "json", true,
                List.of(Path.of("site"), Path.of("more.drl")), List.of(Path.of("t.json")), "local[2]", true));
    }

    @Test
    void theDefaultsAreParquetOutAndTheInputFormatOfThePathsEnding() {
        ScreeningJob.Options ndjson = parse("--in", "p.ndjson", "--out", "o");
        ScreeningJob.Options parquet = parse("--in", "cohort.PARQUET", "--out", "o");

        assertThat(ndjson).isEqualTo(new ScreeningJob.Options("p.ndjson", "ndjson", "o", "parquet", false, List.of(),
                List.of(), null, false));
        assertThat(parquet.inputFormat()).isEqualTo("parquet");
    }

    @Test
    void helpIsNoOptions() {
        assertThat(parse("--help")).isNull();
        assertThat(parse("-h")).isNull();
    }

    @Test
    void eachBadCommandLineNamesTheOption() {
        assertThatThrownBy(() -> parse("--in", "a", "--out", "b", "--colour")).isInstanceOf(ParameterException.class)
                .hasMessageContaining("--colour");
        assertThatThrownBy(() -> parse("--in", "a", "--out")).isInstanceOf(ParameterException.class)
                .hasMessageContaining("--out");
        assertThatThrownBy(() -> parse("--in", "--out", "b")).isInstanceOf(ParameterException.class)
                .hasMessageContaining("--in");
        assertThatThrownBy(() -> parse("--in", "a", "--out", "b", "--format", "csv"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("--format").hasMessageContaining("csv")
                .hasMessageContaining("parquet, json");
        assertThatThrownBy(() -> parse("--in", "a", "--out", "b", "--input-format", "avro"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("--input-format")
                .hasMessageContaining("ndjson, parquet");
        assertThatThrownBy(() -> parse("--in", "a")).isInstanceOf(ParameterException.class)
                .hasMessageContaining("--out");
    }

    @Test
    void aUsageErrorExitsTwoWithTheMessageAndTheUsageAndHelpExitsZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int bad = ScreeningJob.run(new String[] {"--in", "a", "--out", "b", "--format", "csv"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        int help = ScreeningJob.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(bad).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("spinecds-spark: ").contains("--format")
                .contains("Usage: ScreeningJob");
        assertThat(help).isEqualTo(ExitCodes.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: ScreeningJob").contains("--thresholds=FILE")
                .contains("--master=URL").contains("--ui");
    }
}
