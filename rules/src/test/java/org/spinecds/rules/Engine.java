package org.spinecds.rules;

import java.util.Set;
import java.util.function.Supplier;

import org.spinecds.Assessment;
import org.spinecds.SpineCds;
import org.spinecds.internal.PrebuiltRules;
import org.spinecds.patient.Patient;

/** The default rule base, compiled once per JVM and shared by every test class. */
final class Engine {

    static final SpineCds ENGINE = SpineCds.withDefaultRules();

    private Engine() {
    }

    /** Assesses the patient with the shared engine. */
    static Assessment assess(Patient patient) {
        return ENGINE.assess(patient);
    }

    /** Builds the patient and assesses it with the shared engine. */
    static Assessment assess(Patient.Builder patient) {
        return ENGINE.assess(patient.build());
    }

    /** The codes of every rule that fired for the patient, derivation rules included. */
    static Set<String> fired(Patient.Builder patient) {
        return ENGINE.trace(patient.build()).firedRules();
    }

    /** An engine built while the pre-built rule base is switched off, so compiled from the DRL. */
    static SpineCds compiledFromDrl(Supplier<SpineCds> build) {
        String before = System.getProperty(PrebuiltRules.PROPERTY);
        System.setProperty(PrebuiltRules.PROPERTY, "false");
        try {
            return build.get();
        } finally {
            if (before == null) {
                System.clearProperty(PrebuiltRules.PROPERTY);
            } else {
                System.setProperty(PrebuiltRules.PROPERTY, before);
            }
        }
    }
}
