package org.spinecds.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spinecds.Verdict;
import org.spinecds.examples.cli.SpineCdsCli;
import org.spinecds.json.AssessmentJson;

class CliTest {

    private static final Path PATIENTS = Path.of("patients");

    record Run(int exit, String out, String err) {
    }

    static Run spinecds(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SpineCdsCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "lumbar-disc-herniation.json, MINIMALLY_INVASIVE_CANDIDATE",
            "cervical-radiculopathy.json, MINIMALLY_INVASIVE_CANDIDATE",
            "smoker-with-stenosis.json, MINIMALLY_INVASIVE_CANDIDATE",
            "cauda-equina.json, URGENT_EVALUATION",
            "axial-back-pain.json, SURGERY_NOT_INDICATED",
            "early-sciatica.json, CONSERVATIVE_CARE_FIRST",
            "adult-deformity.json, OPEN_SURGERY_PREFERRED",
            "multilevel-stenosis.json, OPEN_SURGERY_PREFERRED",
            "incomplete-referral.json, INSUFFICIENT_INFORMATION"
    })
    void eachExamplePatientGetsItsVerdict(String file, Verdict expected) {
        Run json = spinecds("assess", PATIENTS.resolve(file).toString(), "--format", "json");
        Run text = spinecds("assess", PATIENTS.resolve(file).toString());

        assertThat(json.exit()).as(json.err()).isZero();
        assertThat(AssessmentJson.parse(json.out()).get("verdict").asText()).isEqualTo(expected.name());
        assertThat(text.exit()).isZero();
        assertThat(text.out()).contains("VERDICT: " + expected.title() + " (" + expected + ")");
    }

    @Test
    void theExamplePatientsCoverEveryVerdict() throws Exception {
        Set<Verdict> seen = EnumSet.noneOf(Verdict.class);
        try (Stream<Path> files = Files.list(PATIENTS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                Run run = spinecds("assess", f.toString(), "--format", "json");
                assertThat(run.exit()).as(f + ": " + run.err()).isZero();
                seen.add(Verdict.valueOf(AssessmentJson.parse(run.out()).get("verdict").asText()));
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(Verdict.values());
    }

    @Test
    void jsonOutputUsesTheAssessmentFieldNames() {
        JsonNode a = AssessmentJson.parse(spinecds("assess", "patients/smoker-with-stenosis.json", "--format", "json").out());

        assertThat(a.fieldNames()).toIterable().containsExactly("verdict", "decidedBy", "overridden", "criteria",
                "findings", "missingInputs", "knowledgeBase", "assessedAt");
        assertThat(a.get("findings").get(0).fieldNames()).toIterable().containsExactly("code", "criterion",
                "category", "severity", "summary", "detail", "evidence", "sources", "rule", "action");
        assertThat(a.get("findings").findValuesAsText("code")).contains("RISK-SMOKER", "RISK-OBESITY-SEVERE",
                "RISK-AGE-ADVANCED", "SET-HOSPITAL-STAY");
        assertThat(a.get("knowledgeBase").get("sha256").asText()).hasSize(64);
        assertThat(a.get("criteria")).hasSize(7);
    }

    @Test
    void theTextReportGivesVerdictAndWhyBeforeTheChecklistAndFindings() {
        String out = spinecds("assess", "patients/multilevel-stenosis.json").out();

        assertThat(out.indexOf("VERDICT:")).isLessThan(out.indexOf("Why:"));
        assertThat(out.indexOf("Why:")).isLessThan(out.indexOf("Candidacy checklist"));
        assertThat(out.indexOf("Candidacy checklist")).isLessThan(out.indexOf("Patient risk factors"));
        assertThat(out).contains("levels = 3 vertebral levels; >= 3 vertebral levels (openPreferredLevels)")
                .contains("source: S003").contains("rule: \"Multiple-level procedure\" in open-surgery.drl");
    }

    @Test
    void anUnknownFieldExitsOneNamingIt(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.json");
        Files.writeString(f, "{\"age\": 50, \"painScore\": 7}");

        Run run = spinecds("assess", f.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("painScore: unknown field").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aWrongTypeExitsOneNamingTheField(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.json");
        Files.writeString(f, "{\"bmi\": \"thirty\"}");

        Run run = spinecds("assess", f.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("bmi: must be a number, was a string");
    }

    @Test
    void anImpossibleValueExitsOneNamingTheFieldAndValue(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.json");
        Files.writeString(f, "{\"cobbAngleDeg\": 215}");

        Run run = spinecds("assess", f.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("cobbAngleDeg: must be from 0 to 180 deg, was 215");
    }

    @Test
    void aMissingFileExitsOne() {
        Run run = spinecds("assess", "no-such-patient.json");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("no such file");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(spinecds("assess").exit()).isEqualTo(2);
        assertThat(spinecds("assess", "patients/cauda-equina.json", "--format", "xml").exit()).isEqualTo(2);
        assertThat(spinecds("frobnicate").exit()).isEqualTo(2);
        assertThat(spinecds("--help").exit()).isZero();
    }

    @Test
    void checkPrintsTheFileAndLineOfASyntaxErrorAndExitsThree(@TempDir Path dir) throws Exception {
        Path drl = dir.resolve("site.drl");
        Files.writeString(drl, String.join("\n", List.of(
                "package org.spinecds.site;",
                "import org.spinecds.patient.*;",
                "rule \"Broken\"",
                "when",
                "    Patient( age > 10 ))",
                "then",
                "end", "")));

        Run run = spinecds("check", drl.toString());

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains(drl + ":5:");
    }

    @Test
    void checkAcceptsTheDefaultRulesAndReportsMetadataProblems(@TempDir Path dir) throws Exception {
        Run ok = spinecds("check", "../rules/src/main/resources/org/spinecds/rules");
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("OK");

        Path drl = dir.resolve("site.drl");
        Files.writeString(drl, String.join("\n", List.of(
                "package org.spinecds.site;",
                "import org.spinecds.patient.*;",
                "rule \"No metadata\"",
                "when",
                "    Patient( age > 10 )",
                "then",
                "end", "")));
        Run bad = spinecds("check", drl.toString());
        assertThat(bad.exit()).isEqualTo(3);
        assertThat(bad.err()).contains(drl + ":3: rule \"No metadata\": missing @code");
    }

    @Test
    void rulesListsEveryRuleAndThreshold() {
        Run run = spinecds("rules");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("RISK-SMOKER").contains("URG-BLADDER-BOWEL").contains("patient-risk.drl")
                .contains("obesityBmi").contains("kg/m2");
    }

    @Test
    void theEmbeddingExampleRuns() throws Exception {
        assertThat(Files.readAllLines(Path.of("src/main/java/org/spinecds/examples/EmbeddingExample.java")))
                .hasSizeLessThanOrEqualTo(20);
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            EmbeddingExample.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .startsWith("MINIMALLY_INVASIVE_CANDIDATE, decided by 7 findings")
                .contains("RISK-SURGEON-VOLUME-UNKNOWN");
    }
}
