package org.spinecds.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;
import org.spinecds.SpineCds;
import org.spinecds.patient.Patient;
import org.spinecds.rule.Thresholds;

/**
 * The default rules loaded straight with Drools, pre-built as the engine loads them (the executable
 * model the rules module's build generates; compiled from the DRL with {@code -Dspinecds.prebuilt=false}),
 * and run as a stateless execution of the patient with the thresholds global: what Drools itself
 * costs, with no validation, no explanation and no verdict assembly.
 */
final class BareEngine {

    private final KieBase kieBase;
    private final Thresholds thresholds;

    BareEngine(SpineCds engine) {
        this.thresholds = new Thresholds(engine.thresholds());
        try {
            ClassLoader loader = SpineCds.class.getClassLoader();
            if (engine.knowledgeBase().prebuilt()) {
                this.kieBase = prebuilt(loader);
                return;
            }
            JsonNode manifest;
            try (InputStream in = loader.getResourceAsStream(SpineCds.DEFAULT_RULES + "/ruleset.json")) {
                manifest = new ObjectMapper().readTree(in);
            }
            KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
            CompositeKnowledgeBuilder batch = builder.batch();
            for (JsonNode file : manifest.get("drl")) {
                try (InputStream in = loader.getResourceAsStream(SpineCds.DEFAULT_RULES + "/" + file.asText())) {
                    batch.add(ResourceFactory.newByteArrayResource(in.readAllBytes()), ResourceType.DRL);
                }
            }
            batch.build();
            if (builder.hasErrors()) {
                throw new IllegalStateException(builder.getErrors().toString());
            }
            this.kieBase = builder.newKieBase();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The executable model's classes that {@code prebuilt.properties} names. */
    private static KieBase prebuilt(ClassLoader loader) throws IOException {
        Properties description = new Properties();
        try (InputStream in = loader.getResourceAsStream(SpineCds.DEFAULT_RULES + "/prebuilt.properties")) {
            description.load(in);
        }
        List<Model> models = new ArrayList<>();
        for (String name : description.getProperty("models").split(",")) {
            try {
                models.add((Model) Class.forName(name, true, loader).getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return KieBaseBuilder.createKieBaseFromModel(models);
    }

    /** Runs the rules on the patient and returns how many facts working memory ended with. */
    int execute(Patient patient) {
        StatelessKieSession session = kieBase.newStatelessKieSession();
        session.setGlobal(Thresholds.GLOBAL, thresholds);
        List<Object> facts = new ArrayList<>(1);
        facts.add(patient);
        session.execute(facts);
        return facts.size();
    }
}
