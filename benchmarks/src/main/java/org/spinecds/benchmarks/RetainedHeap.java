package org.spinecds.benchmarks;

import java.lang.management.ManagementFactory;

import org.spinecds.SpineCds;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Patient;

/** Prints the heap a built and warmed engine retains: used heap after GC with and without it. */
public final class RetainedHeap {

    private RetainedHeap() {
    }

    public static void main(String[] args) throws Exception {
        long before = usedAfterGc();
        SpineCds engine = SpineCds.withDefaultRules();
        for (int i = 0; i < 1000; i++) {
            engine.assess(Patient.builder().age(40 + i % 50).diagnoses(Diagnosis.HERNIATED_DISC).build());
        }
        long with = usedAfterGc();
        System.out.printf("retained heap of a built engine: %.1f MB (%d rules)%n", (with - before) / 1048576.0,
                engine.knowledgeBase().ruleCount());
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
