package org.spinecds.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.spinecds.Assessment;
import org.spinecds.SpineCds;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Patient;

/** From nothing to the first assessment (the knowledge base built from DRL), once in each of 5 fresh JVMs. */
@Fork(5)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class ColdStartBenchmark {

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Assessment firstAssessment() {
        return SpineCds.withDefaultRules().assess(Patient.builder().age(50).diagnoses(Diagnosis.HERNIATED_DISC).build());
    }
}
