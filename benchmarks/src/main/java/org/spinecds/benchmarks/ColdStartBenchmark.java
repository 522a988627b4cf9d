package org.spinecds.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.spinecds.Assessment;
import org.spinecds.SpineCds;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Patient;

/**
 * From nothing to the first assessment, with and without the pre-built default rule base (the system
 * property {@code spinecds.prebuilt=false} makes the engine compile the DRL instead):
 * <ul>
 * <li>{@link #firstAssessment}: in the benchmark's own fresh JVM (one per fork, 5 forks), from the
 *     engine's build to its first assessment, the JVM's start not counted;</li>
 * <li>{@link #cliAssess}: the command-line tool as a user runs it, a fresh JVM per operation running
 *     {@code java -jar examples/target/spinecds.jar assess} on a bundled patient until it exits, with
 *     and without the jar's class-data-sharing archive ({@code examples/target/spinecds.jsa}).</li>
 * </ul>
 * Run from the repository's root after {@code mvn -B -q package -DskipTests}; the system properties
 * {@code spinecds.jar}, {@code spinecds.jsa} and {@code spinecds.patient} of the benchmark JVM choose
 * other files. The archive is checked first ({@code -Xshare:on} fails when the JVM cannot use it), so
 * that a stale archive cannot be measured as if it were used.
 */
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class ColdStartBenchmark {

    /** The in-process variant's parameter: set before the engine is built. */
    @State(Scope.Benchmark)
    public static class InProcess {
        @Param({"true", "false"})
        public String prebuilt;

        @Setup(Level.Trial)
        public void setUp() {
            System.setProperty("spinecds.prebuilt", prebuilt);
        }
    }

    @Benchmark
    @Fork(5)
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Assessment firstAssessment(InProcess p) {
        return SpineCds.withDefaultRules().assess(Patient.builder().age(50).diagnoses(Diagnosis.HERNIATED_DISC).build());
    }

    /** The command line of a fresh CLI JVM, per parameter. */
    @State(Scope.Benchmark)
    public static class Cli {
        @Param({"true", "false"})
        public String prebuilt;

        @Param({"on", "off"})
        public String archive;

        List<String> command;

        @Setup(Level.Trial)
        public void setUp() throws IOException, InterruptedException {
            Path jar = Path.of(System.getProperty("spinecds.jar", "examples/target/spinecds.jar")).toAbsolutePath();
            Path jsa = Path.of(System.getProperty("spinecds.jsa", "examples/target/spinecds.jsa")).toAbsolutePath();
            Path patient = Path.of(System.getProperty("spinecds.patient",
                    "examples/patients/lumbar-disc-herniation.json")).toAbsolutePath();
            for (Path file : List.of(jar, patient)) {
                if (!Files.isRegularFile(file)) {
                    throw new IllegalStateException(file + " is missing: run from the repository's root after "
                            + "mvn -B -q package -DskipTests");
                }
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> jvm = new ArrayList<>(List.of(java, "-Dspinecds.prebuilt=" + prebuilt));
            if (archive.equals("on")) {
                if (!Files.isRegularFile(jsa)) {
                    throw new IllegalStateException(jsa + " is missing: it is made by mvn -B -q package");
                }
                // -Xshare:on fails where -Xshare:auto would silently run without the archive
                List<String> check = new ArrayList<>(List.of(java, "-XX:SharedArchiveFile=" + jsa, "-Xshare:on",
                        "-jar", jar.toString(), "--version"));
                if (run(check) != 0) {
                    throw new IllegalStateException(jsa + " does not match " + jar + " or this JDK: rebuild both "
                            + "with mvn -B -q package -DskipTests, with the JDK that runs the benchmarks");
                }
                jvm.add("-XX:SharedArchiveFile=" + jsa);
                jvm.add("-Xshare:auto");
            } else {
                jvm.add("-Xshare:auto"); // the JDK's own archive of its classes, as with a plain java -jar
            }
            jvm.addAll(List.of("-jar", jar.toString(), "assess", patient.toString()));
            command = List.copyOf(jvm);
        }
    }

    @Benchmark
    @Fork(1)
    @Warmup(iterations = 1)
    @Measurement(iterations = 5)
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int cliAssess(Cli cli) throws IOException, InterruptedException {
        int exit = run(cli.command);
        if (exit != 0) {
            throw new IllegalStateException("spinecds assess exited " + exit);
        }
        return exit;
    }

    /** Runs a command to its end, its output discarded, and returns its exit code. */
    static int run(List<String> command) throws IOException, InterruptedException {
        return new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }
}
