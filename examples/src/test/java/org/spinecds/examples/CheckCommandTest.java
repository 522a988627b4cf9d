package org.spinecds.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinecds.examples.CliTest.spinecds;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecds.examples.cli.SpineCdsCli;

import picocli.CommandLine;

/**
 * {@code check} checks a rule set as {@code assess --rules} loads it (after the default rules and the
 * {@code --rules} sets, with the {@code --thresholds} files) and lints its DRL; {@code test --rules}
 * reports the site's own unfired rules; no {@code --help} prints a picocli warning.
 */
class CheckCommandTest {

    private static final String SITE = "site-rules";
    private static final String DEFAULT_RULES = "../rules/src/main/resources/org/spinecds/rules";

    private static final String HEADER = """
            package org.spinecds.site;
            import org.spinecds.patient.*;
            import function org.spinecds.rule.RuleKit.finding;
            """;

    /** A site rule (its {@code rule} line is the fourth of the file after {@link #HEADER}). */
    private static String rule(String name, String code, String replaces, String consequence) {
        return """
                rule "%s"
                    @code("%s") %s @criterion("RISK-1") @source("S001")
                    @category("patient-risk") @severity("info")
                when
                    Patient( age != null, age > 120 )
                then
                %s
                    insertLogical( finding(drools).summary("x").detail("x") );
                end
                """.formatted(name, code, replaces == null ? "" : "@replaces(\"" + replaces + "\")", consequence);
    }

    @Test
    void theExampleSiteRuleSetPassesAsItLoads() {
        CliTest.Run run = spinecds("check", SITE);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith(SITE + ": OK, 0 problems, 0 warnings; 2 of its rules in force")
                .contains("checked after the default rules");
        // and it loads so: assess accepts it
        assertThat(spinecds("assess", CliTest.FIXTURES.resolve("smoker-hospital-stay.json").toString(), "--rules",
                SITE).exit()).isZero();
    }

    @Test
    void aSiteRuleReusingADefaultCodeWithoutReplacesFailsWithItsFileAndLine(@TempDir Path dir) throws Exception {
        Path drl = dir.resolve("site.drl");
        Files.writeString(drl, HEADER + rule("Our smoker rule", "RISK-SMOKER", null, ""));

        CliTest.Run run = spinecds("check", dir.toString());

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains(drl + ":4: rule \"Our smoker rule\": @code(RISK-SMOKER) is already used by "
                + "rule \"Current smoker\"").contains(dir + ": 1 problem, 0 warnings (checked after the default rules)");
        // as assess refuses it
        assertThat(spinecds("assess", CliTest.FIXTURES.resolve("smoker-hospital-stay.json").toString(), "--rules",
                dir.toString()).exit()).isEqualTo(3);
    }

    @Test
    void theRulesSetsGivenAreLoadedBeforeThePathChecked(@TempDir Path dir) throws Exception {
        Path first = Files.createDirectory(dir.resolve("first"));
        Path second = Files.createDirectory(dir.resolve("second"));
        Files.writeString(first.resolve("first.drl"), HEADER + rule("Site rule", "SITE-FIRST", null, ""));
        Files.writeString(second.resolve("second.drl"), HEADER + rule("Better site rule", "SITE-FIRST", "SITE-FIRST",
                ""));

        CliTest.Run alone = spinecds("check", second.toString());
        assertThat(alone.exit()).isEqualTo(3);
        assertThat(alone.err()).contains("@replaces(SITE-FIRST) names no rule of an earlier rule set");

        CliTest.Run after = spinecds("check", "--rules", first.toString(), second.toString());
        assertThat(after.exit()).as(after.err()).isZero();
        assertThat(after.out()).contains("1 of its rules in force").contains("after the default rules and 1 --rules set");
    }

    @Test
    void aThresholdFileGivenIsCheckedToo(@TempDir Path dir) throws Exception {
        Path thresholds = dir.resolve("t.json");
        Files.writeString(thresholds, "{\"thresholds\": {\"chronicSymptomWeeks\": {\"value\": 26, \"unit\": \"weeks\"}}}");
        CliTest.Run ok = spinecds("check", SITE, "--thresholds", thresholds.toString(), "--thresholds",
                "site-thresholds.json");
        assertThat(ok.exit()).as(ok.err()).isZero();

        Files.writeString(thresholds, "{\"thresholds\": {\"chronicSymptomWeeks\": {\"value\": 26, \"unit\": \"weeks\", "
                + "\"note\": \"x\"}}}");
        CliTest.Run bad = spinecds("check", SITE, "--thresholds", thresholds.toString());
        assertThat(bad.exit()).isEqualTo(3);
        assertThat(bad.err()).contains(thresholds + ": /thresholds/chronicSymptomWeeks/note: unknown field");
    }

    @Test
    void standaloneChecksASetOnItsOwnAgainstTheDefaultCatalogues() {
        CliTest.Run defaults = spinecds("check", "--standalone", DEFAULT_RULES);
        assertThat(defaults.exit()).as(defaults.err()).isZero();
        assertThat(defaults.out()).contains("OK, 0 problems, 0 warnings").contains("on its own");
        assertThat(defaults.err()).isEmpty();

        // the example site set replaces and disables default rules, so on its own it does not load
        CliTest.Run site = spinecds("check", "--standalone", SITE);
        assertThat(site.exit()).isEqualTo(3);
        assertThat(site.err()).contains("@replaces(RISK-SMOKER) names no rule of an earlier rule set");
    }

    @Test
    void callsARuleMustNotMakeAreWarningsWithFileLineAndRule(@TempDir Path dir) throws Exception {
        Path drl = dir.resolve("site.drl");
        Files.writeString(drl, HEADER + rule("Stops the host", "SITE-EXIT", null, """
                    String why = "System.exit would be bad"; // so would System.out
                    System.exit(1);"""));

        CliTest.Run run = spinecds("check", dir.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEqualTo(drl + ":11: warning: rule \"Stops the host\" calls System.exit: a rule must "
                + "not stop the host\n");
        assertThat(run.out()).contains("OK, 0 problems, 1 warning;");

        CliTest.Run strict = spinecds("check", "--strict", dir.toString());
        assertThat(strict.exit()).isEqualTo(3);
        assertThat(strict.err()).contains(drl + ":11: warning:");
    }

    @Test
    void testWithRulesReportsTheUnfiredRulesOfTheSiteSetOnly(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("smoker.json"), """
                {"name": "A smoker, nothing else known", "patient": {"smokingStatus": "CURRENT"},
                 "expect": {"verdict": "INSUFFICIENT_INFORMATION", "findings": ["RISK-SMOKER"]}}
                """);

        CliTest.Run site = spinecds("test", "--rules", SITE, dir.toString());
        assertThat(site.exit()).as(site.out()).isZero();
        assertThat(site.out()).contains("Rules of the --rules sets no scenario made fire (1): SITE-CHRONIC-PAIN\n")
                .endsWith("1 passed, 0 failed\n");

        CliTest.Run defaults = spinecds("test", dir.toString());
        assertThat(defaults.out()).containsPattern("Rules no scenario made fire \\(\\d+\\): .*CAND-3-TOO-SHORT");

        CliTest.Run oneFile = spinecds("test", dir.resolve("smoker.json").toString());
        assertThat(oneFile.out()).as("one file is not a suite: no list of the rules it leaves out")
                .isEqualTo("1 passed, 0 failed\n");
    }

    /** picocli prints its warnings (a description it cannot format, say) straight to System.err. */
    @Test
    void noHelpPrintsAPicocliWarning() {
        List<List<String>> helps = new ArrayList<>();
        helps.add(List.of("--help"));
        new CommandLine(new SpineCdsCli()).getSubcommands().keySet()
                .forEach(sub -> helps.add(List.of(sub, "--help")));
        assertThat(helps).hasSizeGreaterThan(7);

        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            for (List<String> args : helps) {
                CliTest.Run run = spinecds(args.toArray(String[]::new));
                assertThat(run.exit()).as("%s", args).isZero();
                assertThat(run.err()).as("%s", args).isEmpty();
                assertThat(run.out()).as("%s", args).startsWith("Usage: spinecds");
            }
        } finally {
            System.setErr(stderr);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
