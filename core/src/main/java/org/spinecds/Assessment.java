package org.spinecds;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The immutable result of assessing one patient. Safe to keep and to hand to another thread; it holds
 * no patient input beyond the values its findings cite as evidence and the host's patient identifier.
 * {@code toString} gives the verdict and finding codes only.
 *
 * @param verdict the one verdict
 * @param decidedBy the findings that decided it
 * @param overridden the verdicts lower in the verdict order that also hold, and why they yielded
 * @param possibleVerdicts the verdicts of the walk not yet excluded, in verdict order: the verdict
 *     itself when it is definitive; for INSUFFICIENT_INFORMATION, every verdict the unknown inputs
 *     could still lead to
 * @param criteria CAND-1 to CAND-8, each MET, NOT_MET or UNKNOWN
 * @param findings every finding, ordered by category, criterion and code
 * @param missingInputs every unknown input that could change the verdict (JSON names), in verdict
 *     order: the red-flag screen first; empty for a definitive verdict
 * @param toSettle the same inputs, each with the verdict and criteria it would settle
 * @param inputsToComplete the other unknown inputs that would complete the risk, setting or recovery
 *     picture, with the criteria they concern
 * @param knowledgeBase the rule base that served the assessment
 * @param assessedAt when the assessment was made
 * @param patientId the host's identifier of the patient, or {@code null}; for the host's audit only
 */
public record Assessment(Verdict verdict, List<Finding> decidedBy, List<OverriddenVerdict> overridden,
                         List<Verdict> possibleVerdicts, List<CriterionResult> criteria, List<Finding> findings,
                         List<String> missingInputs, List<MissingInput> toSettle,
                         List<MissingInput> inputsToComplete,
                         KnowledgeBaseInfo knowledgeBase, Instant assessedAt, String patientId) {

    public Assessment {
        Objects.requireNonNull(verdict, "verdict");
        decidedBy = List.copyOf(decidedBy);
        overridden = List.copyOf(overridden);
        possibleVerdicts = List.copyOf(possibleVerdicts);
        toSettle = List.copyOf(toSettle);
        inputsToComplete = List.copyOf(inputsToComplete);
        criteria = List.copyOf(criteria);
        findings = List.copyOf(findings);
        missingInputs = List.copyOf(missingInputs);
        Objects.requireNonNull(knowledgeBase, "knowledgeBase");
        Objects.requireNonNull(assessedAt, "assessedAt");
    }

    @Override
    public String toString() {
        return "Assessment[" + verdict + " " + findingCodes() + "]";
    }

    /** The finding codes, in order. */
    public List<String> findingCodes() {
        return findings.stream().map(Finding::code).toList();
    }

    /** The status of a candidacy criterion, e.g. {@code criterionStatus("CAND-3")}. */
    public CriterionStatus criterionStatus(String id) {
        return criteria.stream().filter(c -> c.id().equals(id)).map(CriterionResult::status).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no candidacy criterion " + id));
    }
}
