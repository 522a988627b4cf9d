package org.spinecds.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

import org.spinecds.InvalidPatientException;
import org.spinecds.SpineCds;
import org.spinecds.Verdict;
import org.spinecds.json.PatientJson;
import org.spinecds.patient.Patient;

/**
 * Population screening: one patient JSON per input line, one result per output line, in input order.
 *
 * <p>Framing is on bytes, so that nothing about the text can move a line boundary: a record is a line
 * ending in {@code \n} (or {@code \r\n}: one carriage return before the newline is dropped); a carriage
 * return anywhere else is part of the line (JSON whitespace between tokens, an error inside a string).
 * Each line is then read strictly as UTF-8 ({@link #readLine}). A UTF-8 byte order mark before line 1
 * is skipped (RFC 8259, 8.1). Blank lines (nothing but spaces, tabs and carriage returns) are skipped,
 * their numbers still counted; every other line gets exactly one record carrying its line number: a
 * line that is not UTF-8, is longer than {@link PatientJson#MAX_DOCUMENT_BYTES} (skipped to the next
 * newline without being held in memory) or holds no valid patient gives an error record naming its
 * field, and the batch goes on.
 *
 * <p>Lines are assessed on {@code threads} workers; at most {@code threads * 64} lines are in flight at
 * once, so memory stays bounded whatever the file's size. The records are written in input order, so
 * that the output is the same, byte for byte, with any number of threads.
 *
 * <p>The output is written in blocks, each written once: a write failure (a {@link PrintWriter}'s
 * {@link PrintWriter#checkError} included, since a {@code PrintWriter} hides its failures) stops the run
 * with an {@link OutputFailedException} telling how many records had been written; the summary counts
 * only records written.
 */
public final class BatchScreening {

    /**
     * What a batch did. {@code lines} is the number of records written (one per non-blank input line).
     * {@code byVerdict} holds the verdicts that occurred; its text lists every verdict, in verdict order,
     * with zero for those that did not.
     *
     * @param endsMidLine the number of the last line when the input ends in the middle of it (with no
     *     newline after it, so perhaps cut short), else 0
     * @param endsMidLineInError whether that last line gave an error record (a cut-short document does)
     */
    public record Summary(long lines, long assessed, long errors, Map<Verdict, Long> byVerdict,
                          Map<String, Long> errorsByField, Duration elapsed, int maxInFlight, long endsMidLine,
                          boolean endsMidLineInError) {
        public double perSecond() {
            return elapsed.isZero() ? 0 : lines / (elapsed.toNanos() / 1e9);
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder();
            s.append(String.format("%,d lines in %.1f s (%,.0f per second): %,d assessed, %,d errors%n", lines,
                    elapsed.toMillis() / 1000.0, perSecond(), assessed, errors));
            for (Verdict v : Verdict.values()) { // every verdict, in verdict order, INSUFFICIENT_INFORMATION last
                s.append(String.format("  %-30s %,10d%n", v, byVerdict.getOrDefault(v, 0L)));
            }
            if (!errorsByField.isEmpty()) {
                s.append("  errors by field:\n");
                errorsByField.forEach((f, n) -> s.append(String.format("    %-28s %,10d%n", f, n)));
            }
            if (endsMidLine > 0) {
                s.append(String.format("warning: the input ends in the middle of line %,d (no newline after it)%s%n",
                        endsMidLine, endsMidLineInError ? ", which is not a valid patient: the input may have been "
                                + "cut short" : ""));
            }
            return s.toString();
        }
    }

    /**
     * The output failed: nothing more was written after the records counted here (those of the blocks
     * written before the failure; the output may hold part of the next block).
     */
    public static final class OutputFailedException extends IOException {
        private final long recordsWritten;

        OutputFailedException(long recordsWritten, IOException cause) {
            super("the write failed (" + reason(cause) + ") after " + recordsWritten + " records", cause);
            this.recordsWritten = recordsWritten;
        }

        public long recordsWritten() {
            return recordsWritten;
        }

        /** Why, without the record count: the cause's message, or its kind. */
        public String reason() {
            return reason((IOException) getCause());
        }

        private static String reason(IOException cause) {
            return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        }
    }

    private record Result(String json, Verdict verdict, String errorField) {
        /** Names no patient and shows no value (the record's JSON holds the patientId). */
        @Override
        public String toString() {
            return "Result[" + (verdict != null ? verdict : "error in " + errorField) + "]";
        }
    }

    /** The field of an error record for a line whose assessment could not be written as JSON (a defect). */
    public static final String INTERNAL_FIELD = "(internal)";

    /**
     * The most bytes of lines in flight at once, besides the {@code threads * 64} lines: lines can be up to
     * 1 MiB each, and memory must stay bounded by the window whatever the lines' length.
     */
    static final long MAX_BYTES_IN_FLIGHT = 32L << 20;

    /** A line's bytes without its terminator ({@code null} when too long), and whether a newline ended it. */
    private record Line(long number, byte[] bytes, boolean blank, boolean terminated) {
    }

    /** The output is written, and checked, in blocks of about this many characters. */
    private static final int BLOCK_CHARS = 1 << 16;

    private BatchScreening() {
    }

    /**
     * Screens every line of {@code in} and writes the results to {@code out}.
     *
     * @param full the whole assessment per line instead of the compact record
     * @param progress told the number of lines done, after each line, from the calling thread
     * @throws OutputFailedException if writing to {@code out} failed; other I/O exceptions come from {@code in}
     */
    public static Summary run(SpineCds engine, InputStream in, Writer out, int threads, boolean full,
                              LongConsumer progress) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        int window = threads * 64;
        long started = System.nanoTime();
        Output output = new Output(out);
        Lines lines = new Lines(in);
        long done = 0;
        int maxInFlight = 0;
        Line last = null;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ArrayDeque<Future<Result>> inFlight = new ArrayDeque<>(window);
        ArrayDeque<Integer> sizes = new ArrayDeque<>(window);
        long bytesInFlight = 0;
        try {
            for (Line line = lines.next(); line != null; line = lines.next()) {
                if (line.blank()) {
                    continue;
                }
                last = line;
                Line l = line;
                int size = line.bytes() == null ? 0 : line.bytes().length;
                inFlight.add(pool.submit(() -> screen(engine, l, full)));
                sizes.add(size);
                bytesInFlight += size;
                maxInFlight = Math.max(maxInFlight, inFlight.size());
                while (inFlight.size() >= window || bytesInFlight > MAX_BYTES_IN_FLIGHT) {
                    output.add(take(inFlight));
                    bytesInFlight -= sizes.poll();
                    progress.accept(++done);
                }
            }
            while (!inFlight.isEmpty()) {
                output.add(take(inFlight));
                sizes.poll();
                progress.accept(++done);
            }
            output.flush();
        } finally {
            pool.shutdownNow();
        }
        boolean midLine = last != null && !last.terminated(); // only the input's last line can lack a newline
        return new Summary(output.written, output.written - output.errors, output.errors,
                Collections.unmodifiableMap(output.byVerdict), Collections.unmodifiableMap(output.errorsByField),
                Duration.ofNanos(System.nanoTime() - started), maxInFlight, midLine ? last.number() : 0,
                midLine && output.lastWasError);
    }

    /** Whether a line is blank: nothing but spaces, tabs and carriage returns (JSON whitespace). */
    public static boolean isBlank(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the patient of one line's bytes (without its terminator) as {@code batch} and the Spark job do:
     * strictly as UTF-8, refusing a line longer than {@link PatientJson#MAX_DOCUMENT_BYTES}.
     *
     * @throws InvalidPatientException naming the field, or {@code $} for the whole line
     */
    public static Patient readLine(byte[] bytes, int offset, int length) {
        if (length > PatientJson.MAX_DOCUMENT_BYTES) {
            throw tooLong();
        }
        return PatientJson.read(bytes, offset, length);
    }

    private static InvalidPatientException tooLong() {
        return InvalidPatientException.of(PatientJson.ROOT, "the line is longer than %d bytes",
                PatientJson.MAX_DOCUMENT_BYTES);
    }

    private static Result take(ArrayDeque<Future<Result>> inFlight) throws IOException {
        try {
            return inFlight.poll().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("screening a line failed unexpectedly", e.getCause());
        }
    }

    private static Result screen(SpineCds engine, Line line, boolean full) {
        byte[] bytes = line.bytes();
        ScreeningResult r = ScreeningResult.screen(engine, line.number(), () -> {
            if (bytes == null) {
                throw tooLong();
            }
            return readLine(bytes, 0, bytes.length);
        });
        try {
            return new Result(r.toJson(full).toString(), r.verdict(), r.errorField());
        } catch (RuntimeException e) {
            // e.g. a rule gave a finding an evidence value JSON cannot hold: that line's record is an error,
            // naming the type only (the message could hold values), and the batch goes on
            ScreeningResult error = new ScreeningResult(line.number(), null, INTERNAL_FIELD,
                    "the assessment could not be written as JSON: " + e.getClass().getSimpleName());
            return new Result(error.toJson(false).toString(), null, INTERNAL_FIELD);
        }
    }

    /** The records, written in blocks, each once, and counted when written. */
    private static final class Output {
        private final Writer out;
        private final StringBuilder block = new StringBuilder(BLOCK_CHARS + 4096);
        private final List<Result> inBlock = new ArrayList<>();
        final Map<Verdict, Long> byVerdict = new EnumMap<>(Verdict.class);
        final Map<String, Long> errorsByField = new TreeMap<>();
        long written;
        long errors;
        boolean lastWasError;

        Output(Writer out) {
            this.out = out;
        }

        void add(Result r) throws IOException {
            block.append(r.json()).append('\n');
            inBlock.add(r);
            if (block.length() >= BLOCK_CHARS) {
                flush();
            }
        }

        void flush() throws IOException {
            String text = block.toString();
            block.setLength(0); // never written again, whatever happens next
            List<Result> results = List.copyOf(inBlock);
            inBlock.clear();
            try {
                out.write(text);
                out.flush();
                if (out instanceof PrintWriter p && p.checkError()) {
                    throw new IOException("the stream reported an error");
                }
            } catch (IOException e) {
                throw new OutputFailedException(written, e);
            }
            for (Result r : results) {
                written++;
                lastWasError = r.verdict() == null;
                if (lastWasError) {
                    errors++;
                    errorsByField.merge(r.errorField(), 1L, Long::sum);
                } else {
                    byVerdict.merge(r.verdict(), 1L, Long::sum);
                }
            }
        }
    }

    /**
     * The lines of a byte stream, split on {@code \n} with one {@code \r} before it dropped. A line is held
     * up to one byte over the limit; the rest of a longer line is skipped to its newline.
     */
    private static final class Lines {
        private static final int LIMIT = PatientJson.MAX_DOCUMENT_BYTES + 1; // room for a final \r
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int pos;
        private int limit;
        private byte[] line = new byte[1024];
        private int length;
        private boolean tooLong;
        private boolean blank;
        private long number;

        Lines(InputStream in) {
            this.in = in;
        }

        /** The next line, or {@code null} at the end of the input. */
        Line next() throws IOException {
            length = 0;
            tooLong = false;
            blank = true;
            boolean started = false;
            while (true) {
                if (pos == limit) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        return started ? finish(false) : null;
                    }
                    pos = 0;
                    limit = n;
                    continue;
                }
                started = true;
                int end = pos;
                while (end < limit && buffer[end] != '\n') {
                    end++;
                }
                append(pos, end - pos);
                if (end < limit) {
                    pos = end + 1;
                    return finish(true);
                }
                pos = limit;
            }
        }

        private void append(int from, int count) {
            if (blank && !isBlank(buffer, from, count)) {
                blank = false;
            }
            if (tooLong) {
                return;
            }
            if (length + count > LIMIT) {
                tooLong = true;
                return;
            }
            if (length + count > line.length) {
                line = Arrays.copyOf(line, Math.min(LIMIT, Math.max(length + count, line.length * 2)));
            }
            System.arraycopy(buffer, from, line, length, count);
            length += count;
        }

        private Line finish(boolean terminated) {
            number++;
            int n = length;
            if (!tooLong && n > 0 && line[n - 1] == '\r') {
                n--;
            }
            int start = 0;
            if (number == 1 && !tooLong && n >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB
                    && (line[2] & 0xFF) == 0xBF) {
                start = 3; // a byte order mark before the first line, as Hadoop's line reader skips it
                blank = isBlank(line, 3, n - 3);
            }
            byte[] bytes = tooLong || n - start > PatientJson.MAX_DOCUMENT_BYTES ? null
                    : Arrays.copyOfRange(line, start, n);
            return new Line(number, bytes, blank, terminated);
        }
    }
}
