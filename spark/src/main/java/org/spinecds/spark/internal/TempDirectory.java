package org.spinecds.spark.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A private temporary directory (owner-only on POSIX file systems), deleted with everything in it on
 * {@link #close()}.
 */
public final class TempDirectory implements AutoCloseable {

    private final Path path;

    private TempDirectory(Path path) {
        this.path = path;
    }

    public static TempDirectory create(String prefix) {
        try {
            // With no attributes given, the JDK creates temporary directories owner-only (rwx------) on POSIX.
            return new TempDirectory(Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the rule files", e);
        }
    }

    public Path path() {
        return path;
    }

    /** Writes a file below this directory, creating its parent directories. */
    public void write(Path file, byte[] content) {
        if (!file.normalize().startsWith(path)) {
            throw new IllegalArgumentException(file + " is outside the temporary directory");
        }
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rule file " + path.relativize(file), e);
        }
    }

    @Override
    public void close() {
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary rule directory " + path, e);
        }
    }
}
