package org.spinecds;

/**
 * The one verdict of an assessment. The constants are declared in order of precedence, the order of
 * the verdict list in the criteria catalogue: when the rules propose several verdicts, the first in
 * this order decides, and the others are reported as {@link Assessment#overridden()}.
 */
public enum Verdict {
    /** A red flag (cauda equina syndrome, progressive motor weakness): urgent surgical evaluation. */
    URGENT_EVALUATION("Urgent surgical evaluation"),
    /** No condition or no nerve-compression symptoms that this surgery treats. */
    SURGERY_NOT_INDICATED("Surgery not indicated"),
    /** Conservative care has not yet been tried long enough, or it relieved the symptoms. */
    CONSERVATIVE_CARE_FIRST("Conservative care first"),
    /** At least one finding makes open surgery the preferred approach. */
    OPEN_SURGERY_PREFERRED("Open surgery preferred"),
    /** A candidacy criterion cannot be judged: the inputs to collect are listed. */
    INSUFFICIENT_INFORMATION("Insufficient information"),
    /** Every candidacy criterion is met and nothing outranks it. */
    MINIMALLY_INVASIVE_CANDIDATE("Candidate for minimally invasive spine surgery");

    private final String title;

    Verdict(String title) {
        this.title = title;
    }

    /** A short human title, e.g. "Open surgery preferred". */
    public String title() {
        return title;
    }

    /** The precedence of this verdict: 1 for the highest. */
    public int rank() {
        return ordinal() + 1;
    }

    /** True for the verdicts of a candidate for surgery (open or minimally invasive). */
    public boolean isSurgicalCandidate() {
        return this == OPEN_SURGERY_PREFERRED || this == MINIMALLY_INVASIVE_CANDIDATE;
    }
}
