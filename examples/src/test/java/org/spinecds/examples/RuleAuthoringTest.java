package org.spinecds.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinecds.examples.CliTest.spinecds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecds.json.AssessmentJson;

/** The rule author's tools: site rules and thresholds, scenario tests, the traceability document. */
class RuleAuthoringTest {

    private static final String SITE = "site-rules";
    private static final String SITE_THRESHOLDS = "site-thresholds.json";
    private static final Path SCENARIOS = Path.of("..", "rules", "src", "test", "scenarios");

    private static JsonNode assess(String patient, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("assess", CliTest.FIXTURES.resolve(patient).toString(),
                "--format", "json"));
        args.addAll(List.of(options));
        CliTest.Run run = spinecds(args.toArray(String[]::new));
        assertThat(run.exit()).as(run.err()).isZero();
        return AssessmentJson.parse(run.out());
    }

    private static List<String> codes(JsonNode a) {
        return a.get("findings").findValuesAsText("code");
    }

    @Test
    void aSiteRuleSetAddsReplacesAndDisablesRulesVisiblyInAssess() {
        JsonNode before = assess("smoker-hospital-stay.json");
        JsonNode after = assess("smoker-hospital-stay.json", "--rules", SITE);

        // added: the symptoms have lasted 52 weeks
        assertThat(codes(before)).doesNotContain("SITE-CHRONIC-PAIN");
        assertThat(codes(after)).contains("SITE-CHRONIC-PAIN");
        // replaced: same code, the centre's rule and action
        assertThat(after.get("findings").findValues("rule").stream().map(r -> r.get("name").asText()))
                .contains("Current smoker (centre policy)").doesNotContain("Current smoker");
        // disabled: the surgeon's count is unknown, and the centre has switched that rule off
        assertThat(codes(before)).contains("RISK-SURGEON-VOLUME-UNKNOWN");
        assertThat(codes(after)).doesNotContain("RISK-SURGEON-VOLUME-UNKNOWN");
        JsonNode kb = after.get("knowledgeBase");
        assertThat(kb.get("replaced").get(0).get("code").asText()).isEqualTo("RISK-SMOKER");
        assertThat(kb.get("disabled").get(0).asText()).isEqualTo("RISK-SURGEON-VOLUME-UNKNOWN");
        assertThat(kb.get("name").asText()).isEqualTo("spinecds-default+example-spine-centre");
    }

    @Test
    void aThresholdsFileChangesTheBmiLimitVisiblyInAssessAndRules() {
        // the override is listed by rules and recorded in every assessment (its effect: the next test)
        JsonNode defaults = assess("same-day-candidate.json");
        assertThat(codes(defaults)).contains("SET-SAME-DAY");

        CliTest.Run run = spinecds("rules", "--thresholds", SITE_THRESHOLDS);
        assertThat(run.exit()).isZero();
        assertThat(run.out()).containsPattern("outpatientMaxBmi +38 kg/m2 .*\\(site override\\)");

        JsonNode site = assess("same-day-candidate.json", "--thresholds", SITE_THRESHOLDS);
        JsonNode override = site.get("knowledgeBase").get("thresholdOverrides").get(0);
        assertThat(override.get("name").asText()).isEqualTo("outpatientMaxBmi");
        assertThat(override.get("default").asDouble()).isEqualTo(42);
        assertThat(override.get("value").asDouble()).isEqualTo(38);
    }

    @Test
    void theSiteBmiLimitDecidesSameDaySurgery(@TempDir Path dir) throws Exception {
        Path patient = dir.resolve("p.json");
        Files.writeString(patient, Files.readString(CliTest.FIXTURES.resolve("same-day-candidate.json"))
                .replace("\"bmi\": 24.8", "\"bmi\": 39.0"));

        CliTest.Run defaults = spinecds("assess", patient.toString(), "--format", "json");
        CliTest.Run site = spinecds("assess", patient.toString(), "--format", "json", "--thresholds", SITE_THRESHOLDS);

        assertThat(codes(AssessmentJson.parse(defaults.out()))).contains("SET-SAME-DAY");
        assertThat(codes(AssessmentJson.parse(site.out()))).contains("SET-HOSPITAL-STAY").doesNotContain("SET-SAME-DAY");
        assertThat(spinecds("assess", patient.toString(), "--thresholds", SITE_THRESHOLDS).out())
                .contains("BMI 39 is not below 38").contains("site: threshold outpatientMaxBmi = 38 kg/m2 (default 42");
    }

    @Test
    void theProjectScenariosPass() {
        CliTest.Run run = spinecds("test", SCENARIOS.toString());

        assertThat(run.exit()).as(run.out()).isZero();
        String[] lines = run.out().strip().split("\n");
        assertThat(lines[lines.length - 1]).matches("\\d+ passed, 0 failed");
    }

    @Test
    void aWrongScenarioFailsPrintingTheDifference(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("wrong.json"), """
                {"name": "A smoker expected to be a candidate with no risk",
                 "patient": {"smokingStatus": "CURRENT", "diagnoses": ["HERNIATED_DISC"]},
                 "expect": {"verdict": "MINIMALLY_INVASIVE_CANDIDATE", "absent": ["RISK-1"],
                            "criteria": {"CAND-1": "NOT_MET"}, "missingInputs": ["bmi"]}}
                """);
        Files.writeString(dir.resolve("right.json"), """
                {"name": "Nothing known", "patient": {},
                 "expect": {"verdict": "INSUFFICIENT_INFORMATION", "missingInputs": ["diagnoses"]}}
                """);

        CliTest.Run run = spinecds("test", dir.toString());

        assertThat(run.exit()).isEqualTo(5);
        assertThat(run.out()).contains("FAILED " + dir.resolve("wrong.json"))
                .contains("verdict: expected MINIMALLY_INVASIVE_CANDIDATE, got INSUFFICIENT_INFORMATION")
                .contains("finding RISK-1: expected absent, but got [RISK-SMOKER]")
                .contains("criterion CAND-1: expected NOT_MET, got MET")
                .contains("missing input bmi: expected among the missing inputs")
                .contains("Rules no scenario made fire")
                .endsWith("1 passed, 1 failed\n");
    }

    @Test
    void theCommittedTraceabilityDocumentIsUpToDate() throws Exception {
        CliTest.Run run = spinecds("rules", "--format", "markdown", "--scenarios", SCENARIOS.toString());

        assertThat(run.exit()).isZero();
        assertThat(Files.readString(Path.of("..", "docs", "rules.md")))
                .as("docs/rules.md is out of date: regenerate it as docs/rule-authoring.md says")
                .isEqualTo(run.out());
    }
}
