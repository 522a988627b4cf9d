package org.spinecds;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

import org.spinecds.internal.RuleSetSource;

/**
 * The files of a site rule set exactly as {@link SpineCds.Builder#rules(Path)} reads them, for a host
 * that ships a rule set elsewhere before building its engine there (as the Spark job ships its rule sets
 * from the driver to the executors): written back under one directory with the same relative paths, they
 * give the same rule base.
 *
 * <pre>{@code
 * SortedMap<String, byte[]> files = RuleSetFiles.read(Path.of("site-rules"));
 * // ... elsewhere: write each file under dir/site-rules, then
 * SpineCds engine = SpineCds.builder().defaultRules().rules(dir.resolve("site-rules")).build();
 * }</pre>
 */
public final class RuleSetFiles {

    private RuleSetFiles() {
    }

    /**
     * Reads a rule set: a single DRL file (one entry, its file name), or a directory's DRL files (searched
     * recursively) with its top-level catalogues and manifest ({@code ruleset.json}), by relative path with
     * {@code /} separators. The same checks apply as when an engine is built from the path.
     *
     * @param fileOrDirectory a {@code .drl} file or a rule directory
     * @return relative path to content, in path order; unmodifiable, each array a copy of its own
     * @throws RuleLoadException naming the file when the path is missing, unreadable, not a DRL file,
     *     holds no DRL file or too many, or has a link that resolves outside the directory
     */
    public static SortedMap<String, byte[]> read(Path fileOrDirectory) {
        Objects.requireNonNull(fileOrDirectory, "fileOrDirectory");
        SortedMap<String, byte[]> files = new TreeMap<>();
        for (Map.Entry<String, byte[]> file : RuleSetSource.fromPath(fileOrDirectory).files().entrySet()) {
            files.put(file.getKey(), file.getValue().clone());
        }
        return Collections.unmodifiableSortedMap(files);
    }
}
