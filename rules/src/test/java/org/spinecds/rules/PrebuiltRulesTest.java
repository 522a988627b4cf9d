package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.spinecds.RuleInfo;
import org.spinecds.SpineCds;
import org.spinecds.json.AssessmentJson;
import org.spinecds.patient.Patient;

/**
 * The default rule base is pre-built (generated as Drools' executable model by this module's build)
 * and is the same rule base as its DRL compiled at start-up: the same rules, with the same metadata
 * and file, and the same assessment of every patient.
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
    void bothWaysGiveTheSameAssessments() {
        SpineCds prebuilt = SpineCds.builder().defaultRules().clock(CLOCK).build();
        SpineCds compiled = compiled(() -> SpineCds.builder().defaultRules().clock(CLOCK).build());
        for (Patient p : RandomPatients.generate(14, 2_000)) {
            assertThat(AssessmentJson.write(prebuilt.assess(p))).isEqualTo(AssessmentJson.write(compiled.assess(p)));
        }
    }

    /** An engine built with the pre-built rule base switched off. */
    private static SpineCds compiled(Supplier<SpineCds> build) {
        SpineCds engine = Engine.compiledFromDrl(build);
        assertThat(engine.knowledgeBase().prebuilt()).isFalse();
        return engine;
    }
}
