package org.spinecds.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.ResourceType;
import org.kie.api.builder.Message;
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
import org.spinecds.rule.Threshold;

/**
 * Compiles rule sets into a KieBase and checks them, failing fast with every problem found: DRL
 * compile errors (file, line, column), missing or wrong rule metadata, duplicate codes, unknown
 * source, criterion or threshold names. No kmodule.xml and no KieRepository are involved.
 */
public final class KnowledgeBaseLoader {

    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBaseLoader.class);
    private static final Pattern THRESHOLD_REF = Pattern.compile("Threshold\\s*\\(\\s*name\\s*==\\s*\"([^\"]*)\"");
    private static final Pattern PARSER_POSITION = Pattern.compile("Line (\\d+):(\\d+)");
    private static final Pattern RULE_DECL = Pattern.compile("(?m)^\\s*rule\\s+(\"([^\"]+)\"|'([^']+)'|(\\S+))");

    private KnowledgeBaseLoader() {
    }

    public static LoadedRules load(List<RuleSetSource> ruleSets) {
        long started = System.nanoTime();
        Catalogues catalogues = Catalogues.read(ruleSets);
        List<Problem> problems = new ArrayList<>(catalogues.problems());

        // Compile every DRL file of every rule set into one knowledge base.
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(null, KnowledgeBaseLoader.class.getClassLoader()));
        Map<String, String> drlByPath = new LinkedHashMap<>();
        Map<String, String> relativeByPath = new HashMap<>();
        for (RuleSetSource rs : ruleSets) {
            for (Map.Entry<String, byte[]> file : rs.files().entrySet()) {
                if (!file.getKey().endsWith(".drl")) {
                    continue;
                }
                String path = rs.displayPath(file.getKey());
                drlByPath.put(path, new String(file.getValue(), StandardCharsets.UTF_8));
                relativeByPath.put(path, file.getKey());
                try {
                    builder.add(ResourceFactory.newByteArrayResource(file.getValue()).setSourcePath(path),
                            ResourceType.DRL);
                } catch (RuntimeException e) {
                    problems.add(new Problem(path, 0, 0, null, "cannot be compiled: " + e.getMessage()));
                }
            }
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
        problems.addAll(thresholdReferences(drlByPath, catalogues));
        if (!problems.isEmpty()) {
            throw RuleLoadException.of(sorted(problems));
        }

        KieBase kieBase = builder.newKieBase();
        Map<String, RuleInfo> byKey = new LinkedHashMap<>();
        Map<String, Rule> byCode = new HashMap<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                String path = fileOf(rule);
                int line = lineOf(drlByPath.get(path), rule.getName());
                RuleMeta meta = RuleMeta.of(rule);
                meta.problems().forEach(p -> problems.add(new Problem(path, line, 0, rule.getName(), p)));
                if (meta.code() != null) {
                    Rule other = byCode.putIfAbsent(meta.code(), rule);
                    if (other != null) {
                        problems.add(new Problem(path, line, 0, rule.getName(), "@code(" + meta.code()
                                + ") is already used by rule \"" + other.getName() + "\" in " + fileOf(other)));
                    }
                }
                if (meta.criterion() != null && !catalogues.criteria().containsKey(meta.criterion())) {
                    problems.add(new Problem(path, line, 0, rule.getName(), "@criterion(" + meta.criterion()
                            + ") is not in the criteria catalogue"));
                }
                List<Source> sources = new ArrayList<>();
                for (String id : meta.sources()) {
                    Source s = catalogues.sources().get(id);
                    if (s == null) {
                        problems.add(new Problem(path, line, 0, rule.getName(), "@source names " + id
                                + ", which the sources catalogue does not hold"));
                    } else {
                        sources.add(s);
                    }
                }
                String relative = relativeByPath.getOrDefault(path, path);
                byKey.put(LoadedRules.key(pkg.getName(), rule.getName()), new RuleInfo(meta.code(), meta.criterion(),
                        meta.category(), meta.severity(), sources, new RuleRef(rule.getName(), relative)));
            }
        }
        if (!problems.isEmpty()) {
            throw RuleLoadException.of(sorted(problems));
        }

        List<RuleInfo> rules = byKey.values().stream().sorted(Comparator.comparing(RuleInfo::code)).toList();
        KnowledgeBaseInfo info = new KnowledgeBaseInfo(
                ruleSets.stream().map(RuleSetSource::name).collect(Collectors.joining("+")),
                ruleSets.stream().map(RuleSetSource::version).collect(Collectors.joining("+")),
                sha256(ruleSets), rules.size(),
                ruleSets.stream().flatMap(rs -> rs.files().keySet().stream().map(rs::displayPath)).toList());
        LOG.info("Loaded rule base {} {} ({} rules, sha256 {}) in {} ms", info.name(), info.version(),
                info.ruleCount(), info.sha256(), (System.nanoTime() - started) / 1_000_000);
        return new LoadedRules(kieBase, catalogues, Map.copyOf(byKey), rules,
                List.copyOf(catalogues.thresholds().values()), info);
    }

    /** Every {@code Threshold(name == "...")} in the DRL must name a threshold of the catalogue. */
    private static List<Problem> thresholdReferences(Map<String, String> drlByPath, Catalogues catalogues) {
        List<Problem> problems = new ArrayList<>();
        drlByPath.forEach((path, drl) -> {
            Matcher m = THRESHOLD_REF.matcher(drl);
            while (m.find()) {
                if (!catalogues.thresholds().containsKey(m.group(1))) {
                    int[] at = lineAndColumn(drl, m.start(1));
                    problems.add(new Problem(path, at[0], at[1], null, "threshold \"" + m.group(1)
                            + "\" is not defined in any thresholds catalogue"));
                }
            }
        });
        return problems;
    }

    private static String fileOf(Rule rule) {
        return rule instanceof RuleImpl impl && impl.getResource() != null
                ? impl.getResource().getSourcePath() : "(unknown file)";
    }

    private static int lineOf(String drl, String ruleName) {
        if (drl == null) {
            return 0;
        }
        Matcher m = RULE_DECL.matcher(drl);
        while (m.find()) {
            String name = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
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

    /** SHA-256 over each rule set's files in path order: relative path, NUL, content, NUL. */
    static String sha256(List<RuleSetSource> ruleSets) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (RuleSetSource rs : ruleSets) {
                for (Map.Entry<String, byte[]> file : rs.files().entrySet()) {
                    digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                    digest.update(file.getValue());
                    digest.update((byte) 0);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
