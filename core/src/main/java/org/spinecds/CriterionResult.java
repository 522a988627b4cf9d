package org.spinecds;

import java.util.List;
import java.util.Objects;

/**
 * The status of one candidacy criterion (CAND-1 to CAND-7).
 *
 * @param id the criterion id, e.g. {@code CAND-3}
 * @param title the criterion as the catalogue states it
 * @param status MET, NOT_MET or UNKNOWN
 * @param decidedBy the inputs, with their values, that decided the status
 * @param toCollect for UNKNOWN, the inputs to collect (JSON names); otherwise empty
 * @param findingCodes the codes of the findings that set the status
 */
public record CriterionResult(String id, String title, CriterionStatus status, List<Evidence> decidedBy,
                              List<String> toCollect, List<String> findingCodes) {
    public CriterionResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        decidedBy = List.copyOf(decidedBy);
        toCollect = List.copyOf(toCollect);
        findingCodes = List.copyOf(findingCodes);
    }

    /** Names the criterion, status, inputs and finding codes only: never an input's value. */
    @Override
    public String toString() {
        return "CriterionResult[" + id + " " + status + ", decided by " + decidedBy.stream().map(Evidence::input)
                .toList() + ", to collect " + toCollect + ", findings " + findingCodes + "]";
    }
}
