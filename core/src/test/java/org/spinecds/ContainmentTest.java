package org.spinecds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecds.AssessmentException.Kind;
import org.spinecds.patient.Patient;

/**
 * A rule that loops, recurses without end, allocates beyond the heap or throws an {@link Error} fails
 * that one assessment with an {@link AssessmentException} naming the rule and the kind of failure,
 * never the patient; the same engine then assesses a normal patient correctly. The rules are those of
 * {@code containment/failing.drl}, each firing on its own age, loaded beside the fixture rule set.
 */
class ContainmentTest {

    private static final String PATIENT_ID = "zq-patient-0042";
    /** The safety net of every call that must come back: far above the limit, never reached when it works. */
    private static final Duration NET = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    /** The engine with the default time limit, for the rules that fail at once. */
    private static SpineCds engine;
    /** An engine with a short time limit, for the rules that never end (long enough for a loaded machine). */
    private static SpineCds limited;

    @BeforeAll
    static void load() {
        Fixture.copyTo(dir);
        try (InputStream in = ContainmentTest.class.getResourceAsStream("/containment/failing.drl")) {
            Files.copy(in, dir.resolve("failing.drl"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        engine = SpineCds.builder().rules(dir).build();
        limited = SpineCds.builder().rules(dir).assessmentTimeLimit(Duration.ofMillis(1000)).build();
    }

    private static Patient aged(int age) {
        return Patient.builder().patientId(PATIENT_ID).age(age).build();
    }

    /** The engines' answer for a healthy patient is still the right one. */
    private static void stillServes() {
        stillServes(engine);
        stillServes(limited);
    }

    private static void stillServes(SpineCds engine) {
        Assessment a = assertTimeoutPreemptively(NET, () -> engine.assess(aged(70)));
        assertThat(a.verdict()).isEqualTo(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        assertThat(a.findingCodes()).containsExactly("FIX-OLD");
        assertThat(a.patientId()).isEqualTo(PATIENT_ID);
    }

    private static AssessmentException failure(int age) {
        return failure(engine, age);
    }

    private static AssessmentException failure(SpineCds engine, int age) {
        Throwable thrown = assertTimeoutPreemptively(NET, () -> {
            try {
                engine.assess(aged(age));
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        assertThat(thrown).isInstanceOf(AssessmentException.class);
        AssessmentException e = (AssessmentException) thrown;
        assertThat(e.getMessage()).doesNotContain(PATIENT_ID).doesNotContain(String.valueOf(age));
        return e;
    }

    @Test
    void aConsequenceThatLoopsForeverRunsOutOfTimeAndItsThreadIsStopped() throws Exception {
        AssessmentException e = failure(limited, 21);

        assertThat(e.kind()).isEqualTo(Kind.TIME_LIMIT);
        assertThat(e.rule()).isEqualTo("Loops forever");
        assertThat(e.ruleCode()).isEqualTo("FAIL-LOOP");
        assertThat(e.getMessage()).isEqualTo("rule \"Loops forever\" (FAIL-LOOP, failing.drl) did not finish "
                + "within the time limit of 1 s");
        stillServes();
        // the looping consequence does not burn a core for good: its worker is stopped after the grace period
        awaitNotRunning("Rule_Loops");
        assertThat(runningRule("Loops")).as("a thread still runs the looping consequence").isFalse();
    }

    @Test
    void anMvelConsequenceThatLoopsForeverIsStoppedToo() throws Exception {
        AssessmentException e = failure(limited, 28);

        assertThat(e.kind()).isEqualTo(Kind.TIME_LIMIT);
        assertThat(e.ruleCode()).isEqualTo("FAIL-LOOP-MVEL");
        stillServes();
        awaitNotRunning("org.drools.mvel.expr.MVELConsequence");
        assertThat(running("org.drools.mvel.expr.MVELConsequence")).as("a thread still runs an MVEL consequence")
                .isFalse();
    }

    @Test
    void aFunctionThatRecursesWithoutEndFailsTheAssessmentWithAStackOverflow() {
        AssessmentException e = failure(22);

        assertThat(e.kind()).isEqualTo(Kind.ERROR);
        assertThat(e.rule()).isEqualTo("Recurses forever");
        assertThat(e.ruleCode()).isEqualTo("FAIL-RECURSE");
        assertThat(e.getMessage()).isEqualTo("rule \"Recurses forever\" (FAIL-RECURSE, failing.drl) failed: "
                + "StackOverflowError in function recurse");
        stillServes();
    }

    @Test
    void aConditionThatRecursesWithoutEndFailsTheAssessmentNamingTheRuleAndTheCondition() {
        AssessmentException e = failure(23);

        assertThat(e.kind()).isEqualTo(Kind.ERROR);
        assertThat(e.rule()).isEqualTo("Recurses in its condition");
        assertThat(e.ruleCode()).isEqualTo("FAIL-RECURSE-WHEN");
        assertThat(e.getMessage()).startsWith("rule \"Recurses in its condition\" (FAIL-RECURSE-WHEN, failing.drl) "
                + "failed in the condition 'recurse(1) > 0': StackOverflowError");
        stillServes();
    }

    @Test
    void anAllocationBeyondTheHeapFailsTheAssessmentWithOutOfMemory() {
        AssessmentException e = failure(24);

        assertThat(e.kind()).isEqualTo(Kind.ERROR);
        assertThat(e.rule()).isEqualTo("Allocates beyond any heap");
        assertThat(e.getMessage()).isEqualTo("rule \"Allocates beyond any heap\" (FAIL-ALLOCATE, failing.drl) "
                + "failed: OutOfMemoryError");
        stillServes();
    }

    @Test
    void anErrorThrownByAConsequenceFailsTheAssessmentWithoutItsMessage() {
        AssessmentException e = failure(25);

        assertThat(e.kind()).isEqualTo(Kind.ERROR);
        assertThat(e.getMessage())
                .isEqualTo("rule \"Throws an Error\" (FAIL-ERROR, failing.drl) failed: AssertionError");
        stillServes();
    }

    @Test
    void aConditionThatNeverEndsRunsOutOfTimeNamingTheFunction() {
        AssessmentException e = failure(limited, 26);

        assertThat(e.kind()).isEqualTo(Kind.TIME_LIMIT);
        assertThat(e.getMessage()).isEqualTo("the rules did not finish within the time limit of 1 s, while "
                + "evaluating conditions (in function spin)");
        stillServes();
    }

    @Test
    void aConsequenceThatWaitsIsInterruptedAtTheLimit() throws Exception {
        AssessmentException e = failure(limited, 27);

        assertThat(e.kind()).isEqualTo(Kind.TIME_LIMIT);
        assertThat(e.rule()).isEqualTo("Sleeps");
        stillServes();
        awaitNotRunning("Rule_Sleeps");
        assertThat(runningRule("Sleeps")).isFalse();
    }

    @Test
    void errorsOnManyThreadsAtOnceLeaveTheEngineServing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int age = List.of(22, 23, 24, 25, 70).get(i % 5);
                answers.add(pool.submit(() -> {
                    try {
                        return engine.assess(aged(age)).findingCodes().toString();
                    } catch (AssessmentException e) {
                        return e.kind().toString();
                    }
                }));
            }
            List<String> got = new ArrayList<>();
            for (Future<String> f : answers) {
                got.add(f.get(NET.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
            }
            for (int i = 0; i < got.size(); i++) {
                assertThat(got.get(i)).as("answer " + i)
                        .isEqualTo(List.of("ERROR", "ERROR", "ERROR", "ERROR", "[FIX-OLD]").get(i % 5));
            }
        } finally {
            pool.shutdownNow();
        }
        stillServes();
    }

    @Test
    void anInterruptOfTheCallerDoesNotEndTheAssessmentAndIsKept() {
        Thread.currentThread().interrupt();
        try {
            assertThat(limited.assess(aged(70)).findingCodes()).containsExactly("FIX-OLD");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void theTimeLimitIsValidatedHasADefaultAndIsKeptOnReload() {
        assertThatThrownBy(() -> SpineCds.builder().assessmentTimeLimit(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 1 ms to 10 minutes");
        assertThatThrownBy(() -> SpineCds.builder().assessmentTimeLimit(Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SpineCds.builder().assessmentTimeLimit(Duration.ofMinutes(11)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(engine.assessmentTimeLimit()).isEqualTo(Duration.ofSeconds(10));

        limited.reload();

        assertThat(limited.assessmentTimeLimit()).isEqualTo(Duration.ofMillis(1000));
        assertThat(failure(limited, 21).getMessage()).contains("within the time limit of 1 s");
        stillServes();
    }

    /** Whether a live thread is running the consequence of a rule whose name starts with {@code prefix}. */
    private static boolean runningRule(String prefix) {
        return running("Rule_" + prefix.replace(" ", "_"));
    }

    /** Waits (up to 20 s) until no live thread has a frame of a class whose name contains {@code className}. */
    private static void awaitNotRunning(String className) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (running(className) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** Whether a live thread has a frame of a class whose name contains {@code className}. */
    private static boolean running(String className) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(t -> t.getKey().isAlive())
                .anyMatch(t -> Arrays.stream(t.getValue()).anyMatch(f -> f.getClassName().contains(className)));
    }

    @Test
    void aRuleThatHaltsTheSessionFailsTheAssessmentRatherThanLeaveItIncomplete() {
        AssessmentException e = failure(29);

        assertThat(e.kind()).isEqualTo(Kind.INCONSISTENT);
        assertThat(e.getMessage()).contains("stopped before coming to rest");
        stillServes();
    }

    @Test
    void theCauseKeptForARuleFailureHoldsNoPatientValue() {
        AssessmentException e = failure(30);

        assertThat(e.kind()).isEqualTo(Kind.EXCEPTION);
        assertThat(e.ruleCode()).isEqualTo("FAIL-TELLS");
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        assertThat(trace.toString()).contains("IllegalStateException").doesNotContain(PATIENT_ID)
                .doesNotContain("aged 30");
        stillServes();
    }
}
