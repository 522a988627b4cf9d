package org.spinecds.rules;

/**
 * OPEN-1 applies (open-surgery.drl): a spinal deformity is diagnosed, or a lumbar fusion or a deformity
 * correction is planned.
 */
public final class DeformityLimitsApply extends DerivedFact {
}
