package org.spinecds.internal;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.ResourceType;
import org.kie.api.builder.Message;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinecds.KnowledgeBaseInfo;
import org.spinecds.RuleInfo;
import org.spinecds.RuleLoadException;
import org.spinecds.RuleLoadException.Problem;
import org.spinecds.RuleRef;
import org.spinecds.Source;
import org.spinecds.rule.Catalogue;
import org.spinecds.rule.Threshold;

/**
 * Compiles rule sets into a KieBase and checks them, failing fast with every problem found: DRL
 * compile errors (file, line, column), missing or wrong rule metadata, duplicate codes, unknown
 * source, criterion or threshold names. No kmodule.xml and no KieRepository are involved.
 */
public final class KnowledgeBaseLoader {

    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBaseLoader.class);
    private static final Pattern PARSER_POSITION = Pattern.compile("Line (\\d+):(\\d+)");
    private static final Pattern RULE_DECL = Pattern.compile("(?m)^\\s*rule\\s+(\"([^\"]+)\"|'([^']+)'|(\\S+))");

    private KnowledgeBaseLoader() {
    }

    /** A site's threshold-override file, read into memory. */
    public record ThresholdFile(String path, byte[] content) {
    }

    public static LoadedRules load(List<RuleSetSource> ruleSets) {
        return load(ruleSets, List.of());
    }

    public static LoadedRules load(List<RuleSetSource> ruleSets, List<ThresholdFile> thresholdFiles) {
        return load(ruleSets, thresholdFiles, null);
    }

    /**
     * Loads the rule sets; when {@code pinnedSha256} is given, files whose SHA-256 differs are refused
     * before anything is compiled.
     */
    public static LoadedRules load(List<RuleSetSource> ruleSets, List<ThresholdFile> thresholdFiles,
                                   String pinnedSha256) {
        long started = System.nanoTime();
        String sha256 = sha256(ruleSets, thresholdFiles);
        if (pinnedSha256 != null && !pinnedSha256.equalsIgnoreCase(sha256)) {
            throw RuleLoadException.of(ruleSets.get(0).origin(), "the rule base's SHA-256 is %s, but the host pinned "
                    + "%s: refused before compiling", sha256, pinnedSha256);
        }
        Catalogues catalogues = Catalogues.read(ruleSets);
        List<KnowledgeBaseInfo.ThresholdOverride> overrides = new ArrayList<>();
        for (ThresholdFile f : thresholdFiles) {
            overrides.addAll(catalogues.applyOverrides(f.content(), f.path()));
        }
        List<Problem> problems = new ArrayList<>(catalogues.problems());
        Catalogue catalogue = ClinicalCatalogue.read(ruleSets, problems);
        PrebuiltRules.Prebuilt prebuilt = PrebuiltRules.find(ruleSets);
        Compiled compiled = prebuilt != null ? sources(ruleSets, null) : compile(ruleSets, problems);
        Map<String, List<ThresholdReferences.Reference>> thresholdRefs = new HashMap<>();
        compiled.drlByPath().forEach((path, drl) -> {
            List<ThresholdReferences.Reference> found = prebuilt == null ? null
                    : prebuilt.thresholdReferences().get(compiled.relativeByPath().get(path));
            thresholdRefs.put(path, found != null ? found : ThresholdReferences.of(drl));
        });
        problems.addAll(unknownThresholds(thresholdRefs, catalogues));
        if (!problems.isEmpty()) {
            throw RuleLoadException.of(sorted(problems));
        }
        KieBase kieBase = prebuilt != null ? prebuilt.kieBase() : compiled.builder().newKieBase();
        if (catalogue == null && declaresGlobal(kieBase, Catalogue.GLOBAL)) {
            throw RuleLoadException.of(ruleSets.get(0).origin(), "a rule reads the global %s, but no rule set holds "
                    + "%s and %s", Catalogue.GLOBAL, ClinicalCatalogue.CLASSES, ClinicalCatalogue.PROCEDURES);
        }
        List<Loaded> loaded = readRules(kieBase, compiled, problems);
        SiteChanges changes = siteChanges(loaded, ruleSets, problems);
        Map<String, RuleInfo> byKey = rulesInForce(loaded, changes, compiled, thresholdRefs, catalogues, ruleSets,
                problems);
        if (!problems.isEmpty()) {
            throw RuleLoadException.of(sorted(problems));
        }
        Set<String> removedKeys = loaded.stream().filter(l -> isRemoved(l, changes))
                .map(l -> LoadedRules.key(l.rule().getPackageName(), l.rule().getName()))
                .collect(Collectors.toSet());
        if (!removedKeys.isEmpty()) {
            kieBase = compileWithout(compiled, removedKeys, ruleSets.get(0).origin());
        }

        List<RuleInfo> rules = byKey.values().stream().sorted(Comparator.comparing(RuleInfo::code)).toList();
        KnowledgeBaseInfo info = new KnowledgeBaseInfo(
                ruleSets.stream().map(RuleSetSource::name).collect(Collectors.joining("+")),
                ruleSets.stream().map(RuleSetSource::version).collect(Collectors.joining("+")),
                sha256, rules.size(), 1,
                ruleSets.stream().map(rs -> new KnowledgeBaseInfo.RuleSetInfo(rs.name(), rs.version(), rs.origin()))
                        .toList(),
                changes.replacements(), changes.disabled(), overrides, prebuilt != null);
        LOG.info("Loaded rule base {} {} ({} rules, sha256 {}, {}) in {} ms", info.name(), info.version(),
                info.ruleCount(), info.sha256(), prebuilt != null ? "pre-built" : "compiled from DRL",
                (System.nanoTime() - started) / 1_000_000);
        return new LoadedRules(kieBase, catalogues, Map.copyOf(byKey), rules,
                List.copyOf(catalogues.thresholds().values()), info, catalogue);
    }

    /**
     * The compiled DRL (no builder for a pre-built rule base), with each file's text, path within its
     * rule set and rule-set index, by display path.
     */
    private record Compiled(KnowledgeBuilder builder, Map<String, String> drlByPath, Map<String, String> relativeByPath,
                            Map<String, Integer> ruleSetByPath) {
    }

    /** A rule as compiled, with its metadata and where it was declared. */
    private record Loaded(Rule rule, RuleMeta meta, String path, int line, int ruleSet) {
    }

    /** The site changes: codes removed from the rule base (replaced or disabled), and how. */
    private record SiteChanges(Set<String> removed, Map<String, Loaded> firstByCode,
                               List<KnowledgeBaseInfo.Replacement> replacements, List<String> disabled) {
    }

    /** Compiles every DRL file of every rule set into one knowledge base, adding compile errors to {@code problems}. */
    private static Compiled compile(List<RuleSetSource> ruleSets, List<Problem> problems) {
        KnowledgeBuilder builder = newBuilder();
        // One batch, so that a type declared in one DRL file can be used in the others.
        CompositeKnowledgeBuilder batch = builder.batch();
        Compiled compiled = sources(ruleSets, builder);
        for (int i = 0; i < ruleSets.size(); i++) {
            RuleSetSource rs = ruleSets.get(i);
            for (Map.Entry<String, byte[]> file : rs.files().entrySet()) {
                if (file.getKey().endsWith(".drl")) {
                    batch.add(ResourceFactory.newByteArrayResource(file.getValue())
                            .setSourcePath(rs.displayPath(file.getKey())), ResourceType.DRL);
                }
            }
        }
        try {
            batch.build();
        } catch (RuntimeException e) {
            problems.add(new Problem(ruleSets.get(0).origin(), 0, 0, null, "cannot be compiled: " + e.getMessage()));
        }
        List<Problem> compileProblems = new ArrayList<>();
        for (KnowledgeBuilderError error : builder.getErrors()) {
            Message m = error.asMessage(0);
            String path = m.getPath() != null ? m.getPath()
                    : error.getResource() != null ? error.getResource().getSourcePath() : "(unknown file)";
            String text = m.getText().strip();
            int line = Math.max(m.getLine(), 0);
            int column = Math.max(m.getColumn(), 0);
            Matcher at = PARSER_POSITION.matcher(text);
            if (at.find() && Integer.parseInt(at.group(1)) == line && column == 0) {
                column = Integer.parseInt(at.group(2)) + 1; // the parser counts columns from 0
            }
            compileProblems.add(new Problem(path, line, column, null, text));
        }
        // The parser's summary adds nothing to the errors it sums up.
        compileProblems.removeIf(p -> p.message().equals("Parser returned a null Package")
                && compileProblems.stream().anyMatch(o -> o != p && o.file().equals(p.file())));
        problems.addAll(compileProblems);
        return compiled;
    }

    /** Every DRL file of every rule set, by display path, for the given builder (null: pre-built). */
    private static Compiled sources(List<RuleSetSource> ruleSets, KnowledgeBuilder builder) {
        Map<String, String> drlByPath = new LinkedHashMap<>();
        Map<String, String> relativeByPath = new HashMap<>();
        Map<String, Integer> ruleSetByPath = new HashMap<>();
        for (int i = 0; i < ruleSets.size(); i++) {
            RuleSetSource rs = ruleSets.get(i);
            for (Map.Entry<String, byte[]> file : rs.files().entrySet()) {
                if (file.getKey().endsWith(".drl")) {
                    String path = rs.displayPath(file.getKey());
                    drlByPath.put(path, new String(file.getValue(), StandardCharsets.UTF_8));
                    relativeByPath.put(path, file.getKey());
                    ruleSetByPath.put(path, i);
                }
            }
        }
        return new Compiled(builder, drlByPath, relativeByPath, ruleSetByPath);
    }

    /** Every rule's metadata, in rule-set order, then file, then line. */
    private static List<Loaded> readRules(KieBase kieBase, Compiled compiled, List<Problem> problems) {
        List<Loaded> loaded = new ArrayList<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                String path = fileOf(rule, compiled.drlByPath());
                int line = lineOf(compiled.drlByPath().get(path), rule.getName());
                RuleMeta meta = RuleMeta.of(rule);
                meta.problems().forEach(p -> problems.add(new Problem(path, line, 0, rule.getName(), p)));
                loaded.add(new Loaded(rule, meta, path, line, compiled.ruleSetByPath().getOrDefault(path, 0)));
            }
        }
        loaded.sort(Comparator.comparingInt(Loaded::ruleSet).thenComparing(Loaded::path).thenComparingInt(Loaded::line));
        return loaded;
    }

    /** A later rule set may replace ({@code @replaces}) or disable ({@code "disable"}) a rule of an earlier one. */
    private static SiteChanges siteChanges(List<Loaded> loaded, List<RuleSetSource> ruleSets, List<Problem> problems) {
        Map<String, Loaded> earlierByCode = new HashMap<>();
        Map<String, Loaded> replacedBy = new LinkedHashMap<>();
        List<KnowledgeBaseInfo.Replacement> replacements = new ArrayList<>();
        for (Loaded l : loaded) {
            String target = l.meta().replaces();
            if (target != null) {
                Loaded old = earlierByCode.get(target);
                if (old == null || old.ruleSet() >= l.ruleSet()) {
                    problems.add(new Problem(l.path(), l.line(), 0, l.rule().getName(), "@replaces(" + target
                            + ") names no rule of an earlier rule set"));
                } else if (replacedBy.containsKey(target)) {
                    problems.add(new Problem(l.path(), l.line(), 0, l.rule().getName(), "@replaces(" + target
                            + ") is already replaced by rule \"" + replacedBy.get(target).rule().getName() + "\" in "
                            + replacedBy.get(target).path()));
                } else {
                    replacedBy.put(target, l);
                    replacements.add(new KnowledgeBaseInfo.Replacement(target, l.meta().code(), l.rule().getName(),
                            l.path()));
                }
            }
            if (l.meta().code() != null && !earlierByCode.containsKey(l.meta().code())) {
                earlierByCode.put(l.meta().code(), l);
            }
        }
        Set<String> removed = new LinkedHashSet<>(replacedBy.keySet());
        List<String> disabled = new ArrayList<>();
        for (int i = 0; i < ruleSets.size(); i++) {
            RuleSetSource rs = ruleSets.get(i);
            for (String code : rs.disabled()) {
                Loaded old = earlierByCode.get(code);
                String manifest = rs.displayPath(RuleSetSource.MANIFEST);
                if (old == null || old.ruleSet() >= i) {
                    problems.add(new Problem(manifest, 0, 0, null, "disables " + code
                            + ", which no earlier rule set defines"));
                } else if (!removed.add(code)) {
                    problems.add(new Problem(manifest, 0, 0, null, "disables " + code
                            + ", which is already replaced or disabled"));
                } else {
                    disabled.add(code);
                }
            }
        }
        return new SiteChanges(removed, earlierByCode, replacements, disabled);
    }

    /**
     * Removes the replaced and disabled rules from the knowledge base and describes the rules in force,
     * by {@link LoadedRules#key}: codes are unique among them, and their criteria and sources must be
     * in the catalogues.
     */
    private static Map<String, RuleInfo> rulesInForce(List<Loaded> loaded, SiteChanges changes, Compiled compiled,
                                                      Map<String, List<ThresholdReferences.Reference>> thresholdRefs,
                                                      Catalogues catalogues, List<RuleSetSource> ruleSets,
                                                      List<Problem> problems) {
        Map<String, RuleInfo> byKey = new LinkedHashMap<>();
        Map<String, Loaded> inForce = new HashMap<>();
        for (Loaded l : loaded) {
            String code = l.meta().code();
            if (isRemoved(l, changes)) {
                continue;
            }
            if (code != null) {
                Loaded other = inForce.putIfAbsent(code, l);
                if (other != null) {
                    problems.add(new Problem(l.path(), l.line(), 0, l.rule().getName(), "@code(" + code
                            + ") is already used by rule \"" + other.rule().getName() + "\" in " + other.path()));
                }
            }
            if (l.meta().criterion() != null && !catalogues.criteria().containsKey(l.meta().criterion())) {
                problems.add(new Problem(l.path(), l.line(), 0, l.rule().getName(), "@criterion(" + l.meta().criterion()
                        + ") is not in the criteria catalogue"));
            }
            List<Source> sources = new ArrayList<>();
            Catalogues.Criterion criterion = catalogues.criteria().get(l.meta().criterion());
            List<String> sourceIds = l.meta().sources().isEmpty() && criterion != null ? criterion.sources()
                    : l.meta().sources();
            for (String id : sourceIds) {
                Source src = catalogues.sources().get(id);
                if (src == null) {
                    problems.add(new Problem(l.path(), l.line(), 0, l.rule().getName(), "@source names " + id
                            + ", which the sources catalogue does not hold"));
                } else {
                    sources.add(src);
                }
            }
            byKey.put(LoadedRules.key(l.rule().getPackageName(), l.rule().getName()), new RuleInfo(code,
                    l.meta().criterion(), l.meta().category(), l.meta().severity(), sources,
                    new RuleRef(l.rule().getName(), compiled.relativeByPath().getOrDefault(l.path(), l.path())),
                    thresholdsOf(thresholdRefs.get(l.path()), l.rule().getName()),
                    ruleSets.get(l.ruleSet()).origin()));
        }
        return byKey;
    }

    /** Whether a rule is the one a site replaced or disabled (the first rule with its code). */
    private static boolean isRemoved(Loaded l, SiteChanges changes) {
        String code = l.meta().code();
        return code != null && changes.removed().contains(code) && changes.firstByCode().get(code) == l;
    }

    /**
     * Compiles the checked rule sets again, leaving out the replaced and disabled rules (by
     * {@link LoadedRules#key}). Removing them from the built knowledge base instead
     * ({@code KieBase.removeRule}) re-wires the package's compiled consequences, after which rules
     * firing for the first time on several threads at once can fail with a {@link LinkageError}.
     */
    private static KieBase compileWithout(Compiled compiled, Set<String> removedKeys, String origin) {
        KnowledgeBuilder builder = newBuilder();
        CompositeKnowledgeBuilder batch = builder.batch();
        DrlParser parser = new DrlParser();
        for (Map.Entry<String, String> file : compiled.drlByPath().entrySet()) {
            try {
                PackageDescr descr = parser.parse(ResourceFactory.newByteArrayResource(
                        file.getValue().getBytes(StandardCharsets.UTF_8)).setSourcePath(file.getKey()),
                        new StringReader(file.getValue()));
                descr.getRules().removeIf(r -> removedKeys.contains(LoadedRules.key(descr.getName(), r.getName())));
                batch.add(ResourceFactory.newDescrResource(descr), ResourceType.DESCR);
            } catch (DroolsParserException e) {
                throw RuleLoadException.of(file.getKey(), "cannot be compiled again without the replaced and "
                        + "disabled rules: %s", e.getMessage());
            }
        }
        batch.build();
        if (builder.hasErrors()) {
            throw RuleLoadException.of(origin, "the rules cannot be compiled again without the replaced and "
                    + "disabled rules: %s", builder.getErrors());
        }
        return builder.newKieBase();
    }

    /** Whether a package of the knowledge base declares a global of this name. */
    static boolean declaresGlobal(KieBase kieBase, String name) {
        return kieBase.getKiePackages().stream().flatMap(p -> p.getGlobalVariables().stream())
                .anyMatch(g -> g.getName().equals(name));
    }

    private static KnowledgeBuilder newBuilder() {
        return KnowledgeBuilderFactory.newKnowledgeBuilder(
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(null, KnowledgeBaseLoader.class.getClassLoader()));
    }

    /** Every threshold a rule names must be one of the catalogue: else a problem at the reference's line and column. */
    private static List<Problem> unknownThresholds(Map<String, List<ThresholdReferences.Reference>> refsByPath,
                                                   Catalogues catalogues) {
        List<Problem> problems = new ArrayList<>();
        refsByPath.forEach((path, refs) -> {
            for (ThresholdReferences.Reference r : refs) {
                if (r.name() == null) {
                    problems.add(new Problem(path, r.line(), r.column(), r.rule(), "a threshold read through the "
                            + "global must be named by one text literal, e.g. thresholds.value(\"maxSvaCm\"), so that "
                            + "its name is checked when the rules load"));
                } else if (!catalogues.thresholds().containsKey(r.name())) {
                    problems.add(new Problem(path, r.line(), r.column(), r.rule(), "threshold \"" + r.name()
                            + "\" is not defined in any thresholds catalogue"));
                }
            }
        });
        return problems;
    }

    /** The thresholds a rule names, in order of first use. */
    private static List<String> thresholdsOf(List<ThresholdReferences.Reference> refs, String ruleName) {
        if (refs == null) {
            return List.of();
        }
        return refs.stream().filter(r -> r.rule().equals(ruleName) && r.name() != null)
                .map(ThresholdReferences.Reference::name)
                .distinct().toList();
    }

    /** The names of the rules a DRL text declares, in declaration order. */
    static List<String> ruleNames(String drl) {
        List<String> names = new ArrayList<>();
        Matcher m = RULE_DECL.matcher(drl);
        while (m.find()) {
            names.add(declaredName(m));
        }
        return names;
    }

    /** The rule name of a {@link #RULE_DECL} match: quoted with " or ', or a bare word. */
    private static String declaredName(Matcher declaration) {
        for (int group = 2; group <= 4; group++) {
            if (declaration.group(group) != null) {
                return declaration.group(group);
            }
        }
        return null;
    }

    /**
     * The file that declares a rule: its resource when compiled from DRL; for a pre-built rule base,
     * whose rules carry none, the DRL file that declares a rule of that name.
     */
    private static String fileOf(Rule rule, Map<String, String> drlByPath) {
        if (rule instanceof RuleImpl impl && impl.getResource() != null) {
            return impl.getResource().getSourcePath();
        }
        for (Map.Entry<String, String> file : drlByPath.entrySet()) {
            if (lineOf(file.getValue(), rule.getName()) > 0) {
                return file.getKey();
            }
        }
        return "(unknown file)";
    }

    private static int lineOf(String drl, String ruleName) {
        if (drl == null) {
            return 0;
        }
        Matcher m = RULE_DECL.matcher(drl);
        while (m.find()) {
            String name = declaredName(m);
            if (ruleName.equals(name)) {
                return lineAndColumn(drl, m.start(1))[0];
            }
        }
        return 0;
    }

    private static int[] lineAndColumn(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, offset - lineStart + 1};
    }

    private static List<Problem> sorted(List<Problem> problems) {
        return problems.stream().sorted(Comparator.comparing(Problem::file).thenComparingInt(Problem::line)
                .thenComparingInt(Problem::column)).toList();
    }

    /** SHA-256 over each rule set's files in path order, then the threshold files: relative path, NUL, content, NUL. */
    static String sha256(List<RuleSetSource> ruleSets, List<ThresholdFile> thresholdFiles) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (RuleSetSource rs : ruleSets) {
                for (Map.Entry<String, byte[]> file : rs.files().entrySet()) {
                    digestFile(digest, file.getKey(), file.getValue());
                }
            }
            for (ThresholdFile f : thresholdFiles) {
                digestFile(digest, "thresholds", f.content());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Adds one file to a rule base's digest: its path, NUL, its content, NUL. */
    static void digestFile(MessageDigest digest, String path, byte[] content) {
        digest.update(path.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(content);
        digest.update((byte) 0);
    }
}
