package org.spinecds.examples.cli;

import static org.spinecds.batch.ExitCodes.INVALID_INPUT;
import static org.spinecds.batch.ExitCodes.OK;
import static org.spinecds.examples.cli.SpineCdsCli.IO;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

import org.spinecds.SpineCds;
import org.spinecds.batch.BatchScreening;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spinecds batch}. The input and the output are checked before anything is opened (an output
 * that is the input is a usage error; a missing input, a directory, an output in a missing directory are
 * I/O errors naming the path). {@code --out} is written to a temporary file beside it, moved into place
 * only when every record is written, so that a failed run leaves no partial file under the final name.
 */
@Command(name = "batch",
        description = "Screen a population: one patient JSON per line of IN, one result per line, in input "
                + "order. A bad line gives an error record naming its line and field. A summary goes to "
                + "standard error, with a progress line while it runs on a terminal.")
final class BatchCommand extends EngineCommand {
    @Parameters(paramLabel = "IN.ndjson", description = "Patients, one JSON object per line.")
    Path in;

    @Option(names = "--out", paramLabel = "OUT.ndjson", description = "Where to write (default: standard output). "
            + "Written to a temporary file in the same directory and moved into place at the end.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--full", description = "Write the whole assessment per line instead of the compact record.")
    boolean full;

    /** Whether {@code --out} is written as it is (a pipe or a device), not replaced. */
    private boolean writesDirectly;

    @Override
    public Integer call() throws IOException {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw usage("--threads must be at least 1");
        }
        checkInput();
        if (out != null) {
            checkOutput();
        } else if (isStandardOutput(in)) {
            throw usage("standard output is the input file " + in
                    + " (batch IN >> IN would read its own records back); give --out another file");
        }
        SpineCds engine = engineOptions.engine();
        PrintWriter err = err();
        Progress progress = new Progress(err, Files.size(in), System.console() != null && out != null);
        BatchScreening.Summary summary;
        try (InputStream input = new CountingInputStream(Files.newInputStream(in), progress)) {
            summary = out == null ? toStandardOutput(engine, input, n, progress) : toFile(engine, input, n, progress);
        } catch (BatchScreening.OutputFailedException e) {
            progress.finish();
            boolean replaced = out != null && !writesDirectly;
            err.println("spinecds: " + (out == null ? "standard output" : out) + ": the write failed (" + e.reason()
                    + ") after " + e.recordsWritten() + " records"
                    + (replaced ? "; " + out + " was left as it was" : "; the output is incomplete"));
            err.flush();
            return IO;
        }
        progress.finish();
        err.print(summary);
        err.flush();
        if (summary.endsMidLineInError()) {
            err.println("spinecds: the input ends in the middle of line " + summary.endsMidLine()
                    + ", which is not a valid patient: the input may have been cut short");
            err.flush();
            return INVALID_INPUT;
        }
        return OK;
    }

    /** A missing input, a directory or an unreadable file: an I/O error naming the path. */
    private void checkInput() throws IOException {
        if (Files.isDirectory(in)) {
            throw new FileSystemException(in.toString(), null, "is a directory, not an NDJSON file");
        }
        if (!Files.exists(in)) {
            throw new NoSuchFileException(in.toString());
        }
        if (!Files.isReadable(in)) {
            throw new java.nio.file.AccessDeniedException(in.toString());
        }
    }

    /** Refuses an output that is the input (by any path or link), a directory, or in a missing directory. */
    private void checkOutput() throws IOException {
        if (Files.exists(out) && Files.isSameFile(in, out)) {
            throw usage("--out " + out + " is the input file "
                    + in + "; choose another output");
        }
        if (Files.isDirectory(out)) {
            throw new FileSystemException(out.toString(), null, "is a directory; --out needs a file name");
        }
        Path dir = out.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new FileSystemException(out.toString(), null, "no such directory");
        }
    }

    /** Whether the process's standard output is this file (where the system names it, as Linux does). */
    private static boolean isStandardOutput(Path file) {
        Path stdout = Path.of("/proc/self/fd/1");
        try {
            return Files.exists(stdout) && Files.isRegularFile(stdout) && Files.isSameFile(stdout, file);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** Standard output, checked: a {@code PrintWriter} hides failures that {@code checkError} reports. */
    private BatchScreening.Summary toStandardOutput(SpineCds engine, InputStream input, int n, Progress progress)
            throws IOException {
        return screen(engine, input, out(), n, progress);
    }

    /**
     * Into a temporary file in the output's directory, forced to disk and then moved over the output
     * (atomically where the file system can). An existing output that is no regular file (a pipe, a
     * device) is written directly. The writer is never closed on a failure, so that what it still holds is
     * never written a second time.
     */
    private BatchScreening.Summary toFile(SpineCds engine, InputStream input, int n, Progress progress)
            throws IOException {
        // a link is followed, so that its target gets the results (not replaced by a file of its own)
        Path target = Files.exists(out) ? out.toRealPath() : out.toAbsolutePath();
        boolean direct = Files.exists(target) && !Files.isRegularFile(target);
        writesDirectly = direct;
        Path temp = direct ? target : createTemporary(target);
        if (!direct) {
            keepPermissions(target, temp);
        }
        boolean done = false;
        Thread cleanup = new Thread(() -> deleteQuietly(temp), "spinecds-batch-cleanup");
        if (!direct) {
            Runtime.getRuntime().addShutdownHook(cleanup); // stopped by a signal: no partial file left behind
        }
        try (FileChannel channel = direct ? FileChannel.open(target, StandardOpenOption.WRITE)
                : FileChannel.open(temp, StandardOpenOption.WRITE)) {
            Writer writer = new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8);
            BatchScreening.Summary summary = screen(engine, input, writer, n, progress);
            if (!direct) {
                force(channel, target);
            }
            done = true;
            return summary;
        } finally {
            if (!direct) {
                if (done) {
                    moveIntoPlace(temp, target);
                } else {
                    deleteQuietly(temp);
                }
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanup);
                } catch (IllegalStateException e) {
                    // shutting down already: the hook deletes what is left
                }
            }
        }
    }

    /**
     * The results replacing an existing output keep its permissions (results hold patient identifiers: an
     * output made private stays private); a new output gets the permissions of a new file, as the
     * temporary file was created.
     */
    private static void keepPermissions(Path target, Path temp) throws IOException {
        if (!Files.exists(target)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file system's own defaults apply
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new FileSystemException(target.toString(), null, "its permissions cannot be kept: "
                    + SpineCdsCli.ioMessage(e));
        }
    }

    private BatchScreening.Summary screen(SpineCds engine, InputStream input, Writer writer, int n, Progress progress)
            throws IOException {
        try {
            return BatchScreening.run(engine, input, writer, n, full, progress::done);
        } catch (BatchScreening.OutputFailedException e) {
            throw e;
        } catch (IOException e) {
            throw new FileSystemException(in.toString(), null, "cannot be read: " + SpineCdsCli.ioMessage(e));
        }
    }

    private static void force(FileChannel channel, Path target) throws IOException {
        try {
            channel.force(true);
        } catch (IOException e) {
            throw new FileSystemException(target.toString(), null, "cannot be written to disk: "
                    + SpineCdsCli.ioMessage(e));
        }
    }

    /** A new file beside {@code target}, created as any file is (with the usual permissions). */
    private static Path createTemporary(Path target) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temp = target.resolveSibling("." + target.getFileName() + "."
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            } catch (IOException e) {
                throw new FileSystemException(target.toString(), null, "cannot create a file in its directory: "
                        + SpineCdsCli.ioMessage(e));
            }
        }
    }

    /** Removes a temporary file after a failure, which is what the caller reports, not this. */
    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // the failure that brought us here is the one to report; the file name says it is temporary
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new FileSystemException(target.toString(), null, "cannot be replaced: " + SpineCdsCli.ioMessage(e));
        }
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

/** Counts the bytes read, for the progress line. */
final class CountingInputStream extends java.io.FilterInputStream {
    private final Progress progress;

    CountingInputStream(InputStream in, Progress progress) {
        super(in);
        this.progress = progress;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            progress.read(n);
        }
        return n;
    }
}
