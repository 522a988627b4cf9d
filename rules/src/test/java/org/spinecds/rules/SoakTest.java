package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.spinecds.Assessment;
import org.spinecds.SpineCds;
import org.spinecds.patient.Patient;

/**
 * Sustained assessments on 2 threads with reloads in between: results stay equal to the sequential
 * ones, and heap and loaded classes stay bounded, so replaced rule bases are collected. Small by
 * default ({@value #MIN_RELOADS} reloads, as fast as they go); run it longer with
 * {@code -Dspinecds.soak.seconds=600} (it then reloads until the time is up).
 */
@Tag("slow")
class SoakTest {

    private static final int MIN_RELOADS = 3;

    /** What an assessment says, without the rule base's generation and the time. */
    private record Outcome(Object verdict, Object findings, Object criteria, Object missing) {
        static Outcome of(Assessment a) {
            return new Outcome(a.verdict(), a.findings(), a.criteria(), a.missingInputs());
        }
    }

    /**
     * The rules are compiled from DRL, as a site's rule sets are, so that every reload makes classes
     * that must be unloaded again; the pre-built rule base reuses its classes at every reload.
     */
    @Test
    void sustainedLoadWithReloadsStaysCorrectAndBounded() throws Exception {
        Engine.compiledFromDrl(() -> {
            try {
                soak();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return null;
        });
    }

    private void soak() throws Exception {
        long seconds = Long.getLong("spinecds.soak.seconds", 0);
        SpineCds engine = SpineCds.builder().defaultRules()
                .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).build();
        assertThat(engine.knowledgeBase().prebuilt()).isFalse();
        List<Patient> patients = Patients.varied(99L, 300, 0.05);
        List<Outcome> expected = new ArrayList<>();
        patients.forEach(p -> expected.add(Outcome.of(engine.assess(p))));

        engine.reload();
        long[] baseline = memoryAndClasses();

        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Long>> workers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int offset = t * 251;
            workers.add(pool.submit(() -> {
                long done = 0;
                while (!stop.get()) {
                    int k = (int) ((offset + done) % patients.size());
                    Outcome got = Outcome.of(engine.assess(patients.get(k)));
                    if (!got.equals(expected.get(k))) {
                        throw new AssertionError("patient " + k + " differs from the sequential result");
                    }
                    done++;
                }
                return done;
            }));
        }
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        int reloads = 0;
        try {
            while (reloads < MIN_RELOADS || System.nanoTime() < deadline) {
                engine.reload();
                reloads++;
            }
        } finally {
            stop.set(true);
        }
        long assessments = 0;
        for (Future<Long> w : workers) {
            assessments += w.get();
        }
        pool.shutdown();
        long[] after = memoryAndClasses();

        System.out.printf("soak: %d assessments, %d reloads; heap %d -> %d MB; classes %d -> %d, unloaded %d%n",
                assessments, reloads, baseline[0] >> 20, after[0] >> 20, baseline[1], after[1], after[2] - baseline[2]);
        assertThat(assessments).isPositive();
        assertThat(engine.knowledgeBase().generation()).isEqualTo(reloads + 2);
        // the classes of replaced rule bases are unloaded: the count does not grow with the reloads
        assertThat(after[2] - baseline[2]).as("classes unloaded during the reloads").isPositive();
        assertThat(after[1] - baseline[1]).as("classes still loaded after %d reloads", reloads)
                .isLessThan((after[2] - baseline[2]) / reloads + 200);
        assertThat(after[0]).as("heap after GC").isLessThan(baseline[0] * 2 + (64L << 20));
    }

    /** Used heap after collection, loaded classes, unloaded classes. */
    private static long[] memoryAndClasses() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        var memory = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        var classes = ManagementFactory.getClassLoadingMXBean();
        return new long[] {memory.getUsed(), classes.getLoadedClassCount(), classes.getUnloadedClassCount()};
    }
}
