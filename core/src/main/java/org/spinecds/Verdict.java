package org.spinecds;

/**
 * The one verdict of an assessment. The first seven constants are the verdict order of the criteria
 * catalogue, from the top: the rules walk it and give a verdict only when every verdict above it is
 * known not to apply. Where a rank can neither be confirmed nor excluded because inputs are unknown,
 * the verdict is {@link #INSUFFICIENT_INFORMATION}, which is not a rank of the walk.
 */
public enum Verdict {
    /** A red flag (URG-1) or a suspected serious spinal pathology (URG-2): urgent evaluation. */
    URGENT_EVALUATION("Urgent evaluation"),
    /** A child, no spinal condition these criteria cover, or ASA class 5-6 (SCOPE-1 to SCOPE-3). */
    OUTSIDE_SCOPE("Outside the scope of these criteria"),
    /** No condition or no symptoms that this surgery treats (CAND-1 or CAND-2 not met). */
    SURGERY_NOT_INDICATED("Surgery not indicated"),
    /** Conservative care has not yet been tried long enough, or it relieved the symptoms (CAND-3). */
    CONSERVATIVE_CARE_FIRST("Conservative care first"),
    /** The evaluation is not done, or imaging does not pinpoint the cause (CAND-4, CAND-5). */
    FURTHER_EVALUATION("Further evaluation first"),
    /** At least one OPEN-1 to OPEN-6 or OPEN-8 finding makes open surgery the preferred approach. */
    OPEN_SURGERY_PREFERRED("Open surgery preferred"),
    /** Every candidacy criterion (CAND-1 to CAND-8) is met and nothing above it applies. */
    MINIMALLY_INVASIVE_CANDIDATE("Candidate for minimally invasive spine surgery"),
    /**
     * A verdict of the walk can neither be confirmed nor excluded: the assessment lists the verdicts
     * still possible and the inputs that would settle them.
     */
    INSUFFICIENT_INFORMATION("Insufficient information");

    private final String title;

    Verdict(String title) {
        this.title = title;
    }

    /** A short human title, e.g. "Open surgery preferred". */
    public String title() {
        return title;
    }

    /** The place of this verdict in the verdict order, 1 for the top; 0 for INSUFFICIENT_INFORMATION. */
    public int rank() {
        return this == INSUFFICIENT_INFORMATION ? 0 : ordinal() + 1;
    }

    /** True for the verdicts of the walk, false for INSUFFICIENT_INFORMATION. */
    public boolean isRanked() {
        return this != INSUFFICIENT_INFORMATION;
    }

    /** True for a surgical verdict: open surgery preferred, or minimally invasive candidate. */
    public boolean isSurgicalCandidate() {
        return this == OPEN_SURGERY_PREFERRED || this == MINIMALLY_INVASIVE_CANDIDATE;
    }
}
