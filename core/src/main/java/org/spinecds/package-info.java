/**
 * SpineCDS: clinical decision support for minimally invasive spine surgery.
 *
 * <p>The door in is {@link org.spinecds.SpineCds}: build an engine once
 * ({@code SpineCds.withDefaultRules()} or {@code SpineCds.builder()}), then call
 * {@link org.spinecds.SpineCds#assess} from any thread. The result is an immutable
 * {@link org.spinecds.Assessment}: a {@link org.spinecds.Verdict}, the findings that decided it and
 * the verdicts it overrode, the candidacy checklist ({@link org.spinecds.CriterionResult}), every
 * {@link org.spinecds.Finding} with typed {@link org.spinecds.Evidence} and resolved
 * {@link org.spinecds.Source}s, the inputs to collect, and the {@link org.spinecds.KnowledgeBaseInfo}
 * of the rules that served it.
 *
 * <p>Errors: {@link org.spinecds.InvalidPatientException} for bad input (naming the field),
 * {@link org.spinecds.RuleLoadException} for rules that do not load (file, line, column, rule), and
 * {@link org.spinecds.AssessmentException} when the rules fail on a patient.
 *
 * <p>The patient model is in {@link org.spinecds.patient}, the JSON formats in
 * {@link org.spinecds.json}, and the vocabulary of DRL rules in {@link org.spinecds.rule}.
 * {@code org.spinecds.internal} is the implementation: hosts must not depend on it.
 */
package org.spinecds;
