package org.spinecds.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.spinecds.examples.CliTest.spinecds;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site rule that loops, recurses without end, allocates beyond the heap or throws an {@link Error}
 * ({@code containment/site.drl}, each rule on its own age) fails that one patient: {@code assess} exits
 * 3 with one line naming the rule and no stack trace, and {@code batch} writes an error record for the
 * line and goes on with the others. In a JVM with a small heap, a rule that really fills it is
 * contained the same way.
 */
class ContainmentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULES = "src/test/resources/containment";
    private static final Duration NET = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private Path patient(String name, String json) throws Exception {
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void assessExitsWithTheRulesCodeAndOneLineNamingTheRule() throws Exception {
        Path recursing = patient("recursing", "{\"patientId\": \"zq-patient-0042\", \"age\": 22}");

        CliTest.Run run = assertTimeoutPreemptively(NET, () -> spinecds("assess", recursing.toString(),
                "--rules", RULES));

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("spinecds: the rules failed on this patient: rule \"Recurses forever\" "
                + "(SITE-RECURSE, site.drl) failed: StackOverflowError in function recurse" + System.lineSeparator());
    }

    @Test
    void assessWithATimeLimitReturnsPromptlyFromALoopingRule() throws Exception {
        Path looping = patient("looping", "{\"age\": 21}");

        CliTest.Run run = assertTimeoutPreemptively(NET, () -> spinecds("assess", looping.toString(),
                "--rules", RULES, "--time-limit", "200ms"));

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("spinecds: the rules failed on this patient: rule \"Loops forever\" "
                + "(SITE-LOOP, site.drl) did not finish within the time limit of 200 ms" + System.lineSeparator());
    }

    @Test
    void aTimeLimitThatIsNotATimeOrOutOfBoundsIsAUsageError() {
        for (String limit : List.of("0ms", "11m", "ten", "10", "-5s", "1h")) {
            CliTest.Run run = spinecds("assess", "patients/early-sciatica.json", "--time-limit", limit);
            assertThat(run.exit()).as(limit).isEqualTo(2);
            assertThat(run.err()).as(limit).contains("--time-limit");
        }
    }

    @Test
    void batchWritesAnErrorRecordForEachFailingLineAndGoesOn() throws Exception {
        Path in = dir.resolve("in.ndjson");
        Files.writeString(in, String.join("\n", List.of(
                "{\"patientId\": \"A\", \"age\": 50}",
                "{\"age\": 21}",
                "{\"age\": 22}",
                "{\"age\": 23}",
                "{\"age\": 24}",
                "{\"patientId\": \"F\", \"bladderBowelDysfunction\": true}")) + "\n");

        CliTest.Run run = assertTimeoutPreemptively(NET, () -> spinecds("batch", in.toString(), "--rules", RULES,
                "--time-limit", "3s", "--threads", "2"));

        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> records = records(run.out());
        assertThat(records).extracting(r -> r.get("line").asInt()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(records.get(0).get("patientId").asText()).isEqualTo("A");
        assertThat(records.get(0).has("verdict")).isTrue();
        assertThat(records.get(5).get("verdict").asText()).isEqualTo("URGENT_EVALUATION");
        List<String> codes = List.of("SITE-LOOP", "SITE-RECURSE", "SITE-ALLOCATE", "SITE-ERROR");
        List<String> kinds = List.of("did not finish within the time limit of 3 s",
                "failed: StackOverflowError in function recurse", "failed: OutOfMemoryError", "failed: AssertionError");
        for (int i = 0; i < 4; i++) {
            JsonNode error = records.get(i + 1).get("error");
            assertThat(error.get("field").asText()).isEqualTo("(rules)");
            assertThat(error.get("message").asText()).contains(codes.get(i), "site.drl", kinds.get(i));
        }
    }

    /**
     * The real thing, in a JVM of its own with a 160 MiB heap: a consequence that fills the heap. The
     * {@code assess} run exits 3 with one line; the {@code batch} run writes an error record for that
     * line and assesses the others.
     */
    @Tag("slow")
    @Test
    void aRuleThatFillsTheHeapIsContainedInAJvmWithASmallHeap() throws Exception {
        Path hog = patient("hog", "{\"age\": 25}");
        Process assess = cli("assess", hog.toString(), "--rules", RULES);
        String assessErr = new String(assess.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(assess.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(assess.exitValue()).as(assessErr).isEqualTo(3);
        assertThat(assessErr.lines().toList()).containsExactly("spinecds: the rules failed on this patient: rule "
                + "\"Fills the heap\" (SITE-HOG, site.drl) failed: OutOfMemoryError");

        Path in = dir.resolve("hog.ndjson");
        Files.writeString(in, "{\"age\": 50}\n{\"age\": 25}\n{\"patientId\": \"C\", \"bladderBowelDysfunction\": true}\n");
        Process batch = cli("batch", in.toString(), "--rules", RULES);
        String batchOut = new String(batch.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String batchErr = new String(batch.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(batch.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(batch.exitValue()).as(batchErr).isZero();
        List<JsonNode> records = records(batchOut);
        assertThat(records).extracting(r -> r.get("line").asInt()).containsExactly(1, 2, 3);
        assertThat(records.get(1).get("error").get("message").asText()).contains("SITE-HOG", "OutOfMemoryError");
        assertThat(records.get(2).get("verdict").asText()).isEqualTo("URGENT_EVALUATION");
    }

    /** The CLI in a JVM of its own, with a small heap, on the test classpath. */
    private static Process cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx160m", "-cp", System.getProperty("java.class.path"),
                "org.spinecds.examples.cli.SpineCdsCli"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(new File(".")).start();
        p.getOutputStream().close();
        return p;
    }

    private static List<JsonNode> records(String ndjson) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            if (!line.isBlank()) {
                records.add(JSON.readTree(line));
            }
        }
        return records;
    }

    /** A finding whose evidence JSON cannot hold is that line's error record, not the end of the batch. */
    @Test
    void anAssessmentThatCannotBeWrittenAsJsonIsAnErrorRecordAndTheBatchGoesOn() throws Exception {
        Path in = dir.resolve("odd.ndjson");
        Files.writeString(in, "{\"age\": 26}\n{\"patientId\": \"B\", \"bladderBowelDysfunction\": true}\n");

        CliTest.Run run = assertTimeoutPreemptively(NET, () -> spinecds("batch", in.toString(), "--rules", RULES,
                "--full"));

        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> records = records(run.out());
        assertThat(records).extracting(r -> r.get("line").asInt()).containsExactly(1, 2);
        assertThat(records.get(0).get("error").get("field").asText()).isEqualTo("(internal)");
        assertThat(records.get(1).get("verdict").asText()).isEqualTo("URGENT_EVALUATION");
    }
}
