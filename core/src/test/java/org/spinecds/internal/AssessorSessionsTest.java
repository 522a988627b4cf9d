package org.spinecds.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecds.AssessmentException;
import org.spinecds.patient.Patient;

/**
 * A session that ended in an Error is never reused, and neither does it stay behind: its pool is shut
 * down once its last session is back, which takes its sessions off the rule base's register. Without
 * that, every failure would leave sessions (and their facts) registered for the rule base's lifetime.
 */
class AssessorSessionsTest {

    @TempDir
    Path dir;

    @Test
    void failedSessionsDoNotPileUpInTheRuleBase() throws IOException {
        for (String f : List.of("sources.json", "criteria.json", "thresholds.json", "ruleset.json", "fixture.drl")) {
            try (InputStream in = getClass().getResourceAsStream("/fixture/" + f)) {
                Files.copy(in, dir.resolve(f));
            }
        }
        try (InputStream in = getClass().getResourceAsStream("/containment/failing.drl")) {
            Files.copy(in, dir.resolve("failing.drl"));
        }
        LoadedRules rules = KnowledgeBaseLoader.load(List.of(RuleSetSource.fromPath(dir)), List.of(), null);
        Assessor assessor = new Assessor(rules, Clock.systemUTC(), Duration.ofSeconds(10));

        for (int i = 0; i < 300; i++) {
            assertThatThrownBy(() -> assessor.assess(Patient.builder().age(25).build()))
                    .isInstanceOf(AssessmentException.class);
            assertThat(assessor.assess(Patient.builder().age(70).build()).findingCodes()).containsExactly("FIX-OLD");
        }

        assertThat(rules.kieBase().getKieSessions()).as("sessions registered in the rule base").hasSizeLessThan(10);
    }
}
