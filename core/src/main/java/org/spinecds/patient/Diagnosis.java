package org.spinecds.patient;

/** Spinal diagnoses. A given set is the complete list: absence means "not diagnosed". */
public enum Diagnosis {
    HERNIATED_DISC,
    BULGING_DISC,
    /** Spinal stenosis. */
    SPINAL_STENOSIS,
    /** Spondylolisthesis; its Meyerding grade goes in {@link Input#SPONDYLOLISTHESIS_GRADE}. */
    SPONDYLOLISTHESIS,
    DEGENERATIVE_DISC_DISEASE,
    SPINAL_INSTABILITY,
    /** Scoliosis or adult spinal deformity; its parameters go in the deformity inputs. */
    SCOLIOSIS_DEFORMITY,
    /** Nerve-root compression. */
    RADICULOPATHY,
    /** Spinal-cord compression. */
    MYELOPATHY,
    OTHER
}
