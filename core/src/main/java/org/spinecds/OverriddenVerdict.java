package org.spinecds;

import java.util.List;
import java.util.Objects;

/**
 * A verdict the rules also proposed, and why it yielded to the one that decided.
 *
 * @param verdict the verdict that would otherwise have applied
 * @param findingCodes the findings that proposed it
 * @param reason why it yielded
 */
public record OverriddenVerdict(Verdict verdict, List<String> findingCodes, String reason) {
    public OverriddenVerdict {
        Objects.requireNonNull(verdict, "verdict");
        findingCodes = List.copyOf(findingCodes);
        Objects.requireNonNull(reason, "reason");
    }

    /** Names the verdict and the finding codes only. */
    @Override
    public String toString() {
        return "OverriddenVerdict[" + verdict + " " + findingCodes + "]";
    }
}
