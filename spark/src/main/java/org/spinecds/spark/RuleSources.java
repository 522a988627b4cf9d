package org.spinecds.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.spinecds.RuleSetFiles;
import org.spinecds.SpineCds;
import org.spinecds.spark.internal.TempDirectory;

/**
 * The rule configuration a screening job runs with, shipped to the executors with the job: the default
 * rules, plus any site rule sets (a DRL file or a rule directory) and threshold-override files, read on
 * the driver into memory. An executor writes them to a private temporary directory, builds its engine
 * from there and deletes the directory; the engine then refuses to serve unless its rule base has the
 * SHA-256 the driver's engine has.
 *
 * <p>Two configurations with the same files (by relative path and content) have the same
 * {@link #key()}, under which each JVM keeps one engine.
 */
public final class RuleSources implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The most bytes of rule and threshold files one job ships. */
    public static final long MAX_BYTES = 64L << 20;

    /** A site rule set as read: its directory (or DRL file) name and its files by relative path. */
    record RuleSet(String name, boolean singleFile, TreeMap<String, byte[]> files) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A threshold-override file as read: its file name and content. */
    record ThresholdFile(String name, byte[] content) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private final List<RuleSet> ruleSets;
    private final List<ThresholdFile> thresholdFiles;
    private final String key;
    private final String requiredSha256;
    /** The files as the user named them; known on the driver only, where the engine is built from them. */
    private final transient List<Path> ruleSetPaths;
    private final transient List<Path> thresholdPaths;

    private RuleSources(List<RuleSet> ruleSets, List<ThresholdFile> thresholdFiles, String key, String requiredSha256,
                        List<Path> ruleSetPaths, List<Path> thresholdPaths) {
        this.ruleSets = List.copyOf(ruleSets);
        this.thresholdFiles = List.copyOf(thresholdFiles);
        this.key = key;
        this.requiredSha256 = requiredSha256;
        this.ruleSetPaths = ruleSetPaths;
        this.thresholdPaths = thresholdPaths;
    }

    /** The default rules of {@code spinecds-rules}, from the job's classpath. */
    public static RuleSources defaults() {
        return of(List.of(), List.of());
    }

    /**
     * The default rules, then each site rule set in order, with the threshold overrides applied.
     *
     * @throws org.spinecds.RuleLoadException naming a rule set that is missing, unreadable or has a link
     *     leading outside its directory (read as the engine reads it)
     * @throws IllegalArgumentException naming a threshold file that is missing or unreadable, or when the
     *     files are too large to ship
     */
    public static RuleSources of(List<Path> ruleSetPaths, List<Path> thresholdPaths) {
        List<RuleSet> sets = new ArrayList<>();
        List<ThresholdFile> thresholds = new ArrayList<>();
        long[] bytes = {0};
        for (Path p : ruleSetPaths) {
            sets.add(readRuleSet(p, bytes));
        }
        for (Path p : thresholdPaths) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("threshold file " + p + ": no such file");
            }
            thresholds.add(new ThresholdFile(fileName(p), read(p, bytes)));
        }
        return new RuleSources(sets, thresholds, digest(sets, thresholds), null, List.copyOf(ruleSetPaths),
                List.copyOf(thresholdPaths));
    }

    /** These sources, to be served only by a rule base with this SHA-256 (the driver's). */
    public RuleSources requiringSha256(String sha256) {
        return new RuleSources(ruleSets, thresholdFiles, key, Objects.requireNonNull(sha256, "sha256"), ruleSetPaths,
                thresholdPaths);
    }

    /** A SHA-256 over every shipped file: the same files give the same key, in any JVM. */
    public String key() {
        return key;
    }

    /** The SHA-256 the rule base must have, or {@code null} before the driver has built it. */
    public String requiredSha256() {
        return requiredSha256;
    }

    /** The number of site rule sets and threshold files, for messages. */
    @Override
    public String toString() {
        return "RuleSources[default rules, " + ruleSets.size() + " site rule set(s), " + thresholdFiles.size()
                + " threshold file(s), key " + key.substring(0, 12) + "]";
    }

    /**
     * Builds the engine: on the driver from the files as named, elsewhere from the shipped copies written
     * to a private temporary directory, deleted once the rules are compiled.
     */
    public SpineCds build() {
        SpineCds.Builder builder = SpineCds.builder().defaultRules();
        if (requiredSha256 != null) {
            builder.requireSha256(requiredSha256);
        }
        if (ruleSetPaths != null) {
            ruleSetPaths.forEach(builder::rules);
            thresholdPaths.forEach(builder::thresholds);
            return builder.build();
        }
        if (ruleSets.isEmpty() && thresholdFiles.isEmpty()) {
            return builder.build();
        }
        try (TempDirectory dir = TempDirectory.create("spinecds-rules-")) {
            for (int i = 0; i < ruleSets.size(); i++) {
                RuleSet rs = ruleSets.get(i);
                Path root = dir.path().resolve("r" + i).resolve(rs.name());
                for (Map.Entry<String, byte[]> file : rs.files().entrySet()) {
                    dir.write(rs.singleFile() ? root : root.resolve(file.getKey()), file.getValue());
                }
                builder.rules(root);
            }
            for (int i = 0; i < thresholdFiles.size(); i++) {
                ThresholdFile f = thresholdFiles.get(i);
                Path p = dir.path().resolve("t" + i).resolve(f.name());
                dir.write(p, f.content());
                builder.thresholds(p);
            }
            return builder.build();
        }
    }

    /** The files of a rule set exactly as the engine reads them (a DRL file, or a directory's DRL files and catalogues). */
    private static RuleSet readRuleSet(Path path, long[] bytes) {
        TreeMap<String, byte[]> files = new TreeMap<>(RuleSetFiles.read(path));
        for (byte[] content : files.values()) {
            bytes[0] += content.length;
        }
        if (bytes[0] > MAX_BYTES) {
            throw new IllegalArgumentException("the rule files add up to more than " + MAX_BYTES + " bytes, at " + path);
        }
        boolean single = Files.isRegularFile(path);
        Path name = path.toAbsolutePath().normalize().getFileName();
        return new RuleSet(single ? fileName(path) : name == null ? "rules" : name.toString(), single, files);
    }

    private static byte[] read(Path file, long[] bytes) {
        try {
            bytes[0] += Files.size(file);
            if (bytes[0] > MAX_BYTES) {
                throw new IllegalArgumentException("the rule files add up to more than " + MAX_BYTES
                        + " bytes, at " + file);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String fileName(Path p) {
        return p.toAbsolutePath().normalize().getFileName().toString();
    }

    private static String digest(List<RuleSet> sets, List<ThresholdFile> thresholds) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (RuleSet rs : sets) {
                update(digest, "rules:" + rs.name() + (rs.singleFile() ? ":file" : ":dir"));
                rs.files().forEach((path, content) -> {
                    update(digest, path);
                    digest.update(content);
                    digest.update((byte) 0);
                });
            }
            for (ThresholdFile f : thresholds) {
                update(digest, "thresholds:" + f.name());
                digest.update(f.content());
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }
}
