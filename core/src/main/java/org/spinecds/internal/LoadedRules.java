package org.spinecds.internal;

import java.util.List;
import java.util.Map;

import org.kie.api.KieBase;
import org.spinecds.KnowledgeBaseInfo;
import org.spinecds.RuleInfo;
import org.spinecds.rule.Catalogue;
import org.spinecds.rule.Threshold;

/**
 * A compiled and checked rule base: the shared KieBase, the catalogues, every rule's metadata and
 * the thresholds (which the rules read through the global {@code thresholds}, see
 * {@link org.spinecds.rule.Thresholds}). Immutable after loading.
 *
 * @param kieBase the compiled rules, shared by all sessions
 * @param catalogues sources, criteria and thresholds
 * @param rulesByKey rule info by {@link #key(String, String)}
 * @param rules every rule, ordered by code
 * @param thresholds the thresholds, in catalogue order
 * @param info name, version, hash and size
 * @param catalogue the clinical classification the rules read through the global {@code catalogue}, or
 *     {@code null} when no rule set holds one (then no rule reads it)
 */
public record LoadedRules(KieBase kieBase, Catalogues catalogues, Map<String, RuleInfo> rulesByKey,
                          List<RuleInfo> rules, List<Threshold> thresholds, KnowledgeBaseInfo info,
                          Catalogue catalogue) {

    /** The same rule base, numbered as the given generation of its engine. */
    public LoadedRules withGeneration(long generation) {
        return new LoadedRules(kieBase, catalogues, rulesByKey, rules, thresholds, info.withGeneration(generation),
                catalogue);
    }

    /** The key of a rule: its package and name. */
    public static String key(String packageName, String ruleName) {
        return packageName + '/' + ruleName;
    }
}
