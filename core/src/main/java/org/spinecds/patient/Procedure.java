package org.spinecds.patient;

/** The planned spinal procedure. */
public enum Procedure {
    LUMBAR_DISCECTOMY,
    CERVICAL_DISCECTOMY,
    DECOMPRESSIVE_LAMINECTOMY,
    POSTERIOR_CERVICAL_FORAMINOTOMY,
    /** Anterior cervical discectomy and fusion. */
    ACDF,
    CERVICAL_DISC_REPLACEMENT,
    /** Lumbar spinal fusion, e.g. transforaminal lumbar interbody fusion (TLIF). */
    LUMBAR_FUSION,
    DEFORMITY_CORRECTION
}
