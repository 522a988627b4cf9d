/**
 * The vocabulary of DRL rules: the facts rules match and insert and the functions their consequences
 * call ({@link org.spinecds.rule.RuleKit}). Findings ({@link org.spinecds.rule.FindingFact}) are what
 * a clinician reads; {@link org.spinecds.rule.CriterionCheck} records that a criterion is ruled out
 * or unsettled; {@link org.spinecds.rule.Rank} is one rank of the verdict walk (holds, excluded or
 * undetermined); {@link org.spinecds.rule.Decision} and {@link org.spinecds.rule.PossibleVerdict} let
 * the setting, recovery and procedure rules follow the walk; {@link org.spinecds.rule.PictureGap}
 * names unknown inputs that complete the risk, setting or recovery picture;
 * {@link org.spinecds.rule.Threshold} is a named threshold, and {@link org.spinecds.rule.Thresholds}
 * all of them, the one value rules read through the global {@code thresholds}. Rule authors use these; Java hosts do
 * not need them.
 */
package org.spinecds.rule;
