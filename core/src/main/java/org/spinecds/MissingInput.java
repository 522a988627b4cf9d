package org.spinecds;

import java.util.List;
import java.util.Objects;

/**
 * An unknown input that the assessment asks for, and what its value would settle.
 *
 * @param input the input's JSON name
 * @param verdict the verdict of the walk whose rank it would settle (confirm or exclude), or
 *     {@code null} for an input that only completes the risk, setting or recovery picture
 * @param criteria the criterion ids it would settle, e.g. {@code URG-1} or {@code RISK-2}
 */
public record MissingInput(String input, Verdict verdict, List<String> criteria) {
    public MissingInput {
        Objects.requireNonNull(input, "input");
        criteria = List.copyOf(criteria);
    }
}
