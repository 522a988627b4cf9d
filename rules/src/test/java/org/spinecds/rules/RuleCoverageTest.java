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

    /** Every criterion id of the catalogue, version 2. */
    static final List<String> CATALOGUE_IDS = Stream.of(
            List.of("URG-1", "URG-2", "URG-S"), ids("SCOPE", 3), ids("CAND", 8), ids("OPEN", 8), ids("RISK", 11),
            ids("PROC", 6), List.of("SET-1", "SET-2", "SET-U"), ids("REC", 3)).flatMap(List::stream).toList();

    /**
     * Criterion ids the rule base cites beyond the catalogue's rows: SCOPE-U, the finding that the scope
     * cannot be judged yet, is the catalogue's rank 2 "undetermined" state of the verdict walk ("for rank
     * 2 an unknown age or diagnosis list"), which has no row of its own as URG-S has for rank 1.
     */
    static final List<String> VERDICT_WALK_IDS = List.of("SCOPE-U");

    /**
     * The codes of the rules that record a finding, by DRL file: each is exercised by the test class
     * of its file. A rule added without tests makes {@link #everyFindingRuleIsCoveredByATestClass} fail.
     */
    static final Map<String, Set<String>> FINDING_RULES_BY_FILE = Map.of(
            "red-flags.drl", Set.of("URG-FLAGS-NOT-SUSPECTED", "URG-BLADDER-BOWEL", "URG-SADDLE-ANAESTHESIA", "URG-PROGRESSIVE-WEAKNESS",
                    "URG-SERIOUS-PATHOLOGY", "URG-SCREEN-INCOMPLETE"),
            "scope.drl", Set.of("SCOPE-CHILD", "SCOPE-NO-CONDITION", "SCOPE-ASA", "SCOPE-UNKNOWN"),
            "candidacy.drl", Set.of(
                    "CAND-1-CONDITION", "CAND-1-OTHER-DIAGNOSIS", "CAND-1-NO-CONDITION", "CAND-1-CAUSE-UNKNOWN",
                    "CAND-1-DIAGNOSES-UNKNOWN",
                    "CAND-2-SYMPTOMS", "CAND-2-NO-QUALIFYING-SYMPTOMS", "CAND-2-NOT-PERSISTING", "CAND-2-UNKNOWN",
                    "CAND-3-WAIVED-RED-FLAG", "CAND-3-WAIVED-MYELOPATHY", "CAND-3-WAIVED-MOTOR-DEFICIT",
                    "CAND-3-FAILED", "CAND-3-NOT-TRIED", "CAND-3-TOO-SHORT", "CAND-3-RELIEVED", "CAND-3-UNKNOWN",
                    "CAND-4-EVALUATED", "CAND-4-NO-IMAGING", "CAND-4-NO-EXAM", "CAND-4-UNKNOWN",
                    "CAND-5-PINPOINTED", "CAND-5-NOT-PINPOINTED", "CAND-5-NO-IMAGING", "CAND-5-UNKNOWN",
                    "CAND-6-ACCESSIBLE", "CAND-6-NOT-ACCESSIBLE", "CAND-6-UNKNOWN",
                    "CAND-7-MET", "CAND-7-NOT-MET", "CAND-7-UNKNOWN",
                    "CAND-8-MET", "CAND-8-NOT-MET", "CAND-8-UNKNOWN"),
            "open-surgery.drl", Set.of(
                    "OPEN-SVA", "OPEN-PELVIC-TILT", "OPEN-PI-LL", "OPEN-KYPHOSIS", "OPEN-RIGID-DEFORMITY",
                    "OPEN-CLASS-II-WARNING", "OPEN-COMPLEX-ANATOMY", "OPEN-FUSION-MASS", "OPEN-SEVERE-CONDITION",
                    "OPEN-DIFFICULT-VISUALISATION", "OPEN-MULTILEVEL", "OPEN-SEVERAL-LEVELS-WARNING",
                    "OPEN-NOT-ACCESSIBLE", "OPEN-NOT-PINPOINTED", "OPEN-HIGH-GRADE-SLIP"),
            "patient-risk.drl", Set.of(
                    "RISK-SMOKER", "RISK-OBESITY", "RISK-OBESITY-SEVERE", "RISK-CLOTTING", "RISK-BLOOD-THINNERS",
                    "RISK-AGE", "RISK-AGE-ADVANCED", "RISK-COMORBIDITY", "RISK-ASA", "RISK-ASA-CRITICAL",
                    "RISK-ANAESTHESIA", "RISK-REVISION", "RISK-SURGEON-VOLUME", "RISK-SURGEON-VOLUME-UNKNOWN",
                    "RISK-EXPECTATIONS", "RISK-BONE-HEALTH"),
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
        assertThat(CATALOGUE_IDS).hasSize(45).doesNotHaveDuplicates();
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
                        c -> assertThat(VERDICT_WALK_IDS).contains(c),
                        c -> assertThat(c).startsWith("VERDICT-")));
    }

    @Test
    void everyVerdictWalkIdIsCitedBySomeFindingRule() {
        // given
        Set<String> citedByFindingRules = RULES.stream().filter(r -> r.category() != null)
                .map(RuleInfo::criterion).collect(Collectors.toSet());

        // then an id allowed beyond the catalogue is one the rule base still uses
        assertThat(citedByFindingRules).containsAll(VERDICT_WALK_IDS);
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
