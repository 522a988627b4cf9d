package org.spinecds;

/**
 * The rule that produced a finding.
 *
 * @param name the rule's name in its DRL file
 * @param file the DRL file, relative to its rule set
 */
public record RuleRef(String name, String file) {
}
