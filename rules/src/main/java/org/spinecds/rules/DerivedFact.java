package org.spinecds.rules;

/**
 * The base of the intermediate facts the default rules derive. Rule engines log facts at their most
 * detailed levels, so a derived fact's {@code toString} names its type only, never patient data.
 * (Types declared in DRL with {@code declare} print their fields: site rules should not use them
 * for facts that carry patient values.)
 */
public abstract class DerivedFact {

    @Override
    public final String toString() {
        return getClass().getSimpleName();
    }
}
