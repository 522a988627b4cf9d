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

    /**
     * The codes of every rule that fired for the patient when the rules are compiled from DRL. Which
     * rules fire on the way to rest depends on the order the engine holds them in, and the pre-built
     * rule base holds the files in another order: there a rule may fire and its conclusion be
     * withdrawn before rest (its assessments are the same, see PrebuiltRulesTest). Tests of the
     * firings themselves use the DRL's own order.
     */
    static Set<String> firedInDrlOrder(Patient.Builder patient) {
        return FromDrl.ENGINE.trace(patient.build()).firedRules();
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

    private static final class FromDrl {
        static final SpineCds ENGINE = compiledFromDrl(SpineCds::withDefaultRules);
    }
}
