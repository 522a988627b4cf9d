package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.spinecds.RuleInfo;

/**
 * Traceability between the clinical criteria catalogue (kept outside the repository, so its ids are
 * written out here), the loaded rule base and these tests.
 */
@DisplayName("Rule coverage of the criteria catalogue")
class RuleCoverageTest {

    /** Every criterion id of the catalogue. */
    static final List<String> CATALOGUE_IDS = Stream.of(
            ids("CAND", 7), ids("OPEN", 7), ids("RISK", 10), ids("PROC", 6), ids("SET", 2), ids("REC", 3),
            ids("URG", 1)).flatMap(List::stream).toList();

    /**
     * The codes of the rules that record a finding, by DRL file: each is exercised by the test class
     * of its file. A rule added without tests makes {@link #everyFindingRuleIsCoveredByATestClass} fail.
     */
    static final Map<String, Set<String>> FINDING_RULES_BY_FILE = Map.of(
            "red-flags.drl", Set.of("URG-BLADDER-BOWEL", "URG-SADDLE-ANAESTHESIA", "URG-PROGRESSIVE-WEAKNESS",
                    "URG-NOT-SCREENED"),
            "candidacy.drl", Set.of(
                    "CAND-1-CONDITION", "CAND-1-DEFORMITY-WITHIN-LIMITS", "CAND-1-DEFORMITY-BEYOND-LIMITS",
                    "CAND-1-NO-CONDITION", "CAND-1-DIAGNOSES-UNKNOWN", "CAND-1-DEFORMITY-UNKNOWN",
                    "CAND-2-SYMPTOMS", "CAND-2-NO-NERVE-SYMPTOMS", "CAND-2-NOT-PERSISTING", "CAND-2-UNKNOWN",
                    "CAND-3-WAIVED", "CAND-3-FAILED", "CAND-3-NOT-TRIED", "CAND-3-TOO-SHORT", "CAND-3-RELIEVED",
                    "CAND-3-RED-FLAGS-UNKNOWN",
                    "CAND-3-UNKNOWN",
                    "CAND-4-EVALUATED", "CAND-4-NO-IMAGING", "CAND-4-NO-EXAM", "CAND-4-UNKNOWN",
                    "CAND-5-PINPOINTED", "CAND-5-NOT-PINPOINTED", "CAND-5-UNKNOWN",
                    "CAND-6-ACCESSIBLE", "CAND-6-NOT-ACCESSIBLE", "CAND-6-UNKNOWN",
                    "CAND-7-HEALTHY", "CAND-7-NOT-MET", "CAND-7-UNKNOWN"),
            "open-surgery.drl", Set.of(
                    "OPEN-SVA", "OPEN-PELVIC-TILT", "OPEN-PI-LL", "OPEN-KYPHOSIS", "OPEN-RIGID-DEFORMITY",
                    "OPEN-COBB-WARNING", "OPEN-COMPLEX-ANATOMY", "OPEN-FUSION-MASS", "OPEN-SEVERE-CONDITION",
                    "OPEN-ASA", "OPEN-DIFFICULT-VISUALISATION", "OPEN-MULTILEVEL", "OPEN-TWO-LEVEL-WARNING",
                    "OPEN-NOT-ACCESSIBLE", "OPEN-NOT-PINPOINTED"),
            "patient-risk.drl", Set.of(
                    "RISK-SMOKER", "RISK-OBESITY", "RISK-OBESITY-SEVERE", "RISK-CLOTTING", "RISK-BLOOD-THINNERS",
                    "RISK-AGE", "RISK-AGE-ADVANCED", "RISK-COMORBIDITY", "RISK-ASA", "RISK-ANAESTHESIA",
                    "RISK-REVISION", "RISK-SURGEON-VOLUME", "RISK-SURGEON-VOLUME-UNKNOWN", "RISK-EXPECTATIONS"),
            "procedure-risk.drl", Set.of(
                    "PROC-GENERAL", "PROC-SPINE", "PROC-CERVICAL", "PROC-THORACIC", "PROC-LUMBAR",
                    "PROC-LUMBAR-RECURRENCE", "PROC-COMPLEX"),
            "setting-recovery.drl", Set.of(
                    "SET-SAME-DAY", "SET-HOSPITAL-STAY", "SET-UNDETERMINED",
                    "REC-RECOVERY-TIME", "REC-AFTERCARE", "REC-WARNING-SIGNS"));

    private static List<String> ids(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + "-" + i).toList();
    }

    private static final List<RuleInfo> RULES = Engine.ENGINE.rules();

    /** Every rule code of the loaded rule base with its criterion, category and file, one per line. */
    private static String ruleListing() {
        return RULES.stream().map(r -> String.format("%n  %-32s %-14s %-15s %s", r.code(), r.criterion(),
                r.category() == null ? "derivation" : r.category(), r.rule().file())).collect(Collectors.joining());
    }

    @Test
    void theRuleBaseHasRules() {
        // when
        List<String> codes = RULES.stream().map(RuleInfo::code).toList();

        // then every rule has a code of its own
        assertThat(codes).isNotEmpty().doesNotHaveDuplicates().doesNotContainNull();
    }

    @Test
    void everyCatalogueCriterionIsCitedBySomeRule() {
        // given
        Set<String> cited = RULES.stream().map(RuleInfo::criterion).collect(Collectors.toSet());

        // then
        assertThat(CATALOGUE_IDS).hasSize(36);
        assertThat(cited).as("criteria cited by the rules %s", ruleListing()).containsAll(CATALOGUE_IDS);
    }

    @Test
    void everyCatalogueCriterionHasARuleThatRecordsAFinding() {
        // given
        Set<String> citedByFindingRules = RULES.stream().filter(r -> r.category() != null)
                .map(RuleInfo::criterion).collect(Collectors.toSet());

        // then
        assertThat(citedByFindingRules).containsAll(CATALOGUE_IDS);
    }

    @Test
    void everyRuleCitesACatalogueCriterionOrAVerdictStep() {
        // then
        assertThat(RULES).allSatisfy(r -> assertThat(r.criterion())
                .as("criterion of %s", r.code())
                .satisfiesAnyOf(
                        c -> assertThat(CATALOGUE_IDS).contains(c),
                        c -> assertThat(c).startsWith("VERDICT-")));
    }

    @Test
    void everyFindingRuleHasASeverityAndEveryDerivationRuleHasNone() {
        // then
        assertThat(RULES).allSatisfy(r -> {
            if (r.category() == null) {
                assertThat(r.severity()).as("severity of derivation rule %s", r.code()).isNull();
            } else {
                assertThat(r.severity()).as("severity of %s", r.code()).isNotNull();
                assertThat(r.sources()).as("sources of %s", r.code()).isNotEmpty();
            }
        });
    }

    @Test
    void everyFindingRuleIsCoveredByATestClass() {
        // given the finding rules of the loaded rule base, by file
        Map<String, Set<String>> loaded = RULES.stream().filter(r -> r.category() != null)
                .collect(Collectors.groupingBy(r -> r.rule().file(), TreeMap::new,
                        Collectors.mapping(RuleInfo::code, Collectors.toCollection(TreeSet::new))));

        // then they are exactly the rules these tests cover
        assertThat(loaded).as("finding rules by DRL file").isEqualTo(new TreeMap<>(FINDING_RULES_BY_FILE.entrySet()
                .stream().collect(Collectors.toMap(Map.Entry::getKey, e -> new TreeSet<>(e.getValue())))));
    }
}
