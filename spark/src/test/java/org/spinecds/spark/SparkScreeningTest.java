package org.spinecds.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecds.Category;
import org.spinecds.SpineCds;
import org.spinecds.Verdict;
import org.spinecds.batch.BatchScreening;
import org.spinecds.batch.ExitCodes;
import org.spinecds.batch.SyntheticCohort;
import org.spinecds.json.AssessmentJson;
import org.spinecds.patient.Input;
import org.spinecds.spark.internal.EngineHolder;

/**
 * The Spark job in local mode on a synthetic cohort: the same answers as {@code spinecds batch} for every
 * record, invalid records reported with their field, Parquet read as NDJSON is, one engine per JVM.
 */
@Tag("slow")
class SparkScreeningTest {

    /** A text's UTF-8 bytes, as a batch reads its input. */
    private static java.io.InputStream utf8(String text) {
        return new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }


    private static final int COHORT = 2000;
    private static final SpineCds ENGINE = SpineCds.withDefaultRules();

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static Path cohort;
    /** The first 500 lines of the cohort. */
    private static Path small;
    private static String smallText;
    private static String cohortText;
    private static Map<Long, Row> ndjsonResults;
    private static int ndjsonPartitions;

    @BeforeAll
    static void start() throws Exception {
        spark = SparkSession.builder().master("local[2]").appName("spinecds-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.bindAddress", ScreeningJob.LOOPBACK)
                .config("spark.driver.host", ScreeningJob.LOOPBACK)
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.warehouse.dir", dir.resolve("warehouse").toString())
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        StringWriter w = new StringWriter();
        SyntheticCohort.write(w, COHORT, 7);
        // a blank line counts as a line, as in batch, and a few hand-made bad records
        List<String> lines = new ArrayList<>(w.toString().lines().toList());
        lines.add(10, "");
        lines.add(20, "{\"age\": 50, \"diagnoses\": [\"HERNIATED_DISC\", 7]}");
        lines.add(30, "[1, 2]");
        lines.add(40, "{\"patientId\": \"X\", \"symptoms\": [\"LEG_PAIN\"], \"symptomDurationWeeks\": 4, "
                + "\"conservativeCare\": [\"PHYSICAL_THERAPY\"], \"conservativeCareWeeks\": 8}");
        cohortText = String.join("\n", lines) + "\n";
        cohort = dir.resolve("cohort.ndjson");
        Files.writeString(cohort, cohortText);
        smallText = String.join("\n", lines.subList(0, 500)) + "\n";
        small = dir.resolve("small.ndjson");
        Files.writeString(small, smallText);

        Dataset<Row> results = SparkScreening.screenNdjson(spark, cohort.toString(), RuleSources.defaults());
        ndjsonPartitions = results.javaRDD().getNumPartitions();
        ndjsonResults = byRecord(results.collectAsList());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Map<Long, Row> byRecord(List<Row> rows) {
        Map<Long, Row> m = new HashMap<>();
        rows.forEach(r -> assertThat(m.put(r.getLong(r.fieldIndex("record")), r)).as("record numbers are unique")
                .isNull());
        return m;
    }

    private static List<JsonNode> batch(SpineCds engine, String in, boolean full) throws Exception {
        StringWriter out = new StringWriter();
        BatchScreening.run(engine, utf8(in), out, 2, full, n -> { });
        return out.toString().lines().map(AssessmentJson::parse).toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }

    private static List<String> strings(Row row, String field) {
        return row.isNullAt(row.fieldIndex(field)) ? null : row.getList(row.fieldIndex(field));
    }

    private static Map<String, List<String>> findings(Row row) {
        Row f = row.getStruct(row.fieldIndex("findings"));
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (Category c : Category.values()) {
            m.put(c.id(), f.getList(f.fieldIndex(c.name())));
        }
        return m;
    }

    @Test
    void everyRecordGetsTheSameAnswerAsBatch() throws Exception {
        List<JsonNode> compact = batch(ENGINE, cohortText, false);
        List<JsonNode> full = batch(ENGINE, cohortText, true);

        assertThat(ndjsonResults).hasSize(compact.size()).hasSize(COHORT + 3);
        for (int i = 0; i < compact.size(); i++) {
            JsonNode b = compact.get(i);
            long line = b.get("line").asLong();
            Row s = ndjsonResults.get(line);
            assertThat(s).as("line %d", line).isNotNull();
            assertThat(s.getString(s.fieldIndex("source"))).endsWith("cohort.ndjson");
            Row kb = s.getStruct(s.fieldIndex("knowledgeBase"));
            assertThat(kb.getString(2)).isEqualTo(ENGINE.knowledgeBase().sha256());
            assertThat(kb.getString(0)).isEqualTo(ENGINE.knowledgeBase().name());
            assertThat(kb.getString(1)).isEqualTo(ENGINE.knowledgeBase().version());
            if (b.has("error")) {
                Row e = s.getStruct(s.fieldIndex("error"));
                assertThat(e.getString(0)).as("line %d", line).isEqualTo(b.get("error").get("field").asText());
                assertThat(e.getString(1)).isEqualTo(b.get("error").get("message").asText());
                assertThat(s.isNullAt(s.fieldIndex("verdict"))).isTrue();
                continue;
            }
            assertThat(s.isNullAt(s.fieldIndex("error"))).isTrue();
            assertThat(s.getString(s.fieldIndex("verdict"))).as("line %d", line).isEqualTo(b.get("verdict").asText());
            assertThat(s.getString(s.fieldIndex("patientId"))).isEqualTo(b.path("patientId").textValue());
            assertThat(strings(s, "decisive")).as("line %d", line).isEqualTo(strings(b.get("decisive")));
            assertThat(strings(s, "possibleVerdicts")).as("line %d", line).isEqualTo(strings(b.get("possibleVerdicts")))
                    .isNotEmpty();
            assertThat(strings(s, "missingInputs")).isEqualTo(strings(b.get("missingInputs")));

            JsonNode f = full.get(i);
            assertThat(f.get("line").asLong()).isEqualTo(line);
            Map<String, List<String>> byCategory = new LinkedHashMap<>();
            for (Category c : Category.values()) {
                byCategory.put(c.id(), new ArrayList<>());
            }
            f.get("findings").forEach(n -> byCategory.get(n.get("category").asText()).add(n.get("code").asText()));
            assertThat(findings(s)).as("line %d", line).isEqualTo(byCategory);
        }
    }

    @Test
    void invalidRecordsAreReportedWithTheirLineAndFieldNeverDropped() {
        Map<String, Long> errorsByField = ndjsonResults.values().stream().filter(r -> !r.isNullAt(r.fieldIndex("error")))
                .collect(Collectors.groupingBy(r -> r.getStruct(r.fieldIndex("error")).getString(0),
                        Collectors.counting()));
        assertThat(errorsByField).containsKeys("$", "bmi", "painScore", "diagnoses[1]", "conservativeCareWeeks",
                "plannedProcedure");

        // lines 1-10 of the cohort, the blank line 11 (skipped but counted), then the cohort goes on
        assertThat(ndjsonResults).doesNotContainKey(11L).containsKey(12L);
        Row wrongItem = ndjsonResults.get(21L);
        assertThat(wrongItem.getStruct(wrongItem.fieldIndex("error")).getString(0)).isEqualTo("diagnoses[1]");
        Row notAnObject = ndjsonResults.get(31L);
        assertThat(notAnObject.getStruct(notAnObject.fieldIndex("error")).getString(1)).contains("expected a JSON object");
        Row contradiction = ndjsonResults.get(41L);
        assertThat(contradiction.getStruct(contradiction.fieldIndex("error")).getString(0))
                .isEqualTo("conservativeCareWeeks");
        assertThat(contradiction.getStruct(contradiction.fieldIndex("error")).getString(1))
                .contains("longer than the symptoms have lasted");
        assertThat(contradiction.isNullAt(contradiction.fieldIndex("patientId"))).isTrue();
    }

    @Test
    void aLineThatIsNotUtf8IsAnErrorNotReadWithReplacementCharacters() throws Exception {
        Path latin1 = dir.resolve("latin1.ndjson");
        Files.write(latin1, "{\"patientId\": \"M\u00fcller\", \"age\": 50}\n{\"age\": 50}\n".getBytes(
                StandardCharsets.ISO_8859_1));

        Map<Long, Row> r = byRecord(SparkScreening.screenNdjson(spark, latin1.toString(), RuleSources.defaults())
                .collectAsList());

        Row bad = r.get(1L);
        assertThat(bad.getStruct(bad.fieldIndex("error")).getString(0)).isEqualTo("$");
        assertThat(bad.getStruct(bad.fieldIndex("error")).getString(1))
                .isEqualTo("$: not UTF-8 text: an invalid byte sequence at byte offset 16");
        assertThat(r.get(2L).getString(r.get(2L).fieldIndex("verdict"))).isNotNull();
    }

    /**
     * Lines are framed and read as batch does: a lone CR is part of its line (so later lines keep their
     * numbers), CRLF ends a line, a line that is not UTF-8 or holds an unpaired surrogate is the same error
     * record, a BOM before line 1 is skipped, blank lines count.
     */
    @Test
    void linesAreFramedAndReadAsBatchDoesWithTheSameErrorRecords() throws Exception {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        b.writeBytes("{\"patientId\": \"A\",\r\"age\": 50}\r\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes("{\"patientId\": \"caf".getBytes(StandardCharsets.UTF_8));
        b.write(0xE9);
        b.writeBytes(("\"}\n \t\r\n{\"diagnoses\": [\"\\ud800\"]}\n{\"patientId\": \"a\rb\"}\r\n\r\n"
                + "{\"patientId\": \"B\", \"bladderBowelDysfunction\": true}\n{\"age\": 5").getBytes(StandardCharsets.UTF_8));
        Path file = Files.write(dir.resolve("framing.ndjson"), b.toByteArray());
        StringWriter out = new StringWriter();
        BatchScreening.run(ENGINE, new ByteArrayInputStream(b.toByteArray()), out, 1, false, n -> { });
        List<JsonNode> batch = out.toString().lines().map(AssessmentJson::parse).toList();

        Map<Long, Row> rows = byRecord(SparkScreening.screenNdjson(spark, file.toString(), RuleSources.defaults())
                .collectAsList());

        assertThat(batch).extracting(n -> n.get("line").asLong()).containsExactly(1L, 2L, 4L, 5L, 7L, 8L);
        assertThat(rows.keySet()).containsExactlyInAnyOrder(1L, 2L, 4L, 5L, 7L, 8L);
        for (JsonNode r : batch) {
            Row s = rows.get(r.get("line").asLong());
            if (r.has("error")) {
                Row e = s.getStruct(s.fieldIndex("error"));
                assertThat(e.getString(0)).isEqualTo(r.get("error").get("field").asText());
                assertThat(e.getString(1)).isEqualTo(r.get("error").get("message").asText());
            } else {
                assertThat(s.getString(s.fieldIndex("verdict"))).isEqualTo(r.get("verdict").asText());
                assertThat(s.getString(s.fieldIndex("patientId"))).isEqualTo(r.get("patientId").asText());
            }
        }
        assertThat(batch.get(0).get("patientId").asText()).isEqualTo("A");
        assertThat(batch.get(1).get("error").get("message").asText()).contains("not UTF-8");
        assertThat(batch.get(2).get("error").get("field").asText()).isEqualTo("diagnoses[0]");
        assertThat(batch.get(3).get("error").get("field").asText()).isEqualTo("$");
        assertThat(batch.get(4).get("patientId").asText()).isEqualTo("B");
        assertThat(batch.get(5).get("error").get("field").asText()).isEqualTo("$");
    }

    @Test
    void theJobsOwnLocalSessionBindsToLoopbackAndStartsNoUiUnlessAsked() {
        java.util.Properties none = new java.util.Properties();

        assertThat(ScreeningJob.localSettings("local[2]", false, none, Map.of())).containsExactly(
                Map.entry("spark.driver.bindAddress", "127.0.0.1"), Map.entry("spark.driver.host", "127.0.0.1"),
                Map.entry("spark.ui.enabled", "false"));
        assertThat(ScreeningJob.localSettings("local", true, none, Map.of())).containsEntry("spark.ui.enabled", "true");
        assertThat(ScreeningJob.parse(new String[] {"--in", "a", "--out", "b", "--ui"}).ui()).isTrue();
        assertThat(ScreeningJob.parse(new String[] {"--in", "a", "--out", "b"}).ui()).isFalse();
        assertThat(ScreeningJob.localSettings("yarn", false, none, Map.of())).as("a cluster's own settings").isEmpty();
        java.util.Properties given = new java.util.Properties();
        given.setProperty("spark.driver.host", "10.0.0.5");
        given.setProperty("spark.ui.enabled", "true");
        assertThat(ScreeningJob.localSettings("local[2]", false, given, Map.of()))
                .containsOnlyKeys("spark.driver.bindAddress");
        assertThat(ScreeningJob.localSettings("local[2]", false, none, Map.of("SPARK_LOCAL_IP", "10.0.0.5")))
                .containsOnlyKeys("spark.ui.enabled");
    }

    @Test
    void parquetWithTheSameFieldsGivesTheSameResults() {
        Path parquet = dir.resolve("cohort.parquet");
        List<String> lines = cohortText.lines().toList();
        List<String> valid = ndjsonResults.values().stream().filter(r -> r.isNullAt(r.fieldIndex("error")))
                .map(r -> lines.get((int) r.getLong(r.fieldIndex("record")) - 1)).toList();
        spark.read().schema(SparkScreening.patientSchema()).option("mode", "FAILFAST")
                .json(spark.createDataset(valid, Encoders.STRING())).write().parquet(parquet.toString());

        Map<String, Row> fromJson = ndjsonResults.values().stream().filter(r -> r.isNullAt(r.fieldIndex("error")))
                .collect(Collectors.toMap(r -> r.getString(r.fieldIndex("patientId")), r -> r));
        List<Row> fromParquet = SparkScreening.screenParquet(spark, parquet.toString(), RuleSources.defaults())
                .collectAsList();

        assertThat(fromParquet).hasSize(valid.size());
        for (Row p : fromParquet) {
            Row j = fromJson.get(p.getString(p.fieldIndex("patientId")));
            assertThat(p.isNullAt(p.fieldIndex("error"))).isTrue();
            for (String column : List.of("verdict", "decisive", "findings", "possibleVerdicts", "missingInputs",
                    "knowledgeBase")) {
                assertThat(p.<Object>getAs(column)).as("%s of %s", column, j.getString(j.fieldIndex("patientId")))
                        .isEqualTo(j.getAs(column));
            }
        }
        assertThat(fromParquet).extracting(r -> r.getString(r.fieldIndex("source"))).allMatch(s -> s.contains(
                "cohort.parquet"));
        assertThat(fromParquet).extracting(r -> r.getString(r.fieldIndex("source")) + "#" + r.getLong(r.fieldIndex(
                "record"))).doesNotHaveDuplicates();
        assertThat(fromParquet).extracting(r -> r.getLong(r.fieldIndex("record"))).allMatch(n -> n >= 1);
    }

    @Test
    void invalidParquetRowsAreReportedWithTheirFieldAndUnreadableTablesRefused() {
        Path parquet = dir.resolve("bad.parquet");
        StructType schema = new StructType().add("patientId", DataTypes.StringType).add("age", DataTypes.LongType)
                .add("bmi", DataTypes.StringType).add("svaCm", DataTypes.DoubleType)
                .add("symptoms", DataTypes.createArrayType(DataTypes.StringType));
        spark.createDataFrame(List.of(
                RowFactory.create("A", 52L, null, null, new String[] {"LEG_PAIN"}),
                RowFactory.create("B", 52L, "thirty", null, null),
                RowFactory.create("C", 300L, null, null, null),
                RowFactory.create("D", null, null, Double.NaN, null),
                RowFactory.create("E", null, null, null, new String[] {"LEG_PAIN", null}),
                RowFactory.create("F", null, null, null, new String[] {"HEADACHE"})), schema)
                .coalesce(1).write().parquet(parquet.toString());

        Map<Long, Row> r = byRecord(SparkScreening.screenParquet(spark, parquet.toString(), RuleSources.defaults())
                .collectAsList());

        assertThat(r).hasSize(6);
        assertThat(r.get(1L).getString(r.get(1L).fieldIndex("verdict"))).isNotNull();
        assertThat(r.get(1L).isNullAt(r.get(1L).fieldIndex("error"))).isTrue();
        Map<Long, String> fields = new HashMap<>();
        r.forEach((n, row) -> fields.put(n, row.isNullAt(row.fieldIndex("error")) ? null
                : row.getStruct(row.fieldIndex("error")).getString(0)));
        assertThat(fields).containsEntry(2L, "bmi").containsEntry(3L, "age").containsEntry(4L, "svaCm")
                .containsEntry(5L, "symptoms[1]").containsEntry(6L, "symptoms");

        Path extra = dir.resolve("extra.parquet");
        spark.createDataFrame(List.of(RowFactory.create("A", "Jane")), new StructType()
                .add("patientId", DataTypes.StringType).add("name", DataTypes.StringType)).write().parquet(extra.toString());
        assertThatThrownBy(() -> SparkScreening.screenParquet(spark, extra.toString(), RuleSources.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name (not a patient field)");

        // a table of the version 1 format: its stenosisSeverity column is no longer an input
        Path old = dir.resolve("old.parquet");
        spark.createDataFrame(List.of(RowFactory.create("A", "MILD")), new StructType()
                .add("patientId", DataTypes.StringType).add("stenosisSeverity", DataTypes.StringType))
                .write().parquet(old.toString());
        assertThatThrownBy(() -> SparkScreening.screenParquet(spark, old.toString(), RuleSources.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stenosisSeverity (not a patient field)");
    }

    @Test
    void thePatientSchemaHasEveryInputOfThePatientFormatUnderItsName() {
        StructType schema = SparkScreening.patientSchema();

        List<String> expected = new ArrayList<>(List.of("patientId"));
        for (Input input : Input.values()) {
            expected.add(input.jsonName());
        }
        assertThat(schema.fieldNames()).containsExactlyElementsOf(expected).doesNotContain("stenosisSeverity");
        assertThat(schema.apply("mjoaScore").dataType()).isEqualTo(DataTypes.IntegerType);
        assertThat(schema.apply("motorStrengthMrc").dataType()).isEqualTo(DataTypes.IntegerType);
        assertThat(schema.apply("lateralListhesisMm").dataType()).isEqualTo(DataTypes.DoubleType);
        assertThat(schema.apply("seriousPathologySuspected").dataType()).isEqualTo(DataTypes.BooleanType);
        assertThat(schema.apply("symptoms").dataType()).isEqualTo(DataTypes.createArrayType(DataTypes.StringType,
                true));
    }

    @Test
    void theEngineIsBuiltOncePerJvmNotPerPartitionOrJob() {
        RuleSources rules = RuleSources.defaults();
        assertThat(ndjsonPartitions).as("the cohort is split, so that partitions share the engine").isGreaterThan(2);

        long rows = SparkScreening.screenNdjson(spark, small.toString(), rules).count();

        assertThat(rows).isEqualTo(499);
        assertThat(EngineHolder.builds(rules)).isEqualTo(1);
    }

    @Test
    void siteRulesAreShippedAndEveryRowNamesTheRuleBaseThatProducedIt() throws Exception {
        Path siteRules = Path.of("../examples/site-rules");
        Path thresholds = Path.of("../examples/site-thresholds.json");
        SpineCds site = SpineCds.builder().defaultRules().rules(siteRules).thresholds(thresholds).build();
        RuleSources rules = RuleSources.of(List.of(siteRules), List.of(thresholds));

        Map<Long, Row> s = byRecord(SparkScreening.screenNdjson(spark, small.toString(), rules).collectAsList());

        assertThat(EngineHolder.builds(rules)).isEqualTo(1);
        assertThat(site.knowledgeBase().sha256()).isNotEqualTo(ENGINE.knowledgeBase().sha256());
        for (JsonNode b : batch(site, smallText, false)) {
            Row row = s.get(b.get("line").asLong());
            assertThat(row.getStruct(row.fieldIndex("knowledgeBase")).getString(2))
                    .isEqualTo(site.knowledgeBase().sha256());
            if (!b.has("error")) {
                assertThat(row.getString(row.fieldIndex("verdict"))).isEqualTo(b.get("verdict").asText());
                assertThat(strings(row, "decisive")).isEqualTo(strings(b.get("decisive")));
            }
        }
    }

    @Test
    void anExecutorBuildsTheSameRuleBaseFromTheShippedFiles() throws Exception {
        RuleSources onDriver = RuleSources.of(List.of(Path.of("../examples/site-rules")),
                List.of(Path.of("../examples/site-thresholds.json")));
        String sha = SpineCds.builder().defaultRules().rules(Path.of("../examples/site-rules"))
                .thresholds(Path.of("../examples/site-thresholds.json")).build().knowledgeBase().sha256();

        RuleSources shipped = roundTrip(onDriver.requiringSha256(sha));
        SpineCds onExecutor = shipped.build();

        assertThat(shipped.key()).isEqualTo(onDriver.key());
        assertThat(onExecutor.knowledgeBase().sha256()).isEqualTo(sha);
        assertThat(onExecutor.knowledgeBase().thresholdOverrides()).isNotEmpty();
        RuleSources otherSha = roundTrip(onDriver.requiringSha256("0".repeat(64)));
        assertThatThrownBy(otherSha::build).hasMessageContaining("SHA-256");
    }

    private static RuleSources roundTrip(RuleSources rules) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(rules);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (RuleSources) in.readObject();
        }
    }

    @Test
    void theJobWritesTheTableAndSummarisesWithoutPatientData() throws Exception {
        Path out = dir.resolve("job-out");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int status = ScreeningJob.run(new String[] {"--in", small.toString(), "--out", out.toString(), "--format",
                "json"}, new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true,
                StandardCharsets.UTF_8), spark);

        String summary = stdout.toString(StandardCharsets.UTF_8);
        assertThat(status).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(summary).contains("499 records").contains("errors by field").doesNotContain("SYN-");
        List<String> verdicts = summary.lines().map(String::strip).filter(l -> l.matches("[A-Z_]+ +[\\d,]+"))
                .map(l -> l.split(" +")[0]).toList();
        assertThat(verdicts).as("every verdict, in verdict order").containsExactly(
                java.util.Arrays.stream(Verdict.values()).map(Verdict::name).toArray(String[]::new));
        assertThat(spark.read().json(out.toString()).count()).isEqualTo(499);
        assertThat(ScreeningJob.run(new String[] {"--in", cohort.toString(), "--out", out.toString()},
                new PrintStream(stdout), new PrintStream(stderr), spark)).as("an existing output is kept")
                .isEqualTo(ExitCodes.USAGE);
        assertThat(ScreeningJob.run(new String[] {"--in", cohort.toString()}, new PrintStream(stdout),
                new PrintStream(stderr), spark)).isEqualTo(ExitCodes.USAGE);
        assertThat(ScreeningJob.run(new String[] {"--in", cohort.toString(), "--out", dir.resolve("o2").toString(),
                "--rules", "no-such-dir"}, new PrintStream(stdout), new PrintStream(stderr), spark))
                .isEqualTo(ExitCodes.RULES);
        assertThat(ScreeningJob.run(new String[] {"--in", dir.resolve("missing.ndjson").toString(), "--out",
                dir.resolve("o3").toString()}, new PrintStream(stdout), new PrintStream(stderr), spark))
                .isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(ScreeningJob.run(new String[] {"--in", dir.resolve("missing.parquet").toString(), "--out",
                dir.resolve("o4").toString()}, new PrintStream(stdout), new PrintStream(stderr), spark))
                .isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(ScreeningJob.run(new String[] {"--in", cohort.toString(), "--out", dir.resolve("o5").toString()},
                new PrintStream(stdout), new PrintStream(stderr))).as("no master, no spark-submit")
                .isEqualTo(ExitCodes.USAGE);
    }
}
