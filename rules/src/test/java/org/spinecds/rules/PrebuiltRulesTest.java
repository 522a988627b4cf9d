package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecds.RuleInfo;
import org.spinecds.RuleLoadException;
import org.spinecds.SpineCds;
import org.spinecds.internal.KnowledgeBaseLoader;
import org.spinecds.internal.LoadedRules;
import org.spinecds.internal.PrebuiltRules;
import org.spinecds.internal.RuleSetSource;
import org.spinecds.json.AssessmentJson;
import org.spinecds.testkit.Scenarios;
import org.spinecds.patient.Patient;

/**
 * The default rule base is pre-built (generated as Drools' executable model by this module's build)
 * and is the same rule base as its DRL compiled at start-up: the same rules, with the same metadata
 * and file, the same assessment of every patient and the same rules fired on the way; a site's
 * thresholds keep it, a site's rules or a DRL file edited after the build compile the DRL instead. The
 * thresholds its rules name, stored with it, are checked against the catalogue as the DRL's are.
 */
class PrebuiltRulesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void theDefaultRulesArePrebuilt() {
        assertThat(Engine.ENGINE.knowledgeBase().prebuilt()).isTrue();
    }

    @Test
    void theSystemPropertySwitchesThePrebuiltRulesOff() {
        assertThat(compiled(() -> SpineCds.withDefaultRules()).knowledgeBase().prebuilt()).isFalse();
    }

    @Test
    void bothWaysGiveTheSameRulesWithTheirFiles() {
        SpineCds prebuilt = SpineCds.withDefaultRules();
        SpineCds compiled = compiled(() -> SpineCds.withDefaultRules());
        List<RuleInfo> rules = prebuilt.rules();
        assertThat(rules).hasSizeGreaterThan(100).isEqualTo(compiled.rules());
        assertThat(rules).allSatisfy(r -> assertThat(r.rule().file()).endsWith(".drl"));
        assertThat(prebuilt.knowledgeBase().sha256()).isEqualTo(compiled.knowledgeBase().sha256());
    }

    @Test
    void siteThresholdsKeepThePrebuiltRules(@TempDir Path dir) throws Exception {
        Path overrides = dir.resolve("site.json");
        Files.writeString(overrides, "{\"name\": \"site\", \"thresholds\": {}}");
        assertThat(SpineCds.builder().defaultRules().thresholds(overrides).build().knowledgeBase().prebuilt())
                .isTrue();
    }

    @Test
    void aSiteRuleSetCompilesEveryRuleSetFromDrl(@TempDir Path dir) throws Exception {
        Path drl = dir.resolve("site.drl");
        Files.writeString(drl, "package site;\n");
        SpineCds site = SpineCds.builder().defaultRules().rules(drl).build();
        assertThat(site.knowledgeBase().prebuilt()).isFalse();
        assertThat(site.rules()).isEqualTo(SpineCds.withDefaultRules().rules());
    }

    @Test
    void aDrlFileEditedAfterTheBuildIsCompiledWithAWarning() {
        LoadedRules loaded = loadedWithAWarning(editedDefaultRules("scope.drl", drl -> drl + "\n// edited\n"),
                "pre-built rule base was generated from other DRL files");

        assertThat(loaded.info().prebuilt()).isFalse();
        assertThat(loaded.rules()).isEqualTo(SpineCds.withDefaultRules().rules());
    }

    @Test
    void thePrebuiltRulesThresholdReferencesAreCheckedAgainstTheCatalogueReadNow() {
        // the thresholds catalogue edited after the build: a threshold the pre-built rules name is gone
        RuleSetSource rules = editedDefaultRules("thresholds.json",
                json -> json.replace("\"maxSvaCm\"", "\"maxSvaCmRenamed\""));

        CapturingLogs.start();
        try {
            assertThatThrownBy(() -> KnowledgeBaseLoader.load(List.of(rules)))
                    .isInstanceOf(RuleLoadException.class)
                    .hasMessageContaining("open-surgery.drl:")
                    .hasMessageContaining("maxSvaCm");
        } finally {
            assertThat(CapturingLogs.stop()).as("the pre-built rule base was taken").noneMatch(line ->
                    line.contains("Compiling the DRL"));
        }
    }

    @Test
    void unreadableThresholdReferencesCompileTheDrlWithAWarning() {
        LoadedRules loaded = loadedWithAWarning(editedDefaultRules(PrebuiltRules.FILE,
                properties -> properties.replace("thresholds={", "thresholds={{")),
                "thresholds of its pre-built rule base cannot be read");

        assertThat(loaded.info().prebuilt()).isFalse();
        assertThat(loaded.rules()).isEqualTo(SpineCds.withDefaultRules().rules());
    }

    /** The rule set loaded, with a WARN line among those logged that contains {@code warning}. */
    private static LoadedRules loadedWithAWarning(RuleSetSource rules, String warning) {
        CapturingLogs.start();
        try {
            return KnowledgeBaseLoader.load(List.of(rules));
        } finally {
            assertThat(CapturingLogs.stop()).anySatisfy(line -> assertThat(line).startsWith("WARN").contains(warning));
        }
    }

    /** The default rule set as a class loader finds it, with one of its files edited after the build. */
    private RuleSetSource editedDefaultRules(String file, UnaryOperator<String> edit) {
        ClassLoader edited = new ClassLoader(getClass().getClassLoader()) {
            @Override
            public InputStream getResourceAsStream(String name) {
                InputStream in = super.getResourceAsStream(name);
                if (in == null || !name.equals(SpineCds.DEFAULT_RULES + "/" + file)) {
                    return in;
                }
                try (in) {
                    return new ByteArrayInputStream(edit.apply(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        return RuleSetSource.fromClasspath(edited, SpineCds.DEFAULT_RULES);
    }

    @Test
    void bothWaysAssessEveryScenarioPatientAlikeAndFireTheSameRules() throws Exception {
        List<Patient> patients = new ArrayList<>();
        for (Path f : Scenarios.files(ScenarioSuiteTest.SCENARIOS)) {
            patients.add(Scenarios.parse(f.toString(), Files.readAllBytes(f)).patient());
        }
        assertThat(patients).hasSizeGreaterThanOrEqualTo(150);
        assertSameAssessments(patients);
    }

    @Tag("slow")
    @Test
    void bothWaysAssessRandomPatientsAlikeAndFireTheSameRules() {
        assertSameAssessments(RandomPatients.generate(14, 2_000));
    }

    @Tag("slow")
    @Test
    void bothWaysAssessPatientsWithListsKnownMemberByMemberAlike() {
        java.util.Random random = new java.util.Random(15);
        List<Patient> patients = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            patients.add(RandomPatients.partial(random));
        }
        assertSameAssessments(patients);
    }

    private static void assertSameAssessments(List<Patient> patients) {
        SpineCds prebuilt = SpineCds.builder().defaultRules().clock(CLOCK).build();
        SpineCds compiled = compiled(() -> SpineCds.builder().defaultRules().clock(CLOCK).build());
        for (Patient p : patients) {
            SpineCds.Trace a = prebuilt.trace(p);
            SpineCds.Trace b = compiled.trace(p);
            assertThat(AssessmentJson.write(a.assessment())).isEqualTo(AssessmentJson.write(b.assessment()));
            assertThat(a.firedRules()).isEqualTo(b.firedRules());
        }
    }

    /** An engine built with the pre-built rule base switched off. */
    private static SpineCds compiled(Supplier<SpineCds> build) {
        SpineCds engine = Engine.compiledFromDrl(build);
        assertThat(engine.knowledgeBase().prebuilt()).isFalse();
        return engine;
    }
}
