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
import org.spinecds.Assessment;
import org.spinecds.MissingInput;
import org.spinecds.SpineCds;
import org.spinecds.Verdict;
import org.spinecds.examples.cli.SpineCdsCli;
import org.spinecds.json.AssessmentJson;
import org.spinecds.json.PatientJson;

class CliTest {

    private static final Path PATIENTS = Path.of("patients");
    /** Patients of these tests, on the version 2 inputs, one for each verdict and a few more. */
    static final Path FIXTURES = Path.of("src/test/resources/cli-patients");
    private static final SpineCds ENGINE = SpineCds.withDefaultRules();

    private static List<Path> examplePatients() throws Exception {
        try (Stream<Path> files = Files.list(PATIENTS)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    record Run(int exit, String out, String err) {
    }

    static Run spinecds(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SpineCdsCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Every example patient: the tool gives the engine's own verdict, as JSON and in the text report. */
    @Test
    void everyExamplePatientGetsTheEnginesVerdictInJsonAndText() throws Exception {
        for (Path f : examplePatients()) {
            Verdict expected = ENGINE.assess(PatientJson.read(f)).verdict();
            Run json = spinecds("assess", f.toString(), "--format", "json");
            Run text = spinecds("assess", f.toString());

            assertThat(json.exit()).as(f + ": " + json.err()).isZero();
            assertThat(AssessmentJson.parse(json.out()).get("verdict").asText()).as(f.toString())
                    .isEqualTo(expected.name());
            assertThat(text.exit()).isZero();
            assertThat(text.out()).as(f.toString()).contains("VERDICT: " + expected.title() + " (" + expected + ")");
        }
    }

    @Test
    void theExamplePatientsCoverEveryVerdict() throws Exception {
        Set<Verdict> seen = EnumSet.noneOf(Verdict.class);
        for (Path f : examplePatients()) {
            Run run = spinecds("assess", f.toString(), "--format", "json");
            assertThat(run.exit()).as(f + ": " + run.err()).isZero();
            seen.add(Verdict.valueOf(AssessmentJson.parse(run.out()).get("verdict").asText()));
        }
        assertThat(seen).containsExactlyInAnyOrder(Verdict.values());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "cauda-equina.json, URGENT_EVALUATION",
            "adolescent.json, OUTSIDE_SCOPE",
            "no-listed-condition.json, OUTSIDE_SCOPE",
            "axial-pain.json, SURGERY_NOT_INDICATED",
            "short-conservative-care.json, CONSERVATIVE_CARE_FIRST",
            "discordant-imaging.json, FURTHER_EVALUATION",
            "multilevel-open.json, OPEN_SURGERY_PREFERRED",
            "same-day-candidate.json, MINIMALLY_INVASIVE_CANDIDATE",
            "unscreened-referral.json, INSUFFICIENT_INFORMATION"
    })
    void theTextReportNamesAndExplainsEachVerdict(String file, Verdict expected) {
        Run run = spinecds("assess", FIXTURES.resolve(file).toString());

        assertThat(run.exit()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        int at = lines.indexOf("VERDICT: " + expected.title() + " (" + expected + ")");
        assertThat(at).as(run.out()).isPositive();
        String meaning = lines.get(at + 1);
        assertThat(meaning).startsWith("  ").hasSizeGreaterThan(60)
                .as("no number written into the explanation by hand").doesNotContainPattern("\\d");
        if (expected.isRanked()) {
            assertThat(lines.get(at + 2)).startsWith("  Verdict " + expected.rank() + " of 7 in the verdict order")
                    .endsWith("it holds whatever the inputs not recorded turn out to be.");
            assertThat(run.out()).doesNotContain("Verdicts still possible").doesNotContain("Inputs to collect");
        } else {
            assertThat(run.out()).contains("Verdicts still possible").contains("Inputs to collect");
        }
    }

    @Test
    void theExplanationsOfTheVerdictsDiffer() {
        Set<String> meanings = new java.util.HashSet<>();
        for (String file : List.of("cauda-equina.json", "adolescent.json", "axial-pain.json",
                "short-conservative-care.json", "discordant-imaging.json", "multilevel-open.json",
                "same-day-candidate.json", "unscreened-referral.json")) {
            List<String> lines = spinecds("assess", FIXTURES.resolve(file).toString()).out().lines().toList();
            meanings.add(lines.get(lines.indexOf(lines.stream().filter(l -> l.startsWith("VERDICT: ")).findFirst()
                    .orElseThrow()) + 1));
        }
        assertThat(meanings).hasSize(8);
    }

    @Test
    void jsonOutputUsesTheAssessmentFieldNames() {
        JsonNode a = AssessmentJson.parse(spinecds("assess", FIXTURES.resolve("smoker-hospital-stay.json").toString(),
                "--format", "json").out());

        assertThat(a.fieldNames()).toIterable().containsExactly("verdict", "decidedBy", "overridden",
                "possibleVerdicts", "criteria", "findings", "missingInputs", "toSettle", "inputsToComplete",
                "knowledgeBase", "assessedAt");
        assertThat(a.get("findings").get(0).fieldNames()).toIterable().containsExactly("code", "criterion",
                "category", "severity", "summary", "detail", "evidence", "sources", "rule", "action");
        assertThat(a.get("findings").findValuesAsText("code")).contains("RISK-SMOKER", "RISK-OBESITY-SEVERE",
                "RISK-AGE-ADVANCED", "SET-HOSPITAL-STAY");
        assertThat(a.get("knowledgeBase").get("sha256").asText()).hasSize(64);
        assertThat(a.get("criteria")).hasSize(8);
        assertThat(a.get("possibleVerdicts")).extracting(JsonNode::asText)
                .containsExactly("MINIMALLY_INVASIVE_CANDIDATE");
        assertThat(a.get("inputsToComplete").findValuesAsText("input")).contains("surgeonMissProcedures");
    }

    @Test
    void theTextReportGivesVerdictAndWhyBeforeTheChecklistAndFindings() {
        String out = spinecds("assess", FIXTURES.resolve("multilevel-open.json").toString()).out();

        assertThat(out.indexOf("VERDICT:")).isLessThan(out.indexOf("Why:"));
        assertThat(out.indexOf("Why:")).isLessThan(out.indexOf("Candidacy checklist, CAND-1 to CAND-8"));
        assertThat(out.indexOf("Candidacy checklist")).isLessThan(out.indexOf("Open surgery preferred\n---"));
        assertThat(out.indexOf("Open surgery preferred\n---")).isLessThan(out.indexOf("Patient risk factors"));
        assertThat(out).contains("levels = 3 motion segments; >= 3 motion segments (openPreferredLevels)")
                .contains("source: S003").contains("rule: \"Multiple-level procedure\" in open-surgery.drl")
                .contains("[NOT_MET] CAND-8");
    }

    @Test
    void anIncompleteReferralListsThePossibleVerdictsAndTheInputsToCollectInVerdictOrder() throws Exception {
        Path file = FIXTURES.resolve("unscreened-referral.json");
        Assessment a = ENGINE.assess(PatientJson.read(file));
        String out = spinecds("assess", file.toString()).out();

        // the verdicts still possible, in order, after the reasons
        int possible = out.indexOf("Verdicts still possible, in verdict order");
        assertThat(possible).isGreaterThan(out.indexOf("Why:"));
        int last = possible;
        for (Verdict v : a.possibleVerdicts()) {
            int at = out.indexOf("  " + v.rank() + ". " + v.title() + " (" + v + ")\n", possible);
            assertThat(at).as(v.name()).isGreaterThan(last);
            last = at;
        }
        // then the inputs to collect, grouped by the verdict each settles, red-flag screen first, each once
        int collect = out.indexOf("Inputs to collect, in verdict order:");
        assertThat(collect).isGreaterThan(last);
        assertThat(out.indexOf("  to settle 1. Urgent evaluation (the red-flag screen):")).isGreaterThan(collect);
        last = collect;
        for (MissingInput m : a.toSettle()) {
            int group = out.indexOf("  to settle " + m.verdict().rank() + ". " + m.verdict().title(), collect);
            int at = out.indexOf("    - " + m.input() + " [" + String.join(", ", m.criteria()) + "]: ", collect);
            assertThat(at).as(m.input()).isGreaterThan(last).isGreaterThan(group);
            last = at;
        }
        assertThat(a.toSettle()).extracting(MissingInput::input).containsExactlyElementsOf(a.missingInputs())
                .startsWith("bladderBowelDysfunction", "saddleAnaesthesia", "progressiveMotorWeakness");
        // apart: the inputs that complete the picture, then what the verdict outranked, then the checklist
        int complete = out.indexOf("Also not recorded, to complete the risk, setting and recovery picture:");
        assertThat(complete).isGreaterThan(last);
        assertThat(out).contains("    - adultCaregiverAtHome [SET-1]: An adult can drive the patient home");
        assertThat(out.indexOf("Candidacy checklist")).isGreaterThan(complete);
        assertThat(out).contains("Scope\n-----\n").contains("SCOPE-UNKNOWN (SCOPE-U, warning)");
    }

    @Test
    void aDefinitiveVerdictWithInputsNotRecordedSaysItHoldsWhateverTheyAre() {
        String out = spinecds("assess", FIXTURES.resolve("smoker-hospital-stay.json").toString()).out();

        assertThat(out).contains("Not recorded, to complete the risk, setting and recovery picture (the verdict "
                + "holds whatever they are):\n    - surgeonMissProcedures [RISK-9]: ");
    }

    @Test
    void aVerdictOutrankingAnotherSaysSoAndGivesTheAction() {
        String out = spinecds("assess", FIXTURES.resolve("adolescent.json").toString()).out();

        assertThat(out).contains("Outside scope: age 15, under 18 [SCOPE-CHILD, SCOPE-1]\n      action: Refer to a "
                + "paediatric spine service");
        assertThat(out).containsPattern("Also holds, but outranked:\n  - Candidate for minimally invasive spine "
                + "surgery \\(MINIMALLY_INVASIVE_CANDIDATE\\) from CAND-1-CONDITION, .*: yields to OUTSIDE_SCOPE");
    }

    @Test
    void theTextReportTakesItsNumbersFromTheThresholdsInForce(@TempDir Path dir) throws Exception {
        Path thresholds = dir.resolve("thresholds.json");
        Files.writeString(thresholds, "{\"name\": \"test-site\", \"thresholds\": {\"minConservativeCareWeeks\": "
                + "{\"value\": 8, \"unit\": \"weeks\"}}}");
        String defaults = spinecds("assess", FIXTURES.resolve("short-conservative-care.json").toString()).out();
        String site = spinecds("assess", FIXTURES.resolve("short-conservative-care.json").toString(), "--thresholds",
                thresholds.toString()).out();

        assertThat(defaults).contains("under the 6-week minimum").contains("at least 6 weeks");
        assertThat(site).contains("under the 8-week minimum").contains("at least 8 weeks").doesNotContain("6-week")
                .contains("site: threshold minConservativeCareWeeks = 8 weeks (default 6");
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
    void aMissingFileIsAnIoErrorNamingIt() {
        Run run = spinecds("assess", "no-such-patient.json");

        assertThat(run.exit()).isEqualTo(6);
        assertThat(run.err()).contains("no-such-patient.json: no such file or directory").doesNotContain("invalid patient");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(spinecds("assess").exit()).isEqualTo(2);
        assertThat(spinecds("assess", FIXTURES.resolve("cauda-equina.json").toString(), "--format", "xml").exit())
                .isEqualTo(2);
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
        Run ok = spinecds("check", "--standalone", "../rules/src/main/resources/org/spinecds/rules");
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
                .startsWith("MINIMALLY_INVASIVE_CANDIDATE, possible [MINIMALLY_INVASIVE_CANDIDATE], to collect []")
                .contains("RISK-SURGEON-VOLUME-UNKNOWN").contains("SET-UNDETERMINED");
    }
}
