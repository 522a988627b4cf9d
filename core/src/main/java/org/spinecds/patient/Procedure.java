package org.spinecds.patient;

/**
 * The planned spinal procedure, with the spinal region it is done in when the procedure itself fixes
 * one (an ACDF is cervical), so that a procedure that contradicts the recorded regions is refused.
 */
public enum Procedure {
    LUMBAR_DISCECTOMY(Region.LUMBAR),
    CERVICAL_DISCECTOMY(Region.CERVICAL),
    THORACIC_DISCECTOMY(Region.THORACIC),
    /** A decompressive laminectomy, in whichever region the regions name. */
    DECOMPRESSIVE_LAMINECTOMY(null),
    POSTERIOR_CERVICAL_FORAMINOTOMY(Region.CERVICAL),
    /** Anterior cervical discectomy and fusion. */
    ACDF(Region.CERVICAL),
    CERVICAL_DISC_REPLACEMENT(Region.CERVICAL),
    /** Lumbar spinal fusion, e.g. transforaminal lumbar interbody fusion (TLIF). */
    LUMBAR_FUSION(Region.LUMBAR),
    DEFORMITY_CORRECTION(null),
    /** A procedure that none of the others names. */
    OTHER(null);

    private final Region region;

    Procedure(Region region) {
        this.region = region;
    }

    /** The region this procedure is always done in, or {@code null} when the procedure does not fix one. */
    public Region region() {
        return region;
    }
}
