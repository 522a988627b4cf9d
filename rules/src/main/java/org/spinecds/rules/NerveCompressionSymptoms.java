package org.spinecds.rules;

import java.util.List;
import java.util.Set;

/** The patient's symptoms classified for CAND-2 (candidacy.drl). */
public final class NerveCompressionSymptoms extends DerivedFact {
    private final List<Object> present;
    private final Set<Object> kinds;

    public NerveCompressionSymptoms(List<?> present, Set<?> kinds) {
        this.present = List.copyOf(present);
        this.kinds = Set.copyOf(kinds);
    }

    /** The patient's symptoms that come from nerve compression. */
    public List<Object> getPresent() { return present; }
    /** Every symptom that counts. */
    public Set<Object> getKinds() { return kinds; }
}
