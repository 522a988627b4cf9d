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

import com.fasterxml.jackson.databind.JsonNode;

import org.spinecds.RuleLoadException;

/**
 * The files of one rule set, read into memory: its DRL files and its catalogues
 * ({@code sources.json}, {@code criteria.json}, {@code thresholds.json}), each under a path relative
 * to the rule set, with the rule set's name and version from its optional {@code ruleset.json}.
 */
public final class RuleSetSource {

    /** The manifest of a rule set: name, version and, on the classpath, the list of DRL files. */
    public static final String MANIFEST = "ruleset.json";
    public static final List<String> CATALOGUES = List.of("criteria.json", "sources.json", "thresholds.json");

    private final String name;
    private final String version;
    private final String origin;
    private final Map<String, byte[]> files;
    private final List<String> disabled;

    private RuleSetSource(String name, String version, String origin, Map<String, byte[]> files,
                          List<String> disabled) {
        this.name = name;
        this.version = version;
        this.origin = origin;
        this.files = files;
        this.disabled = List.copyOf(disabled);
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
        JsonNode manifest = Json.readTree(manifestBytes, origin + "/" + MANIFEST);
        Map<String, byte[]> files = new java.util.TreeMap<>();
        JsonNode drl = manifest.path("drl");
        if (!drl.isArray() || drl.isEmpty()) {
            throw RuleLoadException.of(origin + "/" + MANIFEST, "\"drl\" must list the rule set's DRL files");
        }
        for (JsonNode file : drl) {
            byte[] content = resource(loader, dir + "/" + file.asText());
            if (content == null) {
                throw RuleLoadException.of(origin + "/" + file.asText(), "listed in %s but not found on the classpath",
                        MANIFEST);
            }
            files.put(file.asText(), content);
        }
        for (String catalogue : CATALOGUES) {
            byte[] content = resource(loader, dir + "/" + catalogue);
            if (content != null) {
                files.put(catalogue, content);
            }
        }
        return new RuleSetSource(Json.text(manifest, "name", dir), Json.text(manifest, "version", "unversioned"),
                origin, new LinkedHashMap<>(files), Json.texts(manifest, "disable"));
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
                files.put(path.getFileName().toString(), Files.readAllBytes(path));
                return new RuleSetSource(path.getFileName().toString(), "unversioned", origin, files, List.of());
            }
            Path root = path.toRealPath();
            List<Path> drl = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.getFileName().toString().endsWith(".drl") && Files.isRegularFile(p))
                        .sorted(Comparator.comparing(p -> root.relativize(p).toString()))
                        .forEach(drl::add);
            }
            Map<String, byte[]> files = new java.util.TreeMap<>();
            for (Path p : drl) {
                Path real = p.toRealPath();
                String relative = root.relativize(p).toString().replace('\\', '/');
                if (!real.startsWith(root)) {
                    throw RuleLoadException.of(origin + "/" + relative, "resolves outside the rule directory");
                }
                files.put(relative, Files.readAllBytes(real));
            }
            if (files.isEmpty()) {
                throw RuleLoadException.of(origin, "contains no .drl file");
            }
            for (String catalogue : CATALOGUES) {
                Path p = root.resolve(catalogue);
                if (Files.isRegularFile(p)) {
                    files.put(catalogue, Files.readAllBytes(p));
                }
            }
            String name = path.toAbsolutePath().normalize().getFileName() == null ? origin
                    : path.toAbsolutePath().normalize().getFileName().toString();
            String version = "unversioned";
            List<String> disabled = List.of();
            Path manifestPath = root.resolve(MANIFEST);
            if (Files.isRegularFile(manifestPath)) {
                byte[] content = Files.readAllBytes(manifestPath);
                JsonNode manifest = Json.readTree(content, origin + "/" + MANIFEST);
                name = Json.text(manifest, "name", name);
                version = Json.text(manifest, "version", version);
                disabled = Json.texts(manifest, "disable");
                files.put(MANIFEST, content);
            }
            return new RuleSetSource(name, version, origin, new LinkedHashMap<>(files), disabled);
        } catch (IOException e) {
            throw RuleLoadException.of(origin, "cannot be read: %s", e.getMessage());
        }
    }

    private static byte[] resource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
