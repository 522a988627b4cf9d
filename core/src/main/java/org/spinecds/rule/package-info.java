/**
 * The vocabulary of DRL rules: the facts rules match and insert
 * ({@link org.spinecds.rule.FindingFact}, {@link org.spinecds.rule.Threshold},
 * {@link org.spinecds.rule.VerdictProposal}, {@link org.spinecds.rule.Decision}) and the functions
 * their consequences call ({@link org.spinecds.rule.RuleKit}). Rule authors use these; Java hosts do
 * not need them.
 */
package org.spinecds.rule;
