package org.spinecds.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

import org.spinecds.examples.batch.BatchScreening;
import org.spinecds.examples.batch.SyntheticCohort;

/**
 * Generated inputs for the batch (jqwik reports the seed of a failure): random bytes, cohort lines, JSON
 * with escapes, lines cut short, lone carriage returns inside lines, and every line ending ({@code \n},
 * {@code \r\n}, a lone {@code \r}, none at the end). Whatever comes, every non-blank line (split on the
 * newline byte, as a host counting lines does) gets exactly one record, in order, with its number, and
 * every output line is one JSON object. Inputs have up to {@code spinecds.batch.property.lines} lines
 * (default 40).
 */
class BatchPropertiesTest {

    private static final int MAX_LINES = Integer.getInteger("spinecds.batch.property.lines", 40);
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final List<String> COHORT = cohort();

    private static List<String> cohort() {
        StringWriter w = new StringWriter();
        try {
            SyntheticCohort.write(w, 300, 31);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString().lines().toList();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Provide
    Arbitrary<byte[]> inputs() {
        Arbitrary<String> cohortLine = Arbitraries.of(COHORT);
        Arbitrary<byte[]> line = Arbitraries.frequencyOf(
                Tuple.of(4, cohortLine.map(BatchPropertiesTest::utf8)),
                Tuple.of(2, Combinators.combine(cohortLine, Arbitraries.integers().between(0, 2000),
                        Arbitraries.integers().between(1, 3)).as((l, at, n) -> {
                            int i = at % (l.length() + 1);
                            return utf8(l.substring(0, i) + "\r".repeat(n) + l.substring(i));
                        })),
                Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(40)),
                Tuple.of(1, Arbitraries.of(" ", "\t", "", "\r", " \r\t ").list().ofMaxSize(4)
                        .map(l -> utf8(String.join("", l)))),
                Tuple.of(1, Arbitraries.of("{\"diagnoses\": [\"\\ud800\"]}", "{\"patientId\": \"\\udc00x\"}",
                        "{\"\\ud83d\\ude00\": 1}", "{\"patientId\": \"\\ud83d\\ude00\"}", "{\"age\": 50}",
                        "\uFEFF{\"age\": 50}", "[1, 2]", "{} {}", "null", "{\"patientId\": \"\u00e9\u4e2d\"}")
                        .map(BatchPropertiesTest::utf8)),
                Tuple.of(1, Combinators.combine(cohortLine, Arbitraries.integers().between(0, 2000))
                        .as((l, at) -> utf8(l.substring(0, at % (l.length() + 1))))));
        Arbitrary<String> ending = Arbitraries.of("\n", "\n", "\n", "\r\n", "\r", "");
        return Combinators.combine(line, ending).as((l, e) -> {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(l);
            b.writeBytes(utf8(e));
            return b.toByteArray();
        }).list().ofMaxSize(MAX_LINES).map(pieces -> {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            pieces.forEach(b::writeBytes);
            return b.toByteArray();
        });
    }

    /** The numbers of the non-blank lines, found the plain way: split on 0x0A, one 0x0D before it dropped. */
    static List<Long> nonBlankLines(byte[] in) {
        List<Long> numbers = new ArrayList<>();
        int start = 0;
        long number = 0;
        while (start < in.length) {
            int end = start;
            while (end < in.length && in[end] != '\n') {
                end++;
            }
            number++;
            int from = start;
            int to = end < in.length && end > start && in[end - 1] == '\r' ? end - 1 : end;
            if (number == 1 && to - from >= 3 && (in[0] & 0xFF) == 0xEF && (in[1] & 0xFF) == 0xBB
                    && (in[2] & 0xFF) == 0xBF) {
                from += 3;
            }
            boolean blank = true;
            for (int i = from; i < to; i++) {
                blank &= in[i] == ' ' || in[i] == '\t' || in[i] == '\r';
            }
            if (!blank) {
                numbers.add(number);
            }
            start = end + 1;
        }
        return numbers;
    }

    /** Checks that {@code out} has one JSON record per expected line, in order, and is Unicode text. */
    static void checkRecords(String out, List<Long> expected) throws Exception {
        StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT).encode(CharBuffer.wrap(out));
        assertThat(out.isEmpty() || out.endsWith("\n")).isTrue();
        List<String> lines = out.isEmpty() ? List.of() : List.of(out.substring(0, out.length() - 1).split("\n", -1));
        assertThat(lines).hasSameSizeAs(expected);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode r = STRICT.readTree(lines.get(i));
            assertThat(r.isObject()).isTrue();
            assertThat(r.get("line").asLong()).isEqualTo(expected.get(i));
            assertThat(r.has("verdict")).isNotEqualTo(r.has("error"));
        }
    }

    @Property(tries = 60)
    void everyNonBlankLineGetsOneRecordInOrderWithItsNumber(@ForAll("inputs") byte[] in,
                                                            @ForAll @IntRange(min = 1, max = 3) int threads)
            throws Exception {
        List<Long> expected = nonBlankLines(in);
        StringWriter out = new StringWriter();
        StringWriter sequential = new StringWriter();

        BatchScreening.Summary s = BatchScreening.run(BatchFramingTest.ENGINE, new ByteArrayInputStream(in), out,
                threads, false, n -> { });
        BatchScreening.run(BatchFramingTest.ENGINE, new ByteArrayInputStream(in), sequential, 1, false, n -> { });

        checkRecords(out.toString(), expected);
        assertThat(s.lines()).isEqualTo(expected.size());
        assertThat(s.assessed() + s.errors()).isEqualTo(s.lines());
        boolean midLine = !expected.isEmpty() && in[in.length - 1] != '\n' && expected.get(expected.size() - 1)
                == lineCount(in);
        assertThat(s.endsMidLine()).isEqualTo(midLine ? expected.get(expected.size() - 1) : 0);
        assertThat(out.toString()).isEqualTo(sequential.toString());
    }

    /** The number of lines, blank or not, as a host counting newlines (plus an unterminated last line) does. */
    private static long lineCount(byte[] in) {
        long n = 0;
        for (byte b : in) {
            n += b == '\n' ? 1 : 0;
        }
        return in.length > 0 && in[in.length - 1] != '\n' ? n + 1 : n;
    }

    @Property(tries = 10)
    void theBatchCommandWritesOneRecordPerNonBlankLineInOrder(@ForAll("inputs") byte[] in) throws Exception {
        Path dir = Files.createTempDirectory("batch-property");
        try {
            Path file = Files.write(dir.resolve("in.ndjson"), in);
            Path out = dir.resolve("out.ndjson");

            CliTest.Run run = CliTest.spinecds("batch", file.toString(), "--out", out.toString(), "--threads", "2");

            assertThat(run.exit()).as(run.err()).isIn(0, 1);
            assertThat(run.exit() == 1).isEqualTo(run.err().contains("which is not a valid patient"));
            checkRecords(Files.readString(out), nonBlankLines(in));
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.count()).as("no temporary file left").isEqualTo(2);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
