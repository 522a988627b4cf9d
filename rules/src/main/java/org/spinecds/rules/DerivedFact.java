package org.spinecds.rules;

import java.util.List;

/**
 * The base of the intermediate facts the default rules derive. Two derived facts of the same type with
 * equal {@link #values()} are equal, as {@code insertLogical} requires: a fact derived twice is one fact
 * with two justifications, not two facts. Rule engines log facts at their most detailed levels, so a
 * derived fact's {@code toString} names its type only, never patient data. (Types declared in DRL with
 * {@code declare} print their fields: site rules should not use them for facts that carry patient values.)
 */
public abstract class DerivedFact {

    /** The values that make the fact what it is, for equality; none for a fact that is only its type. */
    protected List<?> values() {
        return List.of();
    }

    @Override
    public final boolean equals(Object o) {
        return o == this || o != null && o.getClass() == getClass() && values().equals(((DerivedFact) o).values());
    }

    @Override
    public final int hashCode() {
        return getClass().getName().hashCode() * 31 + values().hashCode();
    }

    @Override
    public final String toString() {
        return getClass().getSimpleName();
    }
}
