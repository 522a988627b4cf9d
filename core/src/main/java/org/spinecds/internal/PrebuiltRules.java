package org.spinecds.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
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
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.drools.model.EntryPoint;
import org.drools.model.Global;
import org.drools.model.Model;
import org.drools.model.Query;
import org.drools.model.Rule;
import org.drools.model.TypeMetaData;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pre-built form of a classpath rule set: its DRL generated at build time as Drools' executable
 * model, whose classes are loaded instead of compiling the DRL. Beside the rule set's manifest, a file
 * {@value #FILE} names the generated model classes ({@code models}) and the SHA-256 of the DRL files
 * they were generated from ({@code drl.sha256}); the pre-built rule base is used only when that digest
 * is the one of the DRL files read now, so it can never drift from them, and it was generated with the
 * Drools version that runs ({@code drools.version}). Otherwise, or when the system
 * property {@value #PROPERTY} is {@code false}, the DRL is compiled as for any other rule set. The file
 * also holds the thresholds each DRL file's rules name ({@code thresholds}, found on the parsed DRL when
 * it was generated), so that loading a pre-built rule base does not parse the DRL again; they are
 * checked against the thresholds catalogue read now, as for compiled DRL.
 */
public final class PrebuiltRules {

    /** The file, in the rule set's classpath directory, that describes its pre-built rule base. */
    public static final String FILE = "prebuilt.properties";
    /** The system property that, set to {@code false}, makes the engine compile the DRL all the same. */
    public static final String PROPERTY = "spinecds.prebuilt";

    private static final Logger LOG = LoggerFactory.getLogger(PrebuiltRules.class);
    private static final String CLASSPATH = "classpath:";
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)");

    /** The JSON of the {@code thresholds} property: ASCII only, as a properties file holds it. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final TypeReference<Map<String, List<ThresholdReferences.Reference>>> REFERENCES =
            new TypeReference<>() { };

    private PrebuiltRules() {
    }

    /**
     * A pre-built rule base, and the thresholds named by its DRL files' rules, by the files' paths within
     * the rule set.
     */
    record Prebuilt(KieBase kieBase, Map<String, List<ThresholdReferences.Reference>> thresholdReferences) {
    }

    /**
     * Writes the {@value #FILE} of a rule set's executable model, at build time.
     *
     * @param models the generated model classes
     * @param drl the rule set's DRL files, by path within the rule set, that the models were generated from
     * @param loader the class loader whose Drools generated them
     */
    public static void write(Writer out, List<String> models, Map<String, byte[]> drl, ClassLoader loader)
            throws IOException {
        Map<String, List<ThresholdReferences.Reference>> references = new LinkedHashMap<>();
        new TreeMap<>(drl).forEach((name, bytes) -> references.put(name,
                ThresholdReferences.of(new String(bytes, StandardCharsets.UTF_8))));
        out.write("# The pre-built rule base: Drools' executable model of the DRL files whose SHA-256 is given.\n");
        out.write("models=" + String.join(",", models) + "\n");
        out.write("drl.sha256=" + drlSha256(drl) + "\n");
        out.write("drools.version=" + droolsVersion(loader) + "\n");
        out.write("# the thresholds each file's rules name: rule, threshold (null: not one text literal), line, column\n");
        // JSON escapes only with a backslash, which a properties file reads as an escape in turn
        out.write("thresholds=" + JSON.writeValueAsString(references).replace("\\", "\\\\") + "\n");
    }

    /**
     * The SHA-256 of a rule set's DRL files: for each, in path order, its relative path, NUL, its
     * content, NUL.
     */
    public static String drlSha256(Map<String, byte[]> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
                if (file.getKey().endsWith(".drl")) {
                    KnowledgeBaseLoader.digestFile(digest, file.getKey(), file.getValue());
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * The pre-built rule base of the rule sets, or null when the DRL must be compiled: there is more
     * than one rule set (a site's rules are compiled with the defaults), the rule set is not on the
     * classpath, it has no pre-built form, the form was built from other DRL files, or it cannot be
     * loaded (the reason is logged).
     */
    static Prebuilt find(List<RuleSetSource> ruleSets) {
        if (ruleSets.size() != 1) {
            return null;
        }
        RuleSetSource rs = ruleSets.get(0);
        if (rs.classLoader() == null || !rs.origin().startsWith(CLASSPATH)) {
            return null;
        }
        String dir = rs.origin().substring(CLASSPATH.length());
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY))) {
            LOG.info("Compiling the DRL of {}: the pre-built rule base is switched off ({}=false)", rs.origin(),
                    PROPERTY);
            return null;
        }
        Properties description = properties(rs.classLoader(), dir + "/" + FILE);
        if (description == null) {
            LOG.debug("Compiling the DRL of {}: it has no pre-built rule base", rs.origin());
            return null;
        }
        String built = description.getProperty("drl.sha256", "");
        String now = drlSha256(rs.files());
        if (!now.equals(built)) {
            LOG.warn("Compiling the DRL of {}: its pre-built rule base was generated from other DRL files "
                    + "(SHA-256 {}; the DRL files read now have {})", rs.origin(), built, now);
            return null;
        }
        String generatedWith = description.getProperty("drools.version", "");
        String running = droolsVersion(rs.classLoader());
        if (!generatedWith.equals(running)) {
            LOG.warn("Compiling the DRL of {}: its pre-built rule base was generated with Drools {}, this is "
                    + "Drools {}", rs.origin(), generatedWith, running);
            return null;
        }
        Map<String, List<ThresholdReferences.Reference>> references;
        try {
            references = JSON.readValue(description.getProperty("thresholds", ""), REFERENCES);
        } catch (JsonProcessingException e) {
            LOG.warn("Compiling the DRL of {}: the thresholds of its pre-built rule base cannot be read ({})",
                    rs.origin(), e.getOriginalMessage());
            return null;
        }
        try {
            Map<String, Integer> drlOrder = drlOrder(rs.files());
            List<Model> models = new ArrayList<>();
            for (String name : description.getProperty("models", "").split(",")) {
                Class<?> type = Class.forName(name.strip(), true, rs.classLoader());
                models.add(new InDrlOrder((Model) type.getDeclaredConstructor().newInstance(), drlOrder));
            }
            return new Prebuilt(KieBaseBuilder.createKieBaseFromModel(models,
                    KieServices.get().newKieBaseConfiguration(null, rs.classLoader())), references);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.warn("Compiling the DRL of {}: its pre-built rule base cannot be loaded ({}: {})", rs.origin(),
                    e.getClass().getSimpleName(), e.getMessage());
            return null;
        }
    }

    /**
     * The version of the Drools that loads the model ({@code drools-model-compiler}'s Maven descriptor,
     * which a shaded jar keeps too), or {@code "unknown"}: then the model is not used.
     */
    public static String droolsVersion(ClassLoader loader) {
        Properties pom = properties(loader, "META-INF/maven/org.drools/drools-model-compiler/pom.properties");
        return pom == null ? "unknown" : pom.getProperty("version", "unknown");
    }

    /** A properties resource, or null if there is none or it cannot be read (logged). */
    private static Properties properties(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} cannot be read ({}: {})", name, e.getClass().getSimpleName(), e.getMessage());
            return null;
        }
    }

    /**
     * Each rule's place when the DRL is compiled: files in path order, rules in declaration order
     * (by package and name).
     */
    private static Map<String, Integer> drlOrder(Map<String, byte[]> files) {
        Map<String, Integer> order = new HashMap<>();
        for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
            if (file.getKey().endsWith(".drl")) {
                String drl = new String(file.getValue(), StandardCharsets.UTF_8);
                Matcher pkg = PACKAGE.matcher(drl);
                String prefix = pkg.find() ? pkg.group(1) + "." : ".";
                for (String rule : KnowledgeBaseLoader.ruleNames(drl)) {
                    order.putIfAbsent(prefix + rule, order.size());
                }
            }
        }
        return order;
    }

    /**
     * A generated model whose rules are listed in the order the DRL compiler holds them. The engine
     * numbers the rules in this order and, among activations alike in every other respect, fires the
     * earlier rule first; the generator lists them otherwise. With the same order, the same rules fire
     * on the way to rest either way, not only the same conclusions at rest.
     */
    private static final class InDrlOrder implements Model {

        private final Model model;
        private final Map<String, Integer> drlOrder;

        InDrlOrder(Model model, Map<String, Integer> drlOrder) {
            this.model = model;
            this.drlOrder = drlOrder;
        }

        @Override
        public String getName() {
            return model.getName();
        }

        @Override
        public String getPackageName() {
            return model.getPackageName();
        }

        @Override
        public List<Global> getGlobals() {
            return model.getGlobals();
        }

        @Override
        public List<Rule> getRules() {
            List<Rule> rules = new ArrayList<>(model.getRules());
            rules.sort(Comparator.comparingInt(r -> drlOrder.getOrDefault(r.getPackage() + "." + r.getName(),
                    Integer.MAX_VALUE)));
            return rules;
        }

        @Override
        public List<Query> getQueries() {
            return model.getQueries();
        }

        @Override
        public List<TypeMetaData> getTypeMetaDatas() {
            return model.getTypeMetaDatas();
        }

        @Override
        public List<EntryPoint> getEntryPoints() {
            return model.getEntryPoints();
        }
    }
}
