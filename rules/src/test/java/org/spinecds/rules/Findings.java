package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.spinecds.Assessment;
import org.spinecds.CriterionResult;
import org.spinecds.CriterionStatus;
import org.spinecds.Evidence;
import org.spinecds.Finding;

/** Lookups and assertions on the findings of an assessment. */
final class Findings {

    private Findings() {
    }

    /** The one finding with the code; fails the test when there is none or more than one. */
    static Finding finding(Assessment a, String code) {
        List<Finding> found = a.findings().stream().filter(f -> f.code().equals(code)).toList();
        assertThat(found).as("findings with code %s among %s", code, a.findingCodes()).hasSize(1);
        return found.get(0);
    }

    /** The criterion result of a candidacy criterion, e.g. CAND-3. */
    static CriterionResult criterion(Assessment a, String id) {
        return a.criteria().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no criterion " + id + " in " + a.criteria()));
    }

    /**
     * Asserts that the finding cites a comparison of the input with a named threshold:
     * {@code input = value, operator threshold (thresholdName)}. Numbers compare by value, so that
     * 30, 30.0 and 30L are equal.
     */
    static void assertThresholdEvidence(Finding f, String input, Number value, String operator, Number threshold,
                                        String thresholdName) {
        List<Evidence> matching = f.evidence().stream()
                .filter(e -> e.input().equals(input) && e.operator().equals(operator)).toList();
        assertThat(matching).as("evidence %s %s of %s in %s", input, operator, f.code(), f.evidence()).hasSize(1);
        Evidence e = matching.get(0);
        assertThat(number(e.value())).as("value of %s", e).isEqualByComparingTo(number(value));
        assertThat(number(e.threshold())).as("threshold of %s", e).isEqualByComparingTo(number(threshold));
        assertThat(e.thresholdName()).as("threshold name of %s", e).isEqualTo(thresholdName);
    }

    /** Asserts that the finding cites the input with the value: {@code input == value}. */
    static void assertInputEvidence(Finding f, String input, Object value) {
        assertThat(f.evidence())
                .as("evidence of %s", f.code())
                .anySatisfy(e -> {
                    assertThat(e.input()).isEqualTo(input);
                    assertThat(e.operator()).isEqualTo("==");
                    assertThat(e.value()).isEqualTo(value);
                });
    }

    /** The one evidence item of the finding with the input and operator. */
    static Evidence evidence(Finding f, String input, String operator) {
        List<Evidence> matching = f.evidence().stream()
                .filter(e -> e.input().equals(input) && e.operator().equals(operator)).toList();
        assertThat(matching).as("evidence %s %s of %s in %s", input, operator, f.code(), f.evidence()).hasSize(1);
        return matching.get(0);
    }

    /**
     * Asserts that the candidacy criterion is UNKNOWN and that each input is both in its inputs to
     * collect and in the assessment's missing inputs.
     */
    static void assertUnknown(Assessment a, String criterionId, String... inputs) {
        CriterionResult c = criterion(a, criterionId);
        assertThat(c.status()).as("status of %s", criterionId).isEqualTo(CriterionStatus.UNKNOWN);
        assertThat(c.toCollect()).as("inputs to collect for %s", criterionId).contains(inputs);
        assertThat(a.missingInputs()).as("missing inputs").contains(inputs);
    }

    private static BigDecimal number(Object o) {
        assertThat(o).isInstanceOf(Number.class);
        return new BigDecimal(o.toString());
    }
}
