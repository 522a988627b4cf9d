package org.spinecds.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinecds.examples.CliTest.spinecds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecds.batch.BatchInputs;
import org.spinecds.json.AssessmentJson;

/**
 * The batch and synth commands over files: what {@code spinecds batch} writes for generated inputs, the
 * cohort through both commands, and a missing input. The screening itself is tested in spinecds-batch.
 */
class BatchCommandTest {

    @Test
    void theCohortGoesThroughBothCommands(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("cohort.ndjson");
        Path out = dir.resolve("results.ndjson");
        assertThat(spinecds("synth", "--count", "300", "--seed", "4", "--out", in.toString()).exit()).isZero();
        CliTest.Run run = spinecds("batch", in.toString(), "--out", out.toString(), "--threads", "2", "--full");
        Path compactOne = dir.resolve("one.ndjson");
        Path compactThree = dir.resolve("three.ndjson");
        spinecds("batch", in.toString(), "--out", compactOne.toString(), "--threads", "1");
        spinecds("batch", in.toString(), "--out", compactThree.toString(), "--threads", "3");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("300 lines").contains("FURTHER_EVALUATION").contains("OUTSIDE_SCOPE");
        assertThat(Files.readAllBytes(compactThree)).isEqualTo(Files.readAllBytes(compactOne));
        List<JsonNode> r = Files.readAllLines(out).stream().map(AssessmentJson::parse).toList();
        assertThat(r).hasSize(300);
        assertThat(r.stream().filter(n -> n.has("verdict")).findFirst().orElseThrow().has("findings")).isTrue();
        CliTest.Run missing = spinecds("batch", dir.resolve("missing.ndjson").toString());
        assertThat(missing.exit()).isEqualTo(6);
        assertThat(missing.err()).contains(dir.resolve("missing.ndjson") + ": no such file or directory");
    }

    @Property(tries = 10)
    void theBatchCommandWritesOneRecordPerNonBlankLineInOrder(@ForAll(supplier = BatchInputs.class) byte[] in) throws Exception {
        Path dir = Files.createTempDirectory("batch-property");
        try {
            Path file = Files.write(dir.resolve("in.ndjson"), in);
            Path out = dir.resolve("out.ndjson");

            CliTest.Run run = spinecds("batch", file.toString(), "--out", out.toString(), "--threads", "2");

            assertThat(run.exit()).as(run.err()).isIn(0, 1);
            assertThat(run.exit() == 1).isEqualTo(run.err().contains("which is not a valid patient"));
            BatchInputs.checkRecords(Files.readString(out), BatchInputs.nonBlankLines(in));
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.count()).as("no temporary file left").isEqualTo(2);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
