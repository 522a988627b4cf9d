package org.spinecds.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.spinecds.examples.CliTest.spinecds;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecds.batch.BatchFramingTest;
import org.spinecds.examples.cli.SpineCdsCli;

/**
 * The files of {@code spinecds batch} and {@code assess}: an output that is the input is refused before
 * anything is opened; files that cannot be read or written are I/O errors (exit 6) naming the path; the
 * output appears under its name only when complete; an input cut short is not a success; and a patient
 * file that is not UTF-8 is invalid input.
 */
class BatchFilesTest {

    private static final String PATIENTS = "{\"patientId\": \"A\", \"age\": 50}\n{\"bladderBowelDysfunction\": true}\n";

    private static Path input(Path dir) throws Exception {
        return Files.writeString(dir.resolve("in.ndjson"), PATIENTS);
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void anOutputThatIsTheInputByAnySpellingOrLinkIsRefusedAndTheInputSurvives(@TempDir Path dir) throws Exception {
        Path in = input(dir);
        Path link = Files.createSymbolicLink(dir.resolve("link.ndjson"), in);
        Path hard = Files.createLink(dir.resolve("hard.ndjson"), in);
        Path sub = Files.createDirectory(dir.resolve("sub"));

        for (String out : List.of(in.toString(), dir + "/./in.ndjson", sub + "/../in.ndjson", link.toString(),
                hard.toString())) {
            CliTest.Run run = spinecds("batch", in.toString(), "--out", out);

            assertThat(run.exit()).as(out).isEqualTo(2);
            assertThat(run.err()).contains("is the input file");
            assertThat(Files.readString(in)).isEqualTo(PATIENTS);
        }
        CliTest.Run viaLink = spinecds("batch", link.toString(), "--out", in.toString());
        assertThat(viaLink.exit()).isEqualTo(2);
        assertThat(Files.readString(in)).isEqualTo(PATIENTS);
        assertThat(files(dir)).containsExactly(hard, in, link, sub);
    }

    @Test
    void aMissingOrDirectoryInputAndAnOutputInAMissingDirectoryOrADirectoryExitSixNamingThePath(@TempDir Path dir)
            throws Exception {
        Path in = input(dir);
        Path missing = dir.resolve("missing.ndjson");
        Path noDir = dir.resolve("no-such-dir").resolve("out.ndjson");

        CliTest.Run missingIn = spinecds("batch", missing.toString());
        CliTest.Run dirIn = spinecds("batch", dir.toString());
        CliTest.Run outInMissingDir = spinecds("batch", in.toString(), "--out", noDir.toString());
        CliTest.Run outIsDir = spinecds("batch", in.toString(), "--out", dir.toString());

        assertThat(missingIn.exit()).isEqualTo(6);
        assertThat(missingIn.err()).contains(missing + ": no such file or directory").doesNotContain("invalid patient");
        assertThat(dirIn.exit()).isEqualTo(6);
        assertThat(dirIn.err()).contains(dir + ": is a directory");
        assertThat(outInMissingDir.exit()).isEqualTo(6);
        assertThat(outInMissingDir.err()).contains(noDir + ": no such directory");
        assertThat(outIsDir.exit()).isEqualTo(6);
        assertThat(outIsDir.err()).contains(dir + ": is a directory");
        assertThat(files(dir)).containsExactly(in);
    }

    @Test
    void theOutputIsMovedIntoPlaceWhenCompleteAndNoTemporaryFileIsLeft(@TempDir Path dir) throws Exception {
        Path in = input(dir);
        Path out = Files.writeString(dir.resolve("out.ndjson"), "an earlier run's results\n");

        CliTest.Run run = spinecds("batch", in.toString(), "--out", out.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(2).allMatch(l -> l.startsWith("{\"line\":"));
        assertThat(files(dir)).containsExactly(in, out);
    }

    @Test
    void aRunThatFailsLeavesTheOutputAsItWasAndRemovesItsTemporaryFile(@TempDir Path dir) throws Exception {
        Path unreadable = Path.of("/proc/self/mem"); // opens, then fails on the first read
        assumeTrue(Files.isReadable(unreadable));
        Path out = Files.writeString(dir.resolve("out.ndjson"), "an earlier run's results\n");

        CliTest.Run run = spinecds("batch", unreadable.toString(), "--out", out.toString());

        assertThat(run.exit()).isEqualTo(6);
        assertThat(run.err()).contains("/proc/self/mem: cannot be read");
        assertThat(Files.readString(out)).isEqualTo("an earlier run's results\n");
        assertThat(files(dir)).containsExactly(out);
    }

    @Test
    void aWriteFailureOnAnOutputFileExitsSixNamingItAndTheRecordsWritten(@TempDir Path dir) throws Exception {
        Path full = Path.of("/dev/full"); // not a regular file: written as it is, not replaced
        assumeTrue(Files.exists(full));
        Path in = input(dir);

        CliTest.Run run = spinecds("batch", in.toString(), "--out", full.toString());

        assertThat(run.exit()).isEqualTo(6);
        assertThat(run.err()).contains("/dev/full: the write failed (No space left on device) after 0 records");
    }

    @Test
    void aStandardOutputThatFailsQuietlyExitsSixNamingItAndTheRecordsWritten(@TempDir Path dir) throws Exception {
        Path in = input(dir);
        StringWriter err = new StringWriter();
        PrintWriter failing = new PrintWriter(new BatchFramingTest.FullAfter(0));

        int exit = SpineCdsCli.run(failing, new PrintWriter(err), "batch", in.toString());

        assertThat(exit).isEqualTo(6);
        assertThat(err.toString()).contains("standard output: the write failed").contains("after 0 records")
                .doesNotContain("2 lines");
    }

    /** The real thing: the tool's own process, its standard output on a full device. */
    @Test
    void batchToAFullDeviceExitsSix(@TempDir Path dir) throws Exception {
        File full = new File("/dev/full");
        assumeTrue(full.exists());
        Path in = input(dir);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classpath, SpineCdsCli.class.getName(), "batch", in.toString(), "--threads", "1")
                .redirectOutput(full).redirectError(dir.resolve("err.txt").toFile()).start();

        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("err.txt"));
        assertThat(p.exitValue()).as(err).isEqualTo(6);
        assertThat(err).contains("standard output: the write failed").contains("after 0 records");
    }

    @Test
    void anInputThatEndsInTheMiddleOfALineSaysSoAndIsNoSuccessWhenThatLineIsBad(@TempDir Path dir) throws Exception {
        Path valid = Files.writeString(dir.resolve("valid.ndjson"), PATIENTS + "{\"age\": 60}");
        Path cut = Files.writeString(dir.resolve("cut.ndjson"), PATIENTS + "{\"age\": 60, \"diagnoses\": [\"HERN");
        Path out = dir.resolve("out.ndjson");

        CliTest.Run validRun = spinecds("batch", valid.toString());
        CliTest.Run cutRun = spinecds("batch", cut.toString(), "--out", out.toString());

        assertThat(validRun.exit()).isZero();
        assertThat(validRun.err()).contains("warning: the input ends in the middle of line 3");
        assertThat(validRun.out().lines()).hasSize(3);
        assertThat(cutRun.exit()).isEqualTo(1);
        assertThat(cutRun.err()).contains("the input ends in the middle of line 3, which is not a valid patient")
                .contains("cut short");
        assertThat(Files.readAllLines(out)).hasSize(3);
    }

    @Test
    void theSameInputGivesTheSameFileWithAnyNumberOfThreads(@TempDir Path dir) throws Exception {
        Path in = Files.write(dir.resolve("in.ndjson"), BatchFramingTest.mixedInput(300, 9));
        Path one = dir.resolve("one.ndjson");
        Path three = dir.resolve("three.ndjson");

        assertThat(spinecds("batch", in.toString(), "--out", one.toString(), "--threads", "1").exit()).isZero();
        assertThat(spinecds("batch", in.toString(), "--out", three.toString(), "--threads", "3").exit()).isZero();

        assertThat(Files.readAllBytes(three)).isEqualTo(Files.readAllBytes(one));
        assertThat(Files.readAllLines(one)).hasSize(300 - 8); // less the 8 blank lines of mixedInput
    }

    @Test
    void assessRefusesAPatientFileThatIsNotUtf8AsInvalidInput(@TempDir Path dir) throws Exception {
        String patient = Files.readString(CliTest.FIXTURES.resolve("cauda-equina.json"));
        byte[] utf16Bom = patient.getBytes(StandardCharsets.UTF_16);
        byte[] utf16 = patient.getBytes(StandardCharsets.UTF_16LE);
        byte[] latin1 = patient.replace("}", ", \"patientId\": \"M\u00fcller\"}").getBytes(StandardCharsets.ISO_8859_1);

        for (byte[] bytes : List.of(utf16Bom, utf16, latin1)) {
            Path f = Files.write(dir.resolve("p.json"), bytes);
            CliTest.Run run = spinecds("assess", f.toString());
            CliTest.Run fhir = spinecds("assess", f.toString(), "--input", "fhir");

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains("invalid patient: $: not UTF-8").doesNotContain("M\u00fcller");
            assertThat(run.out()).isEmpty();
            assertThat(fhir.exit()).isEqualTo(1);
            assertThat(fhir.err()).contains("$: not UTF-8");
        }
        Path bom = Files.write(dir.resolve("bom.json"), ("\uFEFF" + patient).getBytes(StandardCharsets.UTF_8));
        assertThat(spinecds("assess", bom.toString()).exit()).isZero();
    }

    @Test
    void assessOnAMissingFileOrADirectoryExitsSixNamingThePath(@TempDir Path dir) {
        Path missing = dir.resolve("missing.json");

        for (String format : List.of("json", "fhir")) {
            CliTest.Run none = spinecds("assess", missing.toString(), "--input", format);
            CliTest.Run directory = spinecds("assess", dir.toString(), "--input", format);

            assertThat(none.exit()).isEqualTo(6);
            assertThat(none.err()).contains(missing + ": no such file or directory").doesNotContain("invalid patient");
            assertThat(directory.exit()).isEqualTo(6);
            assertThat(directory.err()).contains(dir + ": is a directory").doesNotContain("invalid patient");
        }
    }

    /** {@code batch IN >> IN}: the tool's own process, its standard output appended to its input. */
    @Test
    void standardOutputThatIsTheInputIsRefusedAndTheInputSurvives(@TempDir Path dir) throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/self/fd/1")));
        Path in = input(dir);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classpath, SpineCdsCli.class.getName(), "batch", in.toString())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(in.toFile()))
                .redirectError(dir.resolve("err.txt").toFile()).start();

        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("err.txt"))).contains("standard output is the input file");
        assertThat(Files.readString(in)).isEqualTo(PATIENTS);
    }

    /** Replacing an output follows a link to it and keeps its permissions: private results stay private. */
    @Test
    void anOutputReachedByALinkIsWrittenThroughTheLinkWithItsPermissionsKept(@TempDir Path dir) throws Exception {
        Path in = input(dir);
        Path real = Files.writeString(dir.resolve("real.ndjson"), "old\n");
        boolean posix = Files.getFileStore(real).supportsFileAttributeView("posix");
        if (posix) {
            Files.setPosixFilePermissions(real, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        Path link = Files.createSymbolicLink(dir.resolve("link.ndjson"), real.getFileName());

        CliTest.Run run = spinecds("batch", in.toString(), "--out", link.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readAllLines(real)).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("{\"line\":"));
        if (posix) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(real)))
                    .isEqualTo("rw-------");
        }
    }
}
