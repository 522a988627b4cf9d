package org.spinecds.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Generated inputs for the batch (jqwik reports the seed of a failure): random bytes, cohort lines, JSON
 * with escapes, lines cut short, lone carriage returns inside lines, and every line ending ({@code \n},
 * {@code \r\n}, a lone {@code \r}, none at the end). Whatever comes, every non-blank line (split on the
 * newline byte, as a host counting lines does) gets exactly one record, in order, with its number, and
 * every output line is one JSON object. Inputs have up to {@code spinecds.batch.property.lines} lines
 * (default 40).
 */
class BatchPropertiesTest {

    @Property(tries = 60)
    void everyNonBlankLineGetsOneRecordInOrderWithItsNumber(@ForAll(supplier = BatchInputs.class) byte[] in,
                                                            @ForAll @IntRange(min = 1, max = 3) int threads)
            throws Exception {
        List<Long> expected = BatchInputs.nonBlankLines(in);
        StringWriter out = new StringWriter();
        StringWriter sequential = new StringWriter();

        BatchScreening.Summary s = BatchScreening.run(BatchFramingTest.ENGINE, new ByteArrayInputStream(in), out,
                threads, false, n -> { });
        BatchScreening.run(BatchFramingTest.ENGINE, new ByteArrayInputStream(in), sequential, 1, false, n -> { });

        BatchInputs.checkRecords(out.toString(), expected);
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
}
