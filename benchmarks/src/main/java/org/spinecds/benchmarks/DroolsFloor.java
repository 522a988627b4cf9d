package org.spinecds.benchmarks;

import java.nio.charset.StandardCharsets;

import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;
import org.spinecds.patient.Patient;

/**
 * What Drools alone costs: as many rules as the default rule base has, each matching the patient
 * ({@code Patient()}, no constraint) and doing nothing, generated here, with the engine's session
 * handling (a {@link KieSessionsPool}; per call: a session from the pool, insert the patient, fire,
 * dispose back to the pool). No thresholds, no truth maintenance, no result: the floor under any rule
 * base of that size.
 */
final class DroolsFloor {

    private final KieSessionsPool pool;
    private final int rules;

    DroolsFloor(int rules) {
        this.rules = rules;
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        builder.add(ResourceFactory.newByteArrayResource(drl(rules).getBytes(StandardCharsets.UTF_8)), ResourceType.DRL);
        if (builder.hasErrors()) {
            throw new IllegalStateException(builder.getErrors().toString());
        }
        KieBase kieBase = builder.newKieBase();
        this.pool = kieBase.newKieSessionsPool(2);
    }

    /** The generated rule base: {@code rules} rules, each {@code when Patient() then end}. */
    static String drl(int rules) {
        StringBuilder drl = new StringBuilder("package org.spinecds.benchmarks.floor;\n\nimport ")
                .append(Patient.class.getName()).append(";\n\n");
        for (int i = 0; i < rules; i++) {
            drl.append("rule \"floor-").append(i).append("\"\nwhen\n    Patient()\nthen\nend\n\n");
        }
        return drl.toString();
    }

    int rules() {
        return rules;
    }

    /** Runs the rules on the patient and returns how many fired (as many as there are rules). */
    int execute(Patient patient) {
        KieSession session = pool.newKieSession();
        try {
            session.insert(patient);
            return session.fireAllRules();
        } finally {
            session.dispose(); // back to the pool, reset
        }
    }
}
