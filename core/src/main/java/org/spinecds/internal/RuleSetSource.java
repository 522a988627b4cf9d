package org.spinecds.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.spinecds.RuleLoadException;
import org.spinecds.json.SchemaCheck;

/**
 * The files of one rule set, read into memory: its DRL files and its catalogues
 * ({@code sources.json}, {@code criteria.json}, {@code thresholds.json}, {@code classes.json},
 * {@code procedures.json}), each under a path relative
 * to the rule set, with the rule set's name and version from its optional {@code ruleset.json}.
 */
public final class RuleSetSource {

    /** The manifest of a rule set: name, version and, on the classpath, the list of DRL files. */
    public static final String MANIFEST = "ruleset.json";
    public static final List<String> CATALOGUES = List.of("criteria.json", "sources.json", "thresholds.json",
            ClinicalCatalogue.CLASSES, ClinicalCatalogue.PROCEDURES);
    /**
     * A manifest, as {@code ruleset.schema.json} (beside this class) describes it. {@code drl} lists
     * the DRL files of a rule set on the classpath; in a directory, whose DRL files are found by
     * searching it, it is allowed and not read, so that the default rule set's directory can be
     * checked as it stands.
     */
    private record Manifest(String name, String version, String description, List<String> drl, List<String> disable) {
        Manifest {
            drl = drl == null ? List.of() : drl;
            disable = disable == null ? List.of() : disable;
        }
    }

    private static final SchemaCheck MANIFEST_SCHEMA = SchemaCheck.of(RuleSetSource.class, "ruleset.schema.json");

    /** The largest rule or catalogue file read, in bytes. */
    public static final int MAX_FILE_BYTES = 1 << 20;
    /** The most files one rule set may hold. */
    public static final int MAX_FILES = 500;

    private final String name;
    private final String version;
    private final String origin;
    private final Map<String, byte[]> files;
    private final List<String> disabled;
    /** The class loader of a classpath rule set, where a pre-built rule base may be found; else null. */
    private final ClassLoader classLoader;

    private RuleSetSource(String name, String version, String origin, Map<String, byte[]> files,
                          List<String> disabled) {
        this(name, version, origin, files, disabled, null);
    }

    private RuleSetSource(String name, String version, String origin, Map<String, byte[]> files,
                          List<String> disabled, ClassLoader classLoader) {
        this.name = name;
        this.version = version;
        this.origin = origin;
        this.files = files;
        this.disabled = List.copyOf(disabled);
        this.classLoader = classLoader;
    }

    /** The class loader a classpath rule set was read from (for its pre-built rule base), or null. */
    ClassLoader classLoader() {
        return classLoader;
    }

    /** The codes of rules of earlier rule sets that this rule set disables ({@code "disable"} of its manifest). */
    public List<String> disabled() {
        return disabled;
    }

    /** The rule set name. */
    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    /** Where the files came from, e.g. {@code classpath:org/spinecds/rules} or a directory. */
    public String origin() {
        return origin;
    }

    /** Relative path to content, in path order; DRL files and catalogues. */
    public Map<String, byte[]> files() {
        return files;
    }

    /** The path of a file as a user finds it: the origin joined with the relative path. */
    public String displayPath(String relative) {
        return origin.endsWith(".drl") ? origin : origin + "/" + relative;
    }

    /** This rule set's catalogues without its DRL files, to check other rules against them. */
    public RuleSetSource cataloguesOnly() {
        Map<String, byte[]> catalogues = new LinkedHashMap<>();
        files.forEach((path, content) -> {
            if (CATALOGUES.contains(path)) {
                catalogues.put(path, content);
            }
        });
        return new RuleSetSource(name + "-catalogues", version, origin, catalogues, List.of());
    }

    /** A rule set of the classpath: {@code dir/ruleset.json} lists its DRL files. */
    public static RuleSetSource fromClasspath(ClassLoader loader, String dir) {
        String origin = "classpath:" + dir;
        byte[] manifestBytes = resource(loader, dir + "/" + MANIFEST);
        if (manifestBytes == null) {
            throw RuleLoadException.of(origin + "/" + MANIFEST, "not found on the classpath");
        }
        Manifest manifest = Json.read(manifestBytes, origin + "/" + MANIFEST, MANIFEST_SCHEMA, Manifest.class);
        Map<String, byte[]> files = new java.util.TreeMap<>();
        if (manifest.drl().isEmpty()) {
            throw RuleLoadException.of(origin + "/" + MANIFEST, "\"drl\" must list the rule set's DRL files");
        }
        for (String file : manifest.drl()) {
            if (file.startsWith("/") || file.contains("..") || file.contains("\\")) {
                throw RuleLoadException.of(origin + "/" + MANIFEST, "\"%s\" must be a path inside the rule set", file);
            }
            byte[] content = resource(loader, dir + "/" + file);
            if (content == null) {
                throw RuleLoadException.of(origin + "/" + file, "listed in %s but not found on the classpath", MANIFEST);
            }
            files.put(file, content);
        }
        for (String catalogue : CATALOGUES) {
            byte[] content = resource(loader, dir + "/" + catalogue);
            if (content != null) {
                files.put(catalogue, content);
            }
        }
        return new RuleSetSource(Json.text(manifest.name(), dir), Json.text(manifest.version(), "unversioned"),
                origin, new LinkedHashMap<>(files), manifest.disable(), loader);
    }

    /**
     * A rule set on disk: a single DRL file, or a directory whose DRL files (searched recursively)
     * and top-level catalogues form the rule set. Files that resolve outside the directory are refused.
     */
    public static RuleSetSource fromPath(Path path) {
        String origin = path.toString();
        if (!Files.exists(path)) {
            throw RuleLoadException.of(origin, "no such file or directory");
        }
        try {
            if (Files.isRegularFile(path)) {
                if (!path.getFileName().toString().endsWith(".drl")) {
                    throw RuleLoadException.of(origin, "not a .drl file");
                }
                Map<String, byte[]> files = new LinkedHashMap<>();
                files.put(path.getFileName().toString(), read(path.toRealPath(), origin));
                return new RuleSetSource(path.getFileName().toString(), "unversioned", origin, files, List.of());
            }
            Path root = path.toRealPath();
            List<Path> drl = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : (Iterable<Path>) walk.sorted(Comparator.comparing(p -> root.relativize(p).toString()))::iterator) {
                    // a link may only point inside the rule directory (links to directories are not followed)
                    if (Files.isSymbolicLink(p) && !p.toRealPath().startsWith(root)) {
                        throw RuleLoadException.of(origin + "/" + root.relativize(p), "is a link that resolves outside "
                                + "the rule directory");
                    }
                    if (p.getFileName().toString().endsWith(".drl") && Files.isRegularFile(p)) {
                        drl.add(p);
                    }
                }
            }
            if (drl.size() > MAX_FILES) {
                throw RuleLoadException.of(origin, "holds %d DRL files; at most %d are read", drl.size(), MAX_FILES);
            }
            Map<String, byte[]> files = new java.util.TreeMap<>();
            for (Path p : drl) {
                Path real = p.toRealPath();
                String relative = root.relativize(p).toString().replace('\\', '/');
                if (!real.startsWith(root)) {
                    throw RuleLoadException.of(origin + "/" + relative, "resolves outside the rule directory");
                }
                files.put(relative, read(real, origin + "/" + relative));
            }
            if (files.isEmpty()) {
                throw RuleLoadException.of(origin, "contains no .drl file");
            }
            for (String catalogue : CATALOGUES) {
                Path p = root.resolve(catalogue);
                if (Files.isRegularFile(p)) {
                    if (!p.toRealPath().startsWith(root)) {
                        throw RuleLoadException.of(origin + "/" + catalogue, "resolves outside the rule directory");
                    }
                    files.put(catalogue, read(p.toRealPath(), origin + "/" + catalogue));
                }
            }
            String name = path.toAbsolutePath().normalize().getFileName() == null ? origin
                    : path.toAbsolutePath().normalize().getFileName().toString();
            String version = "unversioned";
            List<String> disabled = List.of();
            Path manifestPath = root.resolve(MANIFEST);
            if (Files.isRegularFile(manifestPath)) {
                if (!manifestPath.toRealPath().startsWith(root)) {
                    throw RuleLoadException.of(origin + "/" + MANIFEST, "resolves outside the rule directory");
                }
                byte[] content = read(manifestPath.toRealPath(), origin + "/" + MANIFEST);
                Manifest manifest = Json.read(content, origin + "/" + MANIFEST, MANIFEST_SCHEMA, Manifest.class);
                name = Json.text(manifest.name(), name);
                version = Json.text(manifest.version(), version);
                disabled = manifest.disable();
                files.put(MANIFEST, content);
            }
            return new RuleSetSource(name, version, origin, new LinkedHashMap<>(files), disabled);
        } catch (IOException e) {
            throw RuleLoadException.of(origin, "cannot be read: %s", e.getMessage());
        }
    }

    private static byte[] resource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            return in == null ? null : limited(in.readNBytes(MAX_FILE_BYTES + 1), "classpath:" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a rule-base file, refusing one over {@link #MAX_FILE_BYTES}; {@code display} names it in errors. */
    public static byte[] read(Path file, String display) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw RuleLoadException.of(display, "is larger than %d bytes", MAX_FILE_BYTES);
        }
        return limited(Files.readAllBytes(file), display);
    }

    private static byte[] limited(byte[] content, String display) {
        if (content.length > MAX_FILE_BYTES) {
            throw RuleLoadException.of(display, "is larger than %d bytes", MAX_FILE_BYTES);
        }
        return content;
    }
}
