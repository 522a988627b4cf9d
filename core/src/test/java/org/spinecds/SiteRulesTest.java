package org.spinecds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecds.patient.Patient;

/** Site rule sets on top of a base rule set: add, replace, disable; threshold overrides. */
class SiteRulesTest {

    @TempDir
    Path base;

    @TempDir
    Path site;

    private static final String SITE_RULE = """
            package org.spinecds.site;
            import org.spinecds.patient.*;
            import function org.spinecds.rule.RuleKit.finding;

            rule "%s"
                @code("%s") @criterion("FIX-1") @source("SRC-A") %s
                @category("patient-risk") @severity("warning")
            when
                Patient( age != null, age >= %d )
            then
                insertLogical( finding(drools).summary("Site rule").detail("Site rule fired") );
            end
            """;

    @BeforeEach
    void baseRuleSet() {
        Fixture.copyTo(base);
    }

    private void siteRule(String file, String name, String code, String replaces, int age) {
        Fixture.write(site.resolve(file), SITE_RULE.formatted(name, code,
                replaces == null ? "" : "@replaces(\"" + replaces + "\")", age));
    }

    private SpineCds engine() {
        return SpineCds.builder().rules(base).rules(site).build();
    }

    @Test
    void aSiteRuleWithANewCodeIsAdded() {
        siteRule("site.drl", "Site age check", "SITE-AGE", null, 40);

        SpineCds engine = engine();

        assertThat(engine.assess(Patient.builder().age(45).build()).findingCodes()).containsExactly("SITE-AGE");
        assertThat(engine.assess(Patient.builder().age(65).build()).findingCodes()).containsExactly("FIX-OLD", "SITE-AGE");
        assertThat(engine.knowledgeBase().ruleSets()).hasSize(2);
        assertThat(engine.knowledgeBase().name()).isEqualTo("fixture+" + site.getFileName());
    }

    @Test
    void aSiteRuleReplacesADefaultRuleByCode() {
        siteRule("site.drl", "Stricter age check", "FIX-OLD-SITE", "FIX-OLD", 50);

        SpineCds engine = engine();
        Assessment a = engine.assess(Patient.builder().age(55).build());

        assertThat(a.findingCodes()).containsExactly("FIX-OLD-SITE");
        assertThat(engine.assess(Patient.builder().age(70).build()).findingCodes()).containsExactly("FIX-OLD-SITE");
        assertThat(a.knowledgeBase().replaced()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo("FIX-OLD");
            assertThat(r.byCode()).isEqualTo("FIX-OLD-SITE");
            assertThat(r.byRule()).isEqualTo("Stricter age check");
            assertThat(r.file()).endsWith("site.drl");
        });
        assertThat(engine.rules()).extracting(RuleInfo::code).doesNotContain("FIX-OLD");
    }

    @Test
    void aReplacementMayKeepTheCode() {
        siteRule("site.drl", "Stricter age check", "FIX-OLD", "FIX-OLD", 50);

        SpineCds engine = engine();

        assertThat(engine.assess(Patient.builder().age(55).build()).findingCodes()).containsExactly("FIX-OLD");
        assertThat(engine.rules()).filteredOn(r -> r.code().equals("FIX-OLD")).singleElement()
                .satisfies(r -> assertThat(r.rule().name()).isEqualTo("Stricter age check"));
    }

    @Test
    void aSiteRuleSetDisablesADefaultRuleByCode() {
        siteRule("site.drl", "Site age check", "SITE-AGE", null, 99);
        Fixture.write(site.resolve("ruleset.json"), "{\"name\": \"city\", \"version\": \"7\", \"disable\": [\"FIX-OLD\"]}");

        SpineCds engine = engine();

        assertThat(engine.assess(Patient.builder().age(70).build()).findingCodes()).isEmpty();
        assertThat(engine.knowledgeBase().disabled()).containsExactly("FIX-OLD");
        assertThat(engine.knowledgeBase().name()).isEqualTo("fixture+city");
        assertThat(engine.knowledgeBase().version()).isEqualTo("1.2.3+7");
    }

    @Test
    void twoSiteRulesReplacingTheSameCodeFail() {
        siteRule("a.drl", "First replacement", "SITE-A", "FIX-OLD", 50);
        siteRule("b.drl", "Second replacement", "SITE-B", "FIX-OLD", 55);

        RuleLoadException e = catchThrowableOfType(RuleLoadException.class, this::engine);

        assertThat(e.getMessage()).contains("@replaces(FIX-OLD) is already replaced by rule \"First replacement\"")
                .contains("b.drl");
    }

    @Test
    void replacingOrDisablingACodeThatDoesNotExistFails() {
        siteRule("site.drl", "Replacement", "SITE-A", "NO-SUCH-CODE", 50);
        Fixture.write(site.resolve("ruleset.json"), "{\"disable\": [\"ALSO-MISSING\"]}");

        RuleLoadException e = catchThrowableOfType(RuleLoadException.class, this::engine);

        assertThat(e.getMessage()).contains("@replaces(NO-SUCH-CODE) names no rule of an earlier rule set")
                .contains("disables ALSO-MISSING, which no earlier rule set defines");
    }

    @Test
    void aSiteRuleReusingACodeWithoutReplacingFails() {
        siteRule("site.drl", "Same code", "FIX-OLD", null, 50);

        assertThat(catchThrowableOfType(RuleLoadException.class, this::engine).getMessage())
                .contains("@code(FIX-OLD) is already used by rule \"Older than the fixture age\"");
    }

    @Test
    void aThresholdOverrideChangesTheRuleAndIsRecorded() throws Exception {
        Path file = site.resolve("thresholds-site.json");
        Files.writeString(file, "{\"name\": \"city\", \"thresholds\": {\"fixtureAge\": {\"value\": 50, \"unit\": \"years\"}}}");

        SpineCds engine = SpineCds.builder().rules(base).thresholds(file).build();
        Assessment a = engine.assess(Patient.builder().age(55).build());

        assertThat(a.findings()).singleElement().satisfies(f ->
                assertThat(f.evidence()).containsExactly(new Evidence("age", 55, "years", ">=", 50, "fixtureAge")));
        assertThat(a.knowledgeBase().thresholdOverrides()).singleElement().satisfies(o -> {
            assertThat(o.name()).isEqualTo("fixtureAge");
            assertThat(o.defaultValue()).isEqualTo(60);
            assertThat(o.value()).isEqualTo(50);
        });
        assertThat(engine.thresholds()).singleElement().satisfies(t -> assertThat(t.getValue()).isEqualTo(50));
        assertThat(a.knowledgeBase().sha256())
                .isNotEqualTo(SpineCds.builder().rules(base).build().knowledgeBase().sha256());
    }

    @Test
    void invalidThresholdOverridesFailNamingTheProblem() throws Exception {
        Path file = site.resolve("t.json");
        Files.writeString(file, """
                {"thresholds": {
                  "noSuchThreshold": {"value": 1, "unit": "years"},
                  "fixtureAge": {"value": 50, "unit": "months"}
                }}""");
        RuleLoadException e = catchThrowableOfType(RuleLoadException.class,
                () -> SpineCds.builder().rules(base).thresholds(file).build());
        assertThat(e.getMessage()).contains("threshold noSuchThreshold is not defined by the rule base")
                .contains("threshold fixtureAge: \"unit\" must be \"years\", was \"months\"");

        Files.writeString(file, "{\"thresholds\": {\"fixtureAge\": {\"value\": 20, \"unit\": \"years\"}}}");
        assertThat(catchThrowableOfType(RuleLoadException.class,
                () -> SpineCds.builder().rules(base).thresholds(file).build()).getMessage())
                .contains("threshold fixtureAge: 20 is outside the plausible range 40 to 90 years");

        Files.writeString(file, "{\"thresholds\": {\"fixtureAge\": {\"value\": \"50\", \"unit\": \"years\"}}}");
        assertThat(catchThrowableOfType(RuleLoadException.class,
                () -> SpineCds.builder().rules(base).thresholds(file).build()).getMessage())
                .contains("t.json: /thresholds/fixtureAge/value: ").contains("number");
    }
}
