package org.spinecds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A misspelt field of a catalogue, manifest or threshold-override file would be silently ignored, and
 * the rule base would then differ from what its author wrote: every unknown field is refused, naming
 * the file and the field.
 */
class CatalogueFieldsTest {

    @TempDir
    Path base;

    @TempDir
    Path other;

    @BeforeEach
    void ruleSet() {
        Fixture.copyTo(base);
    }

    private RuleLoadException loadFails() {
        RuleLoadException e = catchThrowableOfType(RuleLoadException.class, () -> SpineCds.builder().rules(base).build());
        assertThat(e).as("loading fails").isNotNull();
        return e;
    }

    private RuleLoadException overrideFails(String json) {
        Path file = other.resolve("site-thresholds.json");
        Fixture.write(file, json);
        RuleLoadException e = catchThrowableOfType(RuleLoadException.class,
                () -> SpineCds.builder().rules(base).thresholds(file).build());
        assertThat(e).as("loading fails").isNotNull();
        return e;
    }

    @Test
    void theFixtureLoads() {
        assertThat(SpineCds.builder().rules(base).build().rules()).hasSize(2);
    }

    @Test
    void anUnknownFieldInsideAThresholdOverrideIsRefused() {
        RuleLoadException e = overrideFails(
                "{\"thresholds\": {\"fixtureAge\": {\"value\": 50, \"unit\": \"years\", \"vaule\": 45}}}");

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("site-thresholds.json");
            assertThat(p.message()).isEqualTo("/thresholds/fixtureAge/vaule: unknown field");
        });
    }

    @Test
    void anUnknownTopLevelFieldOrThresholdOfAnOverrideFileIsRefused() {
        assertThat(overrideFails("{\"thresholds\": {}, \"threshold\": {\"fixtureAge\": {\"value\": 50}}}").problems())
                .singleElement().satisfies(p -> {
                    assertThat(p.file()).endsWith("site-thresholds.json");
                    assertThat(p.message()).isEqualTo("/threshold: unknown field");
                });
        assertThat(overrideFails("{\"thresholds\": {\"fixtureAges\": {\"value\": 50, \"unit\": \"years\"}}}")
                .getMessage()).contains("site-thresholds.json").contains("threshold fixtureAges is not defined");
        assertThat(overrideFails("{\"thresholds\": {\"fixtureAge\": 50}}").getMessage())
                .contains("site-thresholds.json: /thresholds/fixtureAge: ").contains("object");
    }

    @Test
    void anUnknownFieldOfASourceIsRefused() {
        Fixture.write(base.resolve("sources.json"), """
                [{"id": "SRC-A", "citation": "Fixture source A"},
                 {"id": "SRC-B", "citation": "Fixture source B", "link": "https://example.org/b"}]""");

        assertThat(loadFails().problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("sources.json");
            assertThat(p.message()).isEqualTo("/1/link: unknown field");
        });
    }

    @Test
    void anUnknownFieldOfACriterionIsRefused() {
        Fixture.write(base.resolve("criteria.json"), """
                [{"id": "FIX-1", "title": "A fixture criterion", "sources": ["SRC-A"], "source": ["SRC-B"]},
                 {"id": "FIX-VERDICT", "title": "The fixture's verdict", "sources": ["SRC-A"]}]""");

        assertThat(loadFails().problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("criteria.json");
            assertThat(p.message()).isEqualTo("/0/source: unknown field");
        });
    }

    @Test
    void anUnknownFieldOfAThresholdIsRefused() {
        Fixture.write(base.resolve("thresholds.json"), """
                [{"name": "fixtureAge", "value": 60, "min": 40, "max": 90, "maximum": 95, "unit": "years",
                  "criterion": "FIX-1", "sources": ["SRC-A"]}]""");

        assertThat(loadFails().problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("thresholds.json");
            assertThat(p.message()).isEqualTo("/0/maximum: unknown field");
        });
    }

    @Test
    void anUnknownFieldOfTheManifestIsRefused() {
        Fixture.write(base.resolve("ruleset.json"), "{\"name\": \"fixture\", \"version\": \"1\", \"disabled\": [\"X\"]}");

        assertThat(loadFails().problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("ruleset.json");
            assertThat(p.message()).isEqualTo("/disabled: unknown field");
        });
    }
}
