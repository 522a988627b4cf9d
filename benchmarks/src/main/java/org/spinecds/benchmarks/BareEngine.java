package org.spinecds.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

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
import org.spinecds.rule.Threshold;

/**
 * The default rules compiled straight with Drools, and run as a stateless execution of the same facts
 * (the patient and the thresholds): what Drools itself costs, with no validation, no explanation and
 * no verdict assembly.
 */
final class BareEngine {

    private final KieBase kieBase;
    private final List<Threshold> thresholds;

    BareEngine(SpineCds engine) {
        this.thresholds = engine.thresholds();
        try {
            ClassLoader loader = SpineCds.class.getClassLoader();
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

    /** Runs the rules on the patient and returns how many facts working memory ended with. */
    int execute(Patient patient) {
        StatelessKieSession session = kieBase.newStatelessKieSession();
        List<Object> facts = new ArrayList<>(thresholds.size() + 1);
        facts.add(patient);
        facts.addAll(thresholds);
        session.execute(facts);
        return facts.size();
    }
}
