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
 * @param overridden the verdicts that would otherwise have applied, and why they yielded
 * @param criteria CAND-1 to CAND-7, each MET, NOT_MET or UNKNOWN
 * @param findings every finding, ordered by category, criterion and code
 * @param missingInputs every input whose absence left a criterion UNKNOWN (JSON names)
 * @param knowledgeBase the rule base that served the assessment
 * @param assessedAt when the assessment was made
 * @param patientId the host's identifier of the patient, or {@code null}; for the host's audit only
 */
public record Assessment(Verdict verdict, List<Finding> decidedBy, List<OverriddenVerdict> overridden,
                         List<CriterionResult> criteria, List<Finding> findings, List<String> missingInputs,
                         KnowledgeBaseInfo knowledgeBase, Instant assessedAt, String patientId) {

    public Assessment {
        Objects.requireNonNull(verdict, "verdict");
        decidedBy = List.copyOf(decidedBy);
        overridden = List.copyOf(overridden);
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
