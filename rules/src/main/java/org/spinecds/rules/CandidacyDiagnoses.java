package org.spinecds.rules;

import java.util.List;
import java.util.Set;

/**
 * The patient's (known) diagnoses classified for scope and candidacy (candidacy.drl): which of them
 * this surgery treats (CAND-1), whether any is a condition these criteria cover (SCOPE-2), and the
 * diagnoses that change which symptoms count (CAND-2) and which limits apply (OPEN-1, OPEN-8).
 */
public final class CandidacyDiagnoses extends DerivedFact {
    private final List<Object> treatable;
    private final Set<Object> treatableKinds;
    private final boolean covered;
    private final boolean radiculopathy;
    private final boolean other;

    public CandidacyDiagnoses(List<?> treatable, Set<?> treatableKinds, boolean covered, boolean radiculopathy,
                              boolean other) {
        this.treatable = List.copyOf(treatable);
        this.treatableKinds = java.util.Collections.unmodifiableSet(new java.util.TreeSet<Object>(treatableKinds));
        this.covered = covered;
        this.radiculopathy = radiculopathy;
        this.other = other;
    }

    /** The patient's diagnoses that this surgery treats, in diagnosis order. */
    public List<Object> getTreatable() { return treatable; }
    /** Every diagnosis that counts as treatable. */
    public Set<Object> getTreatableKinds() { return treatableKinds; }
    /** At least one diagnosis is a condition of the list other than OTHER (SCOPE-2). */
    public boolean isCovered() { return covered; }
    /** A radiculopathy is diagnosed. */
    public boolean isRadiculopathy() { return radiculopathy; }
    /** An OTHER diagnosis is recorded. */
    public boolean isOther() { return other; }

    @Override
    protected List<?> values() {
        return java.util.Arrays.asList(treatable, treatableKinds, covered, radiculopathy, other);
    }
}
