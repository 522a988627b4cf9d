package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.spinecds.Assessment;
import org.spinecds.CriterionStatus;
import org.spinecds.SpineCds;
import org.spinecds.Verdict;
import org.spinecds.patient.Patient;

/**
 * One engine shared by many threads gives exactly the results of a sequential run, and every one of
 * a set of varied patients gets a coherent assessment (the rules leave no gap and no conflict). The
 * assessments per thread can be raised with {@code -Dspinecds.concurrency.perThread=10000}.
 */
class EngineConcurrencyTest {

    private static final int THREADS = 8;
    private static final int PER_THREAD = Integer.getInteger("spinecds.concurrency.perThread", 1_000);
    private static final int DISTINCT = 600;

    private static SpineCds engine;
    private static List<Patient> patients;
    private static List<Assessment> sequential;

    @BeforeAll
    static void sequentialRun() {
        engine = SpineCds.builder().defaultRules()
                .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).build();
        patients = new ArrayList<>(Patients.varied(20261120L, DISTINCT / 2, 0.05));
        patients.addAll(Patients.varied(20261121L, DISTINCT / 2, 0.10));
        sequential = new ArrayList<>(DISTINCT);
        for (Patient p : patients) {
            sequential.add(engine.assess(p));
        }
    }

    @Test
    void variedPatientsReachEveryVerdictAndUnknownIsNeverNotMet() {
        Set<Verdict> verdicts = EnumSet.noneOf(Verdict.class);
        sequential.forEach(a -> verdicts.add(a.verdict()));
        assertThat(verdicts).containsExactlyInAnyOrder(Verdict.values());

        for (int i = 0; i < DISTINCT; i++) {
            Assessment a = sequential.get(i);
            for (var c : a.criteria()) {
                if (c.status() == CriterionStatus.UNKNOWN) {
                    assertThat(c.toCollect()).as("%s of patient %d", c.id(), i).isNotEmpty();
                    assertThat(a.verdict()).isNotEqualTo(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
                }
            }
            if (a.verdict() == Verdict.MINIMALLY_INVASIVE_CANDIDATE) {
                assertThat(a.criteria()).allSatisfy(c -> assertThat(c.status()).isEqualTo(CriterionStatus.MET));
            }
            if (a.verdict().isRanked()) {
                assertThat(a.missingInputs()).as("patient %d, %s", i, a.verdict()).isEmpty();
            } else {
                assertThat(a.missingInputs()).as("patient %d", i).isNotEmpty();
            }
        }
    }

    @Tag("slow")
    @Test
    void eightThreadsSharingOneEngineGiveTheSequentialResults() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t * 79;
                futures.add(pool.submit(() -> {
                    int checked = 0;
                    for (int i = 0; i < PER_THREAD; i++) {
                        int k = (offset + i) % DISTINCT;
                        Assessment a = engine.assess(patients.get(k));
                        if (!a.equals(sequential.get(k))) {
                            throw new AssertionError("patient " + k + " differs from the sequential run: "
                                    + a.verdict() + " " + a.findingCodes() + " vs " + sequential.get(k).verdict()
                                    + " " + sequential.get(k).findingCodes());
                        }
                        checked++;
                    }
                    return checked;
                }));
            }
            int total = 0;
            for (Future<Integer> f : futures) {
                total += f.get();
            }
            assertThat(total).isEqualTo(THREADS * PER_THREAD);
        } finally {
            pool.shutdownNow();
        }
    }
}
