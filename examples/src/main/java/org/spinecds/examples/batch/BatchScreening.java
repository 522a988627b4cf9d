package org.spinecds.examples.batch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

import org.spinecds.SpineCds;
import org.spinecds.Verdict;

/**
 * Population screening: one patient JSON per input line, one result per output line, in input order.
 * Lines are assessed on {@code threads} workers; at most {@code window} lines are in flight at once,
 * so memory stays bounded whatever the file's size. A bad line gives an error record naming its line
 * and field, and the batch goes on. Blank lines are skipped. Each line's record is a
 * {@link ScreeningResult}.
 */
public final class BatchScreening {

    /**
     * What a batch did. {@code byVerdict} holds the verdicts that occurred; its text lists every verdict,
     * in verdict order, with zero for those that did not.
     */
    public record Summary(long lines, long assessed, long errors, Map<Verdict, Long> byVerdict,
                          Map<String, Long> errorsByField, Duration elapsed, int maxInFlight) {
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
            return s.toString();
        }
    }

    private record Result(String line, Verdict verdict, String errorField) {
    }

    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private BatchScreening() {
    }

    /**
     * Screens every line of {@code in} and writes the results to {@code out}.
     *
     * @param full the whole assessment per line instead of the compact record
     * @param progress told the number of lines done, after each line, from the calling thread
     */
    public static Summary run(SpineCds engine, BufferedReader in, Writer out, int threads, boolean full,
                              LongConsumer progress) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        int window = threads * 64;
        long started = System.nanoTime();
        Map<Verdict, Long> byVerdict = new EnumMap<>(Verdict.class);
        Map<String, Long> errorsByField = new TreeMap<>();
        long lines = 0;
        long errors = 0;
        int maxInFlight = 0;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ArrayDeque<Future<Result>> inFlight = new ArrayDeque<>(window);
        try {
            String text;
            long lineNumber = 0;
            while (true) {
                text = in.readLine();
                if (text == null) {
                    break;
                }
                lineNumber++;
                if (lineNumber == 1 && text.startsWith(BYTE_ORDER_MARK)) {
                    text = text.substring(1); // allowed before JSON text (RFC 8259, 8.1), as Hadoop's line reader does
                }
                if (text.isBlank()) {
                    continue;
                }
                String line = text;
                long number = lineNumber;
                inFlight.add(pool.submit(() -> screen(engine, line, number, full)));
                maxInFlight = Math.max(maxInFlight, inFlight.size());
                if (inFlight.size() >= window) {
                    Result r = take(inFlight);
                    lines++;
                    errors += record(r, out, byVerdict, errorsByField);
                    progress.accept(lines);
                }
            }
            while (!inFlight.isEmpty()) {
                Result r = take(inFlight);
                lines++;
                errors += record(r, out, byVerdict, errorsByField);
                progress.accept(lines);
            }
            out.flush();
        } finally {
            pool.shutdownNow();
        }
        return new Summary(lines, lines - errors, errors, Collections.unmodifiableMap(byVerdict),
                Collections.unmodifiableMap(errorsByField), Duration.ofNanos(System.nanoTime() - started), maxInFlight);
    }

    private static Result take(ArrayDeque<Future<Result>> inFlight) throws IOException {
        try {
            return inFlight.poll().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("screening a line failed unexpectedly", e.getCause());
        }
    }

    private static int record(Result r, Writer out, Map<Verdict, Long> byVerdict, Map<String, Long> errorsByField)
            throws IOException {
        out.write(r.line());
        out.write('\n');
        if (r.verdict() != null) {
            byVerdict.merge(r.verdict(), 1L, Long::sum);
            return 0;
        }
        errorsByField.merge(r.errorField(), 1L, Long::sum);
        return 1;
    }

    private static Result screen(SpineCds engine, String text, long number, boolean full) {
        ScreeningResult r = ScreeningResult.screen(engine, number, text);
        return new Result(r.toJson(full).toString(), r.verdict(), r.errorField());
    }
}
