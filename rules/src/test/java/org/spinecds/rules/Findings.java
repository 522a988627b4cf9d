package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.spinecds.Assessment;
import org.spinecds.CriterionResult;
import org.spinecds.CriterionStatus;
import org.spinecds.Evidence;
import org.spinecds.Finding;
import org.spinecds.MissingInput;
import org.spinecds.Verdict;

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
     * The codes of the findings that decided the verdict, in order, each once. (That no finding is
     * listed twice is asserted apart, by VerdictTest.)
     */
    static List<String> decidingCodes(Assessment a) {
        return a.decidedBy().stream().map(Finding::code).distinct().toList();
    }

    /** An input that would settle the rank of a verdict, as {@link Assessment#toSettle()} lists it. */
    static MissingInput settles(String input, Verdict verdict, String... criteria) {
        return new MissingInput(input, verdict, List.of(criteria));
    }

    /** An input that would complete the risk, setting or recovery picture ({@link Assessment#inputsToComplete()}). */
    static MissingInput completes(String input, String... criteria) {
        return new MissingInput(input, null, List.of(criteria));
    }

    /**
     * Asserts that the verdict is definitive: the verdict of the walk, the only one still possible, with
     * nothing to collect that could change it.
     */
    static void assertDefinitive(Assessment a, Verdict verdict) {
        assertThat(a.verdict()).as("verdict of %s", a.findingCodes()).isEqualTo(verdict);
        assertThat(a.possibleVerdicts()).as("possible verdicts").containsExactly(verdict);
        assertThat(a.missingInputs()).as("missing inputs").isEmpty();
        assertThat(a.toSettle()).as("inputs to settle").isEmpty();
        assertThat(a.decidedBy()).as("deciding findings").isNotEmpty();
    }

    /**
     * Asserts that the verdict is INSUFFICIENT_INFORMATION with exactly these verdicts still possible,
     * and that the inputs to settle are exactly the missing inputs, in the same order.
     */
    static void assertInsufficient(Assessment a, Verdict... possible) {
        assertThat(a.verdict()).as("verdict of %s", a.findingCodes()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
        assertThat(a.possibleVerdicts()).as("possible verdicts").containsExactly(possible);
        assertThat(a.toSettle()).as("inputs to settle").isNotEmpty();
        assertThat(a.toSettle()).extracting(MissingInput::input).as("inputs to settle")
                .containsExactlyElementsOf(a.missingInputs());
    }

    /**
     * Asserts that the finding cites a comparison of the input with a named threshold:
     * {@code input = value, operator threshold (thresholdName)}. Numbers compare by value, so that
     * 30, 30.0 and 30L are equal.
     */
    static void assertThresholdEvidence(Finding f, String input, Number value, String operator, Number threshold,
                                        String thresholdName) {
        Evidence e = evidence(f, input, operator);
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

    /** Asserts that the candidacy criterion has the status, set by exactly these findings. */
    static void assertStatus(Assessment a, String criterionId, CriterionStatus status, String... findingCodes) {
        CriterionResult c = criterion(a, criterionId);
        assertThat(c.status()).as("status of %s (%s)", criterionId, c.findingCodes()).isEqualTo(status);
        assertThat(c.findingCodes()).as("findings of %s", criterionId).containsExactly(findingCodes);
        if (status != CriterionStatus.UNKNOWN) {
            assertThat(c.toCollect()).as("inputs to collect for %s", criterionId).isEmpty();
        }
    }

    /**
     * Asserts that the candidacy criterion is UNKNOWN, never MET or NOT_MET, and that it asks for
     * exactly these inputs, in this order.
     */
    static void assertUnknown(Assessment a, String criterionId, String... inputs) {
        CriterionResult c = criterion(a, criterionId);
        assertThat(c.status()).as("status of %s (%s)", criterionId, c.findingCodes()).isEqualTo(CriterionStatus.UNKNOWN);
        assertThat(c.toCollect()).as("inputs to collect for %s", criterionId).containsExactly(inputs);
    }

    private static BigDecimal number(Object o) {
        assertThat(o).isInstanceOf(Number.class);
        return new BigDecimal(o.toString());
    }
}
