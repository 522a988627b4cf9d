package org.spinecds.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generated batch inputs (random bytes, cohort lines, JSON with escapes, lines cut short, lone carriage
 * returns inside lines, every line ending) and the checks every output must pass: shared by the
 * engine's property tests here and the batch command's in spinecds-examples (through the test jar).
 */
public final class BatchInputs implements ArbitrarySupplier<byte[]> {

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

    @Override
    public Arbitrary<byte[]> get() {
        Arbitrary<String> cohortLine = Arbitraries.of(COHORT);
        Arbitrary<byte[]> line = Arbitraries.frequencyOf(
                Tuple.of(4, cohortLine.map(BatchInputs::utf8)),
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
                        .map(BatchInputs::utf8)),
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
    public static List<Long> nonBlankLines(byte[] in) {
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
    public static void checkRecords(String out, List<Long> expected) throws Exception {
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
}
