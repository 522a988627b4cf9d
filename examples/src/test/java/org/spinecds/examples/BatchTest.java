package org.spinecds.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinecds.examples.CliTest.spinecds;

import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecds.SpineCds;
import org.spinecds.Verdict;
import org.spinecds.examples.batch.BatchScreening;
import org.spinecds.examples.batch.SyntheticCohort;
import org.spinecds.json.AssessmentJson;

/** Population screening: order, bad lines, bounded memory, the summary; and the synthetic cohort. */
class BatchTest {

    private static final SpineCds ENGINE = SpineCds.withDefaultRules();

    private static String cohort(long count, long seed) throws Exception {
        StringWriter w = new StringWriter();
        SyntheticCohort.write(w, count, seed);
        return w.toString();
    }

    private static List<JsonNode> results(String out) {
        return out.lines().map(AssessmentJson::parse).toList();
    }

    @Test
    void resultsComeInInputOrderAndEqualOneThreadsResults() throws Exception {
        String in = cohort(3000, 11);
        StringWriter one = new StringWriter();
        StringWriter two = new StringWriter();

        BatchScreening.run(ENGINE, new BufferedReader(new StringReader(in)), one, 1, false, n -> { });
        BatchScreening.Summary s = BatchScreening.run(ENGINE, new BufferedReader(new StringReader(in)), two, 2, false,
                n -> { });

        List<JsonNode> lines = results(two.toString());
        assertThat(lines).hasSize(3000);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i).get("line").asLong()).isEqualTo(i + 1);
        }
        assertThat(two.toString()).isEqualTo(one.toString());
        assertThat(s.lines()).isEqualTo(3000);
    }

    @Test
    void aByteOrderMarkBeforeTheFirstLineIsIgnoredAndElsewhereIsAnError() throws Exception {
        String in = "\uFEFF{\"patientId\": \"A\", \"age\": 50}\n\uFEFF{\"patientId\": \"B\", \"age\": 50}";
        StringWriter out = new StringWriter();

        BatchScreening.run(ENGINE, new BufferedReader(new StringReader(in)), out, 1, false, n -> { });

        List<JsonNode> r = results(out.toString());
        assertThat(r.get(0).get("patientId").asText()).isEqualTo("A");
        assertThat(r.get(0).has("verdict")).isTrue();
        assertThat(r.get(1).get("error").get("field").asText()).isEqualTo("$");
    }

    @Test
    void aBadLineGivesAnErrorRecordAndTheBatchGoesOn() throws Exception {
        String in = String.join("\n", List.of(
                "{\"patientId\": \"A\", \"age\": 50}",
                "{\"age\": \"fifty\"}",
                "",
                "{\"age\": 50",
                "{\"weight\": 80}",
                "{\"patientId\": \"E\", \"bladderBowelDysfunction\": true}"));
        StringWriter out = new StringWriter();

        BatchScreening.Summary s = BatchScreening.run(ENGINE, new BufferedReader(new StringReader(in)), out, 2, false,
                n -> { });

        List<JsonNode> r = results(out.toString());
        assertThat(r).extracting(n -> n.get("line").asInt()).containsExactly(1, 2, 4, 5, 6);
        assertThat(r.get(0).get("verdict").asText()).isEqualTo("INSUFFICIENT_INFORMATION");
        assertThat(r.get(0).get("patientId").asText()).isEqualTo("A");
        assertThat(r.get(1).get("error").get("field").asText()).isEqualTo("age");
        assertThat(r.get(2).get("error").get("field").asText()).isEqualTo("$");
        assertThat(r.get(3).get("error").get("message").asText()).isEqualTo("weight: unknown field");
        assertThat(r.get(4).get("verdict").asText()).isEqualTo("URGENT_EVALUATION");
        assertThat(r.get(4).get("decisive").get(0).asText()).isEqualTo("URG-BLADDER-BOWEL");
        assertThat(s.errors()).isEqualTo(3);
        assertThat(s.errorsByField()).containsEntry("age", 1L).containsEntry("$", 1L).containsEntry("weight", 1L);
        assertThat(s.byVerdict()).containsEntry(Verdict.URGENT_EVALUATION, 1L);
    }

    @Test
    void memoryIsBoundedByAWindowWhateverTheInputSize() throws Exception {
        // the number of lines in flight never exceeds the window (64 per thread), however long the input
        StringWriter out = new StringWriter();
        BatchScreening.Summary s = BatchScreening.run(ENGINE, new BufferedReader(new StringReader(cohort(5000, 3))),
                out, 2, false, n -> { });

        assertThat(s.lines()).isEqualTo(5000);
        assertThat(s.maxInFlight()).isLessThanOrEqualTo(128);
    }

    @Test
    void theSummaryCountsEveryLineByVerdictAndError() throws Exception {
        BatchScreening.Summary s = BatchScreening.run(ENGINE, new BufferedReader(new StringReader(cohort(4000, 5))),
                new StringWriter(), 2, false, n -> { });

        assertThat(s.byVerdict().keySet()).containsExactlyInAnyOrder(Verdict.values());
        assertThat(s.byVerdict().values().stream().mapToLong(Long::longValue).sum() + s.errors()).isEqualTo(s.lines());
        assertThat(s.errors()).isPositive();
        assertThat(s.toString()).contains("4,000 lines").contains("errors by field");
    }

    @Test
    void theCohortIsReproducibleAndTheCommandsWork(@TempDir Path dir) throws Exception {
        assertThat(cohort(200, 9)).isEqualTo(cohort(200, 9)).isNotEqualTo(cohort(200, 10));

        Path in = dir.resolve("cohort.ndjson");
        Path out = dir.resolve("results.ndjson");
        assertThat(spinecds("synth", "--count", "300", "--seed", "4", "--out", in.toString()).exit()).isZero();
        CliTest.Run run = spinecds("batch", in.toString(), "--out", out.toString(), "--threads", "2", "--full");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("300 lines");
        List<JsonNode> r = results(Files.readString(out));
        assertThat(r).hasSize(300);
        assertThat(r.stream().filter(n -> n.has("verdict")).findFirst().orElseThrow().has("findings")).isTrue();
        assertThat(spinecds("batch", dir.resolve("missing.ndjson").toString()).exit()).isEqualTo(2);
    }
}
