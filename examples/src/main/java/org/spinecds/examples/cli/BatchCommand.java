package org.spinecds.examples.cli;

import static org.spinecds.examples.cli.SpineCdsCli.OK;
import static org.spinecds.examples.cli.SpineCdsCli.USAGE;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.spinecds.SpineCds;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "batch", mixinStandardHelpOptions = true,
        description = "Screen a population: one patient JSON per line of IN, one result per line, in input "
                + "order. A bad line gives an error record naming its line and field. A summary goes to "
                + "standard error, with a progress line while it runs on a terminal.")
final class BatchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "IN.ndjson", description = "Patients, one JSON object per line.")
    Path in;

    @Option(names = "--out", paramLabel = "OUT.ndjson", description = "Where to write (default: standard output).")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--full", description = "Write the whole assessment per line instead of the compact record.")
    boolean full;

    @CommandLine.Mixin
    EngineOptions engineOptions = new EngineOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        if (!java.nio.file.Files.isRegularFile(in)) {
            spec.commandLine().getErr().println("spinecds: no such file: " + in);
            spec.commandLine().getErr().flush();
            return USAGE;
        }
        SpineCds engine = engineOptions.engine();
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = new Progress(err, java.nio.file.Files.size(in), System.console() != null && out != null);
        try (var reader = java.nio.file.Files.newBufferedReader(in, java.nio.charset.StandardCharsets.UTF_8);
             java.io.Writer writer = out == null ? new java.io.BufferedWriter(spec.commandLine().getOut())
                     : java.nio.file.Files.newBufferedWriter(out, java.nio.charset.StandardCharsets.UTF_8)) {
            var summary = org.spinecds.examples.batch.BatchScreening.run(engine,
                    new java.io.BufferedReader(new CountingReader(reader, progress)), writer, n, full, progress::done);
            progress.finish();
            err.print(summary);
            err.flush();
        }
        return OK;
    }
}

/** A progress line on standard error: lines done, rate and time left (from the bytes read). */
final class Progress {
    private final PrintWriter err;
    private final long totalBytes;
    private final boolean show;
    private final long started = System.nanoTime();
    private volatile long bytes;
    private long lastPrint;

    Progress(PrintWriter err, long totalBytes, boolean show) {
        this.err = err;
        this.totalBytes = totalBytes;
        this.show = show;
    }

    void read(long n) {
        bytes += n;
    }

    void done(long lines) {
        long now = System.nanoTime();
        if (!show || now - lastPrint < 250_000_000L) {
            return;
        }
        lastPrint = now;
        double seconds = (now - started) / 1e9;
        double fraction = totalBytes == 0 ? 1 : Math.min(1, (double) bytes / totalBytes);
        long left = fraction <= 0 ? 0 : Math.round(seconds / fraction - seconds);
        err.printf("\r%,d patients, %,.0f/s, %3.0f%%, %d:%02d left   ", lines, lines / seconds, fraction * 100,
                left / 60, left % 60);
        err.flush();
    }

    void finish() {
        if (show) {
            err.println();
        }
    }
}

/** Counts the characters read, for the progress line. */
final class CountingReader extends java.io.FilterReader {
    private final Progress progress;

    CountingReader(java.io.Reader in, Progress progress) {
        super(in);
        this.progress = progress;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            progress.read(n);
        }
        return n;
    }
}
