package org.spinecds.rules.build;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.spinecds.internal.PrebuiltRules;
import org.spinecds.internal.RuleSetSource;

/**
 * Generates the pre-built default rule base at build time (run by the rules module's build, after its
 * tests are compiled and before they run): the rule set's DRL files, as its {@code ruleset.json} lists
 * them, compiled into Drools' executable model, whose classes are written to the module's classes
 * directory beside {@value PrebuiltRules#FILE}, which names the model classes and holds the SHA-256 of
 * the DRL files they were generated from and the thresholds their rules name. The engine loads them
 * instead of compiling the DRL ({@link PrebuiltRules}).
 *
 * <p>Arguments: the module's resources directory, the classes directory, the rule set's directory
 * within both (e.g. {@code org/spinecds/rules}).
 */
public final class ExecutableModelGenerator {

    private ExecutableModelGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path resources = Path.of(args[0]);
        Path classes = Path.of(args[1]);
        String dir = args[2];
        // the rule set's files as the engine reads them from the class path (ruleset.json's list)
        Map<String, byte[]> drl = new TreeMap<>();
        try (URLClassLoader sources = new URLClassLoader(new URL[] {resources.toUri().toURL()}, null)) {
            RuleSetSource.fromClasspath(sources, dir).files().forEach((name, bytes) -> {
                if (name.endsWith(".drl")) {
                    drl.put(name, bytes);
                }
            });
        }
        KieServices ks = KieServices.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        drl.forEach((name, bytes) -> kfs.write("src/main/resources/" + dir + "/" + name, bytes));
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("the rules do not compile as an executable model: " + errors);
        }
        InternalKieModule module = (InternalKieModule) builder.getKieModule();
        TreeSet<String> models = new TreeSet<>();
        int written = 0;
        for (String name : module.getFileNames()) {
            // the rule set's own classes: the models, their rule methods and lambdas, in its package
            if (!name.startsWith(dir + "/") || !name.endsWith(".class")) {
                continue;
            }
            Path target = classes.resolve(name);
            Files.createDirectories(target.getParent());
            Files.write(target, module.getBytes(name));
            written++;
            String simple = name.substring(name.lastIndexOf('/') + 1, name.length() - ".class".length());
            if (simple.matches("Rules[0-9A-F]{32}")) {
                models.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
            }
        }
        if (models.isEmpty()) {
            throw new IllegalStateException("the executable model build produced no model class in " + dir);
        }
        try (Writer out = Files.newBufferedWriter(classes.resolve(dir).resolve(PrebuiltRules.FILE),
                StandardCharsets.UTF_8)) {
            PrebuiltRules.write(out, List.copyOf(models), drl, ExecutableModelGenerator.class.getClassLoader());
        }
        System.out.printf("Pre-built rule base: %d DRL files, %d classes, models %s%n", drl.size(), written, models);
    }
}
