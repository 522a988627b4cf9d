package org.spinecds.rules;

import java.util.List;
import java.util.Set;

/** The patient's diagnoses classified for CAND-1 (candidacy.drl). */
public final class CandidacyDiagnoses extends DerivedFact {
    private final List<Object> treatable;
    private final Set<Object> treatableKinds;
    private final boolean deformity;

    public CandidacyDiagnoses(List<?> treatable, Set<?> treatableKinds, boolean deformity) {
        this.treatable = List.copyOf(treatable);
        this.treatableKinds = Set.copyOf(treatableKinds);
        this.deformity = deformity;
    }

    /** The patient's diagnoses that minimally invasive surgery treats. */
    public List<Object> getTreatable() { return treatable; }
    /** Every diagnosis that counts as treatable. */
    public Set<Object> getTreatableKinds() { return treatableKinds; }
    /** A scoliosis or adult spinal deformity is diagnosed. */
    public boolean isDeformity() { return deformity; }
}
