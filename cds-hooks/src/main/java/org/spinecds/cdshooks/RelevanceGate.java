package org.spinecds.cdshooks;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When {@code patient-view} answers cards at all. Opening a chart fires the hook for every patient;
 * guidance on spine surgery matters only to a few, and a service that shows cards on every chart is
 * switched off. With the gate on (the default), {@code patient-view} answers cards only for a patient
 * in whose record one of the {@linkplain Trigger triggers} is found, and never for a child (an age known
 * to be under the rule base's adult age, threshold {@code adultAge}); every other chart gets
 * {@code {"cards": []}}. A patient of unknown age with a trigger is answered: the age is then among the
 * inputs to collect (an adult must not lose a red-flag card because a birth date is missing).
 *
 * <p>{@code order-select} and {@code order-sign} are not gated by this: they answer only for the spine
 * procedures being ordered, which are their own trigger.
 */
public final class RelevanceGate {

    /** What in a record makes its chart relevant. */
    public enum Trigger {
        /**
         * A spinal condition: a Condition (neither refuted nor entered in error, and not inactive,
         * resolved or in remission) coded with a spinal diagnosis, an ICD-10 code of the spine (the
         * dorsopathies M40-M54, M96, spinal injuries, spinal cord diseases, congenital malformations of the
         * spine) or whose code, body site or text names the spine; or spinal diagnoses or regions recorded
         * in a SpineCDS observation.
         */
        SPINAL_CONDITION,
        /** Spinal symptoms: a Condition or observation that gives a symptom of the spine, or a red flag. */
        SPINAL_SYMPTOM,
        /** A spine referral or order: a ServiceRequest for a spine procedure, or that names the spine. */
        SPINE_ORDER
    }

    private final boolean enabled;
    private final Set<Trigger> triggers;

    private RelevanceGate(boolean enabled, Set<Trigger> triggers) {
        this.enabled = enabled;
        this.triggers = Set.copyOf(triggers);
    }

    /** The gate on, with every trigger: the default. */
    public static RelevanceGate defaults() {
        return new RelevanceGate(true, EnumSet.allOf(Trigger.class));
    }

    /** No gate: every chart is assessed and answered, a child's too. */
    public static RelevanceGate off() {
        return new RelevanceGate(false, EnumSet.noneOf(Trigger.class));
    }

    /**
     * The gate on with only these triggers.
     *
     * @throws IllegalArgumentException if none is given
     */
    public static RelevanceGate on(Set<Trigger> triggers) {
        Objects.requireNonNull(triggers, "triggers");
        if (triggers.isEmpty()) {
            throw new IllegalArgumentException("relevanceGate: name at least one trigger, or use RelevanceGate.off()");
        }
        return new RelevanceGate(true, EnumSet.copyOf(triggers));
    }

    public boolean isEnabled() {
        return enabled;
    }

    public Set<Trigger> triggers() {
        return triggers;
    }

    @Override
    public String toString() {
        return enabled ? "RelevanceGate" + new java.util.TreeSet<>(triggers) : "RelevanceGate[off]";
    }
}
