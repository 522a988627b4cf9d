package org.spinecds.rules;

import java.util.List;

import org.spinecds.Evidence;
import org.spinecds.patient.Region;

/** A spinal region treated, recorded or fixed by the planned procedure (procedure-risk.drl). */
public final class TreatedRegion extends DerivedFact {
    private final Region region;
    private final Evidence evidence;

    public TreatedRegion(Region region, Evidence evidence) {
        this.region = region;
        this.evidence = evidence;
    }

    public Region getRegion() { return region; }
    public Evidence getEvidence() { return evidence; }

    @Override
    protected List<?> values() {
        return java.util.Arrays.asList(region, evidence);
    }
}
