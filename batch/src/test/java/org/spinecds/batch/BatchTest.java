package org.spinecds.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.spinecds.Assessment;
import org.spinecds.SpineCds;
import org.spinecds.Verdict;
import org.spinecds.json.AssessmentJson;
import org.spinecds.json.PatientJson;

/** Population screening: order, bad lines, bounded memory, the summary; and the synthetic cohort. */
class BatchTest {

    /** A text's UTF-8 bytes, as a batch reads its input. */
    private static java.io.InputStream utf8(String text) {
        return new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }


    private static final SpineCds ENGINE = SpineCds.withDefaultRules();
    private static final Path FIXTURES = Path.of("src/test/resources/patients");

    private static String cohort(long count, long seed) throws Exception {
        StringWriter w = new StringWriter();
        SyntheticCohort.write(w, count, seed);
        return w.toString();
    }

    private static List<JsonNode> results(String out) {
        return out.lines().map(AssessmentJson::parse).toList();
    }

    @Tag("slow")
    @Test
    void resultsComeInInputOrderAndAreTheSameWithAnyNumberOfThreads() throws Exception {
        String in = cohort(3000, 11);
        StringWriter one = new StringWriter();
        StringWriter two = new StringWriter();
        StringWriter three = new StringWriter();

        BatchScreening.run(ENGINE, utf8(in), one, 1, false, n -> { });
        BatchScreening.Summary s = BatchScreening.run(ENGINE, utf8(in), two, 2, false,
                n -> { });
        BatchScreening.run(ENGINE, utf8(in), three, 3, false, n -> { });

        List<JsonNode> lines = results(two.toString());
        assertThat(lines).hasSize(3000);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i).get("line").asLong()).isEqualTo(i + 1);
        }
        assertThat(two.toString()).isEqualTo(one.toString()).isEqualTo(three.toString());
        assertThat(s.lines()).isEqualTo(3000);
    }

    @Test
    void theFullRecordsAreTheSameWithAnyNumberOfThreadsButTheTimes() throws Exception {
        String in = cohort(600, 12);
        StringWriter one = new StringWriter();
        StringWriter two = new StringWriter();

        BatchScreening.run(ENGINE, utf8(in), one, 1, true, n -> { });
        BatchScreening.run(ENGINE, utf8(in), two, 2, true, n -> { });

        String time = "\"assessedAt\":\"[^\"]+\"";
        assertThat(two.toString().replaceAll(time, "")).isEqualTo(one.toString().replaceAll(time, ""));
        assertThat(one.toString()).contains("\"assessedAt\":\"");
    }

    @Test
    void theCompactRecordNamesTheVerdictsStillPossibleBesideTheInputsToCollect() throws Exception {
        String candidate = Files.readString(FIXTURES.resolve("same-day-candidate.json")).replace("\n", "");
        String unscreened = Files.readString(FIXTURES.resolve("unscreened-referral.json")).replace("\n", "");
        StringWriter out = new StringWriter();

        BatchScreening.run(ENGINE, utf8(candidate + "\n" + unscreened), out, 1, false,
                n -> { });

        List<JsonNode> r = results(out.toString());
        assertThat(r.get(0).fieldNames()).toIterable().containsExactly("line", "verdict", "decisive",
                "possibleVerdicts", "missingInputs");
        assertThat(r.get(0).get("possibleVerdicts")).extracting(JsonNode::asText)
                .containsExactly("MINIMALLY_INVASIVE_CANDIDATE");
        assertThat(r.get(0).get("missingInputs")).isEmpty();
        Assessment a = ENGINE.assess(PatientJson.read(unscreened));
        assertThat(r.get(1).get("verdict").asText()).isEqualTo("INSUFFICIENT_INFORMATION");
        assertThat(r.get(1).get("possibleVerdicts")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(a.possibleVerdicts().stream().map(Verdict::name).toList())
                .startsWith("URGENT_EVALUATION").hasSizeGreaterThan(1);
        assertThat(r.get(1).get("missingInputs")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(a.missingInputs()).startsWith("bladderBowelDysfunction");
    }

    @Test
    void aByteOrderMarkBeforeTheFirstLineIsIgnoredAndElsewhereIsAnError() throws Exception {
        String in = "\uFEFF{\"patientId\": \"A\", \"age\": 50}\n\uFEFF{\"patientId\": \"B\", \"age\": 50}";
        StringWriter out = new StringWriter();

        BatchScreening.run(ENGINE, utf8(in), out, 1, false, n -> { });

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

        BatchScreening.Summary s = BatchScreening.run(ENGINE, utf8(in), out, 2, false,
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

    @Tag("slow")
    @Test
    void memoryIsBoundedByAWindowWhateverTheInputSize() throws Exception {
        // the number of lines in flight never exceeds the window (64 per thread), however long the input
        StringWriter out = new StringWriter();
        BatchScreening.Summary s = BatchScreening.run(ENGINE, utf8(cohort(5000, 3)),
                out, 2, false, n -> { });

        assertThat(s.lines()).isEqualTo(5000);
        assertThat(s.maxInFlight()).isLessThanOrEqualTo(128);
    }

    @Test
    void theSummaryCountsEveryLineByVerdictAndError() throws Exception {
        BatchScreening.Summary s = BatchScreening.run(ENGINE, utf8(cohort(4000, 5)),
                new StringWriter(), 2, false, n -> { });

        assertThat(s.byVerdict().keySet()).containsExactlyInAnyOrder(Verdict.values());
        assertThat(s.byVerdict().values().stream().mapToLong(Long::longValue).sum() + s.errors()).isEqualTo(s.lines());
        assertThat(s.errors()).isPositive();
        assertThat(s.toString()).contains("4,000 lines").contains("errors by field");
        // every verdict, in verdict order
        List<String> text = s.toString().lines().toList();
        List<String> named = text.stream().map(String::strip).filter(l -> l.matches("[A-Z_]+ +[\\d,]+"))
                .map(l -> l.split(" +")[0]).toList();
        assertThat(named).containsExactly(java.util.Arrays.stream(Verdict.values()).map(Verdict::name)
                .toArray(String[]::new));
    }

    @Test
    void theSummaryListsAVerdictThatDidNotOccurWithZero() throws Exception {
        BatchScreening.Summary s = BatchScreening.run(ENGINE, utf8(
                "{\"bladderBowelDysfunction\": true}"), new StringWriter(), 1, false, n -> { });

        assertThat(s.byVerdict()).containsOnlyKeys(Verdict.URGENT_EVALUATION);
        assertThat(s.toString()).containsPattern("  OUTSIDE_SCOPE +0\n").containsPattern("  URGENT_EVALUATION +1\n");
    }

    /**
     * The cohort is plausible: every verdict in reasonable numbers, many referrals incomplete but most
     * not, and only the deliberately invalid lines invalid (so that the generator writes no
     * contradiction by accident).
     */
    @Test
    void theCohortShowsEveryVerdictInReasonableNumbersAndOnlyItsDeliberateErrors() throws Exception {
        BatchScreening.Summary s = BatchScreening.run(ENGINE, utf8(cohort(6000, 21)),
                new StringWriter(), 2, false, n -> { });

        for (Verdict v : Verdict.values()) {
            assertThat(s.byVerdict().getOrDefault(v, 0L)).as(v.name()).isGreaterThanOrEqualTo(s.assessed() / 100);
        }
        assertThat(s.byVerdict().get(Verdict.INSUFFICIENT_INFORMATION)).isLessThan(s.assessed() * 45 / 100)
                .isGreaterThan(s.assessed() * 15 / 100);
        assertThat(s.byVerdict().get(Verdict.MINIMALLY_INVASIVE_CANDIDATE)).isGreaterThan(s.assessed() / 10);
        assertThat(s.errors()).isBetween(s.lines() / 200, s.lines() * 2 / 100);
        assertThat(s.errorsByField()).containsOnlyKeys("$", "bmi", "painScore", "plannedProcedure");
    }

    @Test
    void theCohortUsesTheVersion2Inputs() throws Exception {
        String c = cohort(3000, 2);

        for (String input : List.of("seriousPathologySuspected", "cancerHistory", "unexplainedWeightLoss", "fever",
                "intravenousDrugUse", "recentSignificantTrauma", "longTermCorticosteroids", "mjoaScore",
                "motorStrengthMrc", "lateralListhesisMm", "GAIT_DISTURBANCE", "HAND_DEXTERITY_LOSS",
                "THORACIC_DISCECTOMY", "\"OTHER\"", "MYELOPATHY")) {
            assertThat(c).as(input).contains(input);
        }
        assertThat(c).doesNotContain("stenosisSeverity");
    }

    @Test
    void theCohortIsReproducible() throws Exception {
        assertThat(cohort(200, 9)).isEqualTo(cohort(200, 9)).isNotEqualTo(cohort(200, 10));
    }
}
