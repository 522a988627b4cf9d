package org.spinecds.testkit;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.spinecds.CriterionStatus;
import org.spinecds.Verdict;
import org.spinecds.patient.Patient;

/**
 * A test case written as data: a patient and the outcome expected for it. The file format is
 * described by {@code schema/scenario.schema.json}.
 *
 * @param file where the scenario was read from
 * @param name what the case shows
 * @param description why it matters (may be empty)
 * @param patient the patient
 * @param verdict the expected verdict
 * @param findings entries that must each match a finding, by code or by criterion id
 * @param absent entries that must match no finding
 * @param criteria candidacy criteria and the status each must have
 * @param missingInputs inputs that must be among the missing inputs
 * @param possibleVerdicts the possible verdicts expected, in order, or {@code null} not to check them;
 *     a file that gives none for a definitive verdict expects that verdict alone, as the assessment
 *     promises
 */
public record Scenario(String file, String name, String description, Patient patient, Verdict verdict,
                       List<String> findings, List<String> absent, Map<String, CriterionStatus> criteria,
                       List<String> missingInputs, List<Verdict> possibleVerdicts) {
    public Scenario {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(verdict, "verdict");
        findings = List.copyOf(findings);
        absent = List.copyOf(absent);
        criteria = Map.copyOf(criteria);
        missingInputs = List.copyOf(missingInputs);
        possibleVerdicts = possibleVerdicts == null ? null : List.copyOf(possibleVerdicts);
    }

    /** Names the file, the scenario and the expected verdict: never the patient. */
    @Override
    public String toString() {
        return "Scenario[" + file + ": " + name + ", expects " + verdict + "]";
    }
}
