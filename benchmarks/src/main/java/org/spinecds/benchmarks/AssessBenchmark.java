package org.spinecds.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.spinecds.Assessment;
import org.spinecds.SpineCds;
import org.spinecds.patient.Patient;

/**
 * {@code assess} against the bare engine on the same rules and facts and against the Drools floor (as
 * many rules, each matching the patient and doing nothing: {@link DroolsFloor}), latency as the average
 * and percentiles; and throughput with 1 and 2 threads sharing one engine. Run with {@code -prof gc},
 * JMH's {@code gc.alloc.rate.norm} is the bytes allocated per operation, that is per assessment (every
 * thread's allocation counts, the rule workers' too).
 */
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class AssessBenchmark {

    @State(Scope.Benchmark)
    public static class Engines {
        SpineCds engine;
        BareEngine bare;
        DroolsFloor floor;
        List<Patient> patients;

        @Setup
        public void setUp() {
            engine = SpineCds.withDefaultRules();
            bare = new BareEngine(engine);
            floor = new DroolsFloor(engine.rules().size());
            patients = Cohort.patients(1000);
            for (Patient p : patients.subList(0, 10)) {
                if (floor.execute(p) != floor.rules()) {
                    throw new IllegalStateException("the floor's rules must all fire on every patient");
                }
            }
        }
    }

    @State(Scope.Thread)
    public static class Cursor {
        int next;

        Patient next(Engines e) {
            return e.patients.get(next++ % e.patients.size());
        }
    }

    @Benchmark
    @BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Assessment assess(Engines e, Cursor c) {
        return e.engine.assess(c.next(e));
    }

    @Benchmark
    @BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int bareEngine(Engines e, Cursor c) {
        return e.bare.execute(c.next(e));
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int droolsFloor(Engines e, Cursor c) {
        return e.floor.execute(c.next(e));
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(1)
    public void throughput1Thread(Engines e, Cursor c, Blackhole bh) {
        bh.consume(e.engine.assess(c.next(e)));
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(2)
    public void throughput2Threads(Engines e, Cursor c, Blackhole bh) {
        bh.consume(e.engine.assess(c.next(e)));
    }
}
