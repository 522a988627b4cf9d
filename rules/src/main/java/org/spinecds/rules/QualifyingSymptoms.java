package org.spinecds.rules;

import java.util.List;

/**
 * The patient's (known) symptoms that CAND-2 counts (candidacy.drl): nerve-compression symptoms
 * always, myelopathic symptoms for a myelopathy, back pain for a deformity, instability or
 * spondylolisthesis; and whether any that could count is waiting for the diagnoses to be known.
 */
public final class QualifyingSymptoms extends DerivedFact {
    private final List<Object> counted;
    private final boolean dependsOnDiagnoses;

    public QualifyingSymptoms(List<?> counted, boolean dependsOnDiagnoses) {
        this.counted = List.copyOf(counted);
        this.dependsOnDiagnoses = dependsOnDiagnoses;
    }

    /** The symptoms that count for CAND-2. */
    public List<Object> getCounted() { return counted; }
    /**
     * True when no symptom counts yet but one would for some diagnosis (back pain, gait disturbance,
     * loss of hand dexterity) and the diagnoses are unknown.
     */
    public boolean isDependsOnDiagnoses() { return dependsOnDiagnoses; }

    @Override
    protected List<?> values() {
        return java.util.Arrays.asList(counted, dependsOnDiagnoses);
    }
}
