package org.spinecds.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.spinecds.SpineCds;
import org.spinecds.json.AssessmentJson;
import org.spinecds.json.PatientJson;

/**
 * How {@link BatchScreening} frames and reads its input, on bytes: where a line ends, what a line that is
 * not UTF-8 or not Unicode gives, an input cut short, and an output that fails.
 * Public for {@link #mixedInput} and {@link FullAfter}, which the batch command's tests share (test jar).
 */
public class BatchFramingTest {

    static final SpineCds ENGINE = SpineCds.withDefaultRules();

    record Batch(String out, BatchScreening.Summary summary) {
        List<JsonNode> records() {
            return out.lines().map(AssessmentJson::parse).toList();
        }

        List<Long> lineNumbers() {
            return records().stream().map(r -> r.get("line").asLong()).toList();
        }
    }

    static Batch batch(byte[] in, int threads, boolean full) throws IOException {
        StringWriter out = new StringWriter();
        BatchScreening.Summary s = BatchScreening.run(ENGINE, new ByteArrayInputStream(in), out, threads, full, n -> { });
        return new Batch(out.toString(), s);
    }

    static Batch batch(String in) throws IOException {
        return batch(in.getBytes(StandardCharsets.UTF_8), 2, false);
    }

    /** Valid lines of the synthetic cohort (its deliberately invalid ones left out). */
    static List<String> validCohortLines(int count, long seed) throws IOException {
        StringWriter w = new StringWriter();
        SyntheticCohort.write(w, count + count / 20 + 10, seed);
        List<String> valid = new ArrayList<>();
        for (String line : w.toString().lines().toList()) {
            try {
                PatientJson.read(line); // the cohort's invalid lines are refused by the reader
                if (valid.size() < count) {
                    valid.add(line);
                }
            } catch (org.spinecds.InvalidPatientException expected) {
                // left out
            }
        }
        return valid;
    }

    /** The record a line gives on its own, without its line number. */
    static JsonNode alone(String line) {
        ObjectNode r = ScreeningResult.screen(ENGINE, 1, line).toJson(false);
        r.remove("line");
        return r;
    }

    static JsonNode withoutLine(JsonNode record) {
        ObjectNode r = record.deepCopy();
        r.remove("line");
        return r;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aLoneCarriageReturnIsPartOfItsLineAndLaterLinesKeepTheirNumbers() throws Exception {
        String a = "{\"patientId\": \"A\", \"age\": 50}";
        String b = "{\"patientId\": \"B\", \"bladderBowelDysfunction\": true}";

        Batch r = batch("{\"patientId\":\r\"A\",\r\"age\": 50}\n" + b + "\n");

        assertThat(r.lineNumbers()).containsExactly(1L, 2L);
        assertThat(withoutLine(r.records().get(0))).isEqualTo(alone(a));
        assertThat(withoutLine(r.records().get(1))).isEqualTo(alone(b));
    }

    @Test
    void aLineEndsInANewlineWithOneCarriageReturnBeforeItDropped() throws Exception {
        String a = "{\"patientId\": \"A\", \"age\": 50}";

        Batch r = batch(a + "\r\n" + a + "\r\r\n\r\n" + a + "\n");

        assertThat(r.lineNumbers()).containsExactly(1L, 2L, 4L); // line 3 is a lone \r: blank
        r.records().forEach(n -> assertThat(withoutLine(n)).isEqualTo(alone(a)));
        assertThat(r.summary().endsMidLine()).isZero();
    }

    @Test
    void aCarriageReturnInsideAStringIsAnErrorOfThatLineOnly() throws Exception {
        Batch r = batch("{\"patientId\": \"A\rB\", \"age\": 50}\n{\"age\": 50}\n");

        assertThat(r.lineNumbers()).containsExactly(1L, 2L);
        assertThat(r.records().get(0).get("error").get("field").asText()).isEqualTo("$");
        assertThat(r.records().get(0).get("error").get("message").asText()).contains("CTRL-CHAR, code 13")
                .doesNotContain("A\rB");
        assertThat(r.records().get(1).has("verdict")).isTrue();
    }

    @Test
    void aLineThatIsNotUtf8GivesAnErrorRecordWithItsLineAndOffsetAndTheBatchGoesOn() throws Exception {
        byte[] in = concat(utf8("{\"age\": 50}\n{\"patientId\": \"M"), new byte[] {(byte) 0xFC},
                utf8("ller\", \"age\": 50}\n{\"age\": 51}\n"),
                "{\"age\": 52}\n".getBytes(StandardCharsets.UTF_16LE), utf8("\n{\"age\": 53}\n"));

        Batch r = batch(in, 2, false);

        assertThat(r.lineNumbers()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        JsonNode bad = r.records().get(1).get("error");
        assertThat(bad.get("field").asText()).isEqualTo("$");
        assertThat(bad.get("message").asText()).isEqualTo("$: not UTF-8 text: an invalid byte sequence at byte offset 16");
        // UTF-16 text split on its newline bytes: each piece is refused, none is read
        assertThat(r.records().get(3).get("error").get("message").asText()).startsWith("$: not UTF-8 text");
        assertThat(r.records().get(4).get("error").get("message").asText()).startsWith("$: not UTF-8 text");
        assertThat(r.records().get(2).has("verdict")).isTrue();
        assertThat(r.records().get(5).has("verdict")).isTrue();
        assertThat(r.summary().errorsByField()).containsEntry("$", 3L);
    }

    @Test
    void anEscapedLoneSurrogateIsAnErrorRecordNamingTheFieldAndNothingIsWrittenTwice() throws Exception {
        List<String> lines = new ArrayList<>(validCohortLines(60, 3));
        lines.set(1, "{\"diagnoses\": [\"\\ud800\"]}");
        lines.set(20, "{\"patientId\": \"X\\udfff\", \"age\": 50}");
        lines.set(30, "{\"age\\ud800\": 50}");

        Batch r = batch(String.join("\n", lines) + "\n");

        assertThat(r.lineNumbers()).hasSize(60).isSorted().doesNotHaveDuplicates();
        assertThat(r.records().get(1).get("error").get("field").asText()).isEqualTo("diagnoses[0]");
        assertThat(r.records().get(20).get("error").get("field").asText()).isEqualTo("patientId");
        assertThat(r.records().get(20).has("patientId")).isFalse();
        assertThat(r.records().get(30).get("error").get("field").asText()).isEqualTo("\"age\\ud800\"");
        assertThat(r.out()).doesNotContain("\ud800").doesNotContain("\udfff");
        assertThat(r.summary().errors()).isEqualTo(3);
        assertThat(r.summary().lines()).isEqualTo(60);
    }

    @Test
    void blankLinesAreSkippedButCountedAndEveryOtherLineGetsOneRecord() throws Exception {
        Batch r = batch("\n   \t\r\n{\"age\": 50}\n \f \n\u2003\n{\"age\": 50}");

        // a form feed or an em space is not JSON whitespace: that line is an error, not dropped
        assertThat(r.lineNumbers()).containsExactly(3L, 4L, 5L, 6L);
        assertThat(r.records().get(1).get("error").get("field").asText()).isEqualTo("$");
        assertThat(r.records().get(2).get("error").get("field").asText()).isEqualTo("$");
    }

    @Test
    void aByteOrderMarkIsSkippedBeforeLineOneOnly() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Batch r = batch(concat(bom, utf8("{\"age\": 50}\n"), bom, utf8("{\"age\": 50}\n")), 1, false);

        assertThat(r.records().get(0).has("verdict")).isTrue();
        assertThat(r.records().get(1).get("error").get("field").asText()).isEqualTo("$");
        assertThat(batch(concat(bom, utf8("\n{\"age\": 50}\n")), 1, false).lineNumbers()).containsExactly(2L);
    }

    @Test
    void aLineLongerThanTheLimitIsAnErrorAndTheNextLineIsReadWithItsNumber() throws Exception {
        byte[] huge = new byte[PatientJson.MAX_DOCUMENT_BYTES * 2 + 17];
        java.util.Arrays.fill(huge, (byte) 'a');
        huge[0] = '{';
        byte[] blankHuge = new byte[PatientJson.MAX_DOCUMENT_BYTES + 100];
        java.util.Arrays.fill(blankHuge, (byte) ' ');
        byte[] exact = new byte[PatientJson.MAX_DOCUMENT_BYTES];
        java.util.Arrays.fill(exact, (byte) ' ');
        byte[] patient = utf8("{\"age\": 50}");
        System.arraycopy(patient, 0, exact, 0, patient.length);

        Batch r = batch(concat(utf8("{\"age\": 50}\n"), huge, utf8("\n"), blankHuge, utf8("\n"), exact, utf8("\r\n"),
                utf8("{\"age\": 51}\n")), 2, false);

        assertThat(r.lineNumbers()).containsExactly(1L, 2L, 4L, 5L);
        assertThat(r.records().get(1).get("error").get("message").asText())
                .isEqualTo("$: the line is longer than 1048576 bytes");
        assertThat(r.records().get(2).has("verdict")).as("a line of exactly the limit is read").isTrue();
        assertThat(r.records().get(3).has("verdict")).isTrue();
    }

    @Test
    void anInputThatEndsInTheMiddleOfALineSaysSo() throws Exception {
        Batch valid = batch("{\"age\": 50}\n{\"age\": 51}");
        Batch cut = batch("{\"age\": 50}\n{\"age\": 51, \"diagn");
        Batch complete = batch("{\"age\": 50}\n{\"age\": 51}\n");
        Batch trailingBlank = batch("{\"age\": 50}\n  ");

        assertThat(valid.summary().endsMidLine()).isEqualTo(2);
        assertThat(valid.summary().endsMidLineInError()).isFalse();
        assertThat(valid.summary().toString()).contains("the input ends in the middle of line 2")
                .doesNotContain("cut short");
        assertThat(cut.lineNumbers()).containsExactly(1L, 2L);
        assertThat(cut.summary().endsMidLine()).isEqualTo(2);
        assertThat(cut.summary().endsMidLineInError()).isTrue();
        assertThat(cut.summary().toString()).contains("the input ends in the middle of line 2").contains("cut short");
        assertThat(complete.summary().endsMidLine()).isZero();
        assertThat(complete.summary().toString()).doesNotContain("middle");
        assertThat(trailingBlank.summary().endsMidLine()).isZero();
    }

    @Tag("slow")
    @Test
    void theSameInputGivesTheSameBytesWithAnyNumberOfThreadsBadLinesIncluded() throws Exception {
        byte[] in = mixedInput(300, 8);

        Batch one = batch(in, 1, false);
        Batch three = batch(in, 3, false);
        Batch fullOne = batch(in, 1, true);
        Batch fullThree = batch(in, 3, true);

        assertThat(one.summary().errors()).isGreaterThanOrEqualTo(6);
        assertThat(three.out()).isEqualTo(one.out());
        String time = "\"assessedAt\":\"[^\"]+\"";
        assertThat(fullThree.out().replaceAll(time, "")).isEqualTo(fullOne.out().replaceAll(time, ""));
        assertThat(fullOne.lineNumbers()).isEqualTo(one.lineNumbers());
    }

    /** Cohort lines with CRLF endings, blank lines, and every kind of bad line among them. */
    public static byte[] mixedInput(int count, long seed) throws IOException {
        StringWriter w = new StringWriter();
        SyntheticCohort.write(w, count, seed);
        List<String> lines = w.toString().lines().toList();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            switch (i % 37) {
                case 5 -> b.writeBytes(concat(utf8("{\"patientId\": \""), new byte[] {(byte) 0xE9}, utf8("\"}")));
                case 11 -> b.writeBytes(utf8("{\"diagnoses\": [\"\\ud800\"]}"));
                case 17 -> b.writeBytes(utf8(line.replaceFirst(":", ":\r")));
                case 23 -> b.writeBytes(utf8("{\"patientId\": \"a\rb\"}"));
                case 29 -> b.writeBytes(utf8("  "));
                default -> b.writeBytes(utf8(line));
            }
            b.writeBytes(utf8(i % 3 == 0 ? "\r\n" : "\n"));
        }
        return b.toByteArray();
    }

    /** The acceptance test of the batch: 3,000 lines, three bad ones and a lone CR in the middle. */
    @Tag("slow")
    @Test
    void threeThousandLinesWithThreeBadOnesAndALoneCarriageReturnGiveThreeThousandRecordsInOrder() throws Exception {
        List<String> valid = validCohortLines(2997, 17);
        String crLine = valid.get(1500).replaceFirst(":", ":\r"); // JSON whitespace between two tokens
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < 1500; i++) {
            b.writeBytes(utf8(valid.get(i) + "\n"));
        }
        b.writeBytes(concat(utf8("{\"patientId\": \"caf"), new byte[] {(byte) 0xE9}, utf8("\", \"age\": 50}\n"))); // 1501
        b.writeBytes(utf8("{\"age\": 50, \"diagnoses\": [\"\\ud800\"]}\n")); // 1502
        b.writeBytes(utf8(crLine + "\n")); // 1503
        b.writeBytes(utf8("{\"patientId\": \"line\rbreak\", \"age\": 50}\n")); // 1504: a raw CR inside a string
        for (int i = 1501; i < valid.size(); i++) {
            b.writeBytes(utf8(valid.get(i) + "\n"));
        }

        Batch run = batch(b.toByteArray(), 2, false);

        List<JsonNode> records = run.records();
        assertThat(records).hasSize(3000);
        for (int i = 0; i < records.size(); i++) {
            assertThat(records.get(i).get("line").asLong()).isEqualTo(i + 1);
        }
        assertThat(records.stream().filter(r -> r.has("error")).map(r -> r.get("line").asLong()))
                .containsExactly(1501L, 1502L, 1504L);
        assertThat(records.get(1500).get("error").get("message").asText()).contains("not UTF-8");
        assertThat(records.get(1501).get("error").get("field").asText()).isEqualTo("diagnoses[0]");
        assertThat(withoutLine(records.get(1502))).isEqualTo(alone(valid.get(1500)));
        assertThat(withoutLine(records.get(1504))).isEqualTo(alone(valid.get(1501)));
        assertThat(withoutLine(records.get(2999))).isEqualTo(alone(valid.get(2996)));
        assertThat(run.summary().toString()).contains("3,000 lines").contains("2,997 assessed, 3 errors");
    }

    /** Accepts {@code limit} bytes, then fails as a full disk does. */
    public static final class FullAfter extends OutputStream {
        final ByteArrayOutputStream accepted = new ByteArrayOutputStream();
        private final int limit;

        public FullAfter(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int room = limit - accepted.size();
            accepted.write(b, off, Math.max(0, Math.min(room, len)));
            if (len > room) {
                throw new IOException("No space left on device");
            }
        }
    }

    @Test
    void aPrintWriterThatFailsQuietlyStopsTheRunWithTheCountOfRecordsWritten() throws Exception {
        byte[] in = mixedInput(2000, 4);
        FullAfter sink = new FullAfter(200_000);

        BatchScreening.OutputFailedException e = catchThrowableOfType(BatchScreening.OutputFailedException.class,
                () -> BatchScreening.run(ENGINE, new ByteArrayInputStream(in), new PrintWriter(sink), 2, false, n -> { }));

        assertThat(e).isNotNull();
        List<String> written = sink.accepted.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(e.recordsWritten()).isPositive().isLessThanOrEqualTo(written.size());
        assertThat(e.getMessage()).contains("after " + e.recordsWritten() + " records");
        List<Long> numbers = written.subList(0, (int) e.recordsWritten()).stream()
                .map(l -> AssessmentJson.parse(l).get("line").asLong()).toList();
        assertThat(numbers).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aWriterThatFailsIsNeverWrittenAgain() throws Exception {
        byte[] in = mixedInput(2000, 5);
        StringBuilder accepted = new StringBuilder();
        int[] calls = {0};
        Writer failing = new Writer() {
            @Override
            public void write(char[] c, int off, int len) throws IOException {
                calls[0]++;
                if (accepted.length() + len > 150_000) {
                    throw new IOException("No space left on device");
                }
                accepted.append(c, off, len);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };

        BatchScreening.OutputFailedException e = catchThrowableOfType(BatchScreening.OutputFailedException.class,
                () -> BatchScreening.run(ENGINE, new ByteArrayInputStream(in), failing, 2, false, n -> { }));

        assertThat(e.reason()).isEqualTo("No space left on device");
        int callsAtFailure = calls[0];
        List<Long> numbers = accepted.toString().lines().map(l -> AssessmentJson.parse(l).get("line").asLong()).toList();
        assertThat(numbers).hasSize((int) e.recordsWritten()).isSorted().doesNotHaveDuplicates();
        assertThat(calls[0]).isEqualTo(callsAtFailure);
    }
}
