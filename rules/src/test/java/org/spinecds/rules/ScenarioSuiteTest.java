package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.spinecds.Assessment;
import org.spinecds.RuleInfo;
import org.spinecds.Verdict;
import org.spinecds.testkit.Scenario;
import org.spinecds.testkit.Scenarios;

/** Runs every scenario under rules/src/test/scenarios, one test each, and checks what the set covers. */
class ScenarioSuiteTest {

    static final Path SCENARIOS = Path.of("src", "test", "scenarios");

    /** A criterion id of the catalogue (or of the verdict walk) as a whole word. */
    private static final Pattern CRITERION_ID = Pattern.compile("\\b(" + Stream.concat(
            RuleCoverageTest.CATALOGUE_IDS.stream(), RuleCoverageTest.VERDICT_WALK_IDS.stream())
            .map(Pattern::quote).collect(Collectors.joining("|")) + ")\\b");

    private static List<Scenario> scenarios() throws Exception {
        List<Scenario> out = new ArrayList<>();
        for (Path f : Scenarios.files(SCENARIOS)) {
            out.add(Scenarios.parse(SCENARIOS.relativize(f).toString(), Files.readAllBytes(f)));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioPasses() throws Exception {
        return Scenarios.files(SCENARIOS).stream().map(file -> DynamicTest.dynamicTest(
                SCENARIOS.relativize(file).toString(), () -> {
                    // when
                    Scenarios.Result r = Scenarios.run(Engine.ENGINE, file.toString(), Files.readAllBytes(file));

                    // then
                    assertThat(r.differences()).as(r.name()).isEmpty();
                }));
    }

    @TestFactory
    Stream<DynamicTest> aDefinitiveVerdictLeavesNothingToSettle() throws Exception {
        return scenarios().stream().filter(s -> s.verdict().isRanked()).map(s -> DynamicTest.dynamicTest(
                s.file(), () -> {
                    // when
                    Assessment a = Engine.ENGINE.assess(s.patient());

                    // then whatever the unknown inputs are, the verdict stands: none of them is to collect
                    assertThat(a.verdict()).as(s.name()).isEqualTo(s.verdict());
                    assertThat(a.missingInputs()).as("missing inputs of %s", s.name()).isEmpty();
                    assertThat(a.toSettle()).as("inputs to settle of %s", s.name()).isEmpty();
                }));
    }

    @Test
    void theScenariosCoverEveryVerdictAndCriterion() throws Exception {
        // given
        List<Scenario> scenarios = scenarios();
        Set<Verdict> verdicts = EnumSet.noneOf(Verdict.class);
        Set<String> cited = new TreeSet<>();
        for (Scenario s : scenarios) {
            verdicts.add(s.verdict());
            s.findings().forEach(cited::add);
            cited.addAll(s.criteria().keySet());
            s.findings().forEach(code -> Engine.ENGINE.rules().stream().filter(r -> r.code().equals(code))
                    .forEach(r -> cited.add(r.criterion())));
        }

        // then
        assertThat(scenarios).hasSizeGreaterThanOrEqualTo(150);
        assertThat(verdicts).containsExactlyInAnyOrder(Verdict.values());
        assertThat(cited).containsAll(RuleCoverageTest.CATALOGUE_IDS);
    }

    @Test
    void everyScenarioSaysWhatItShowsAndCitesItsCriterion() throws Exception {
        // when
        List<String> uncited = scenarios().stream().filter(s -> s.name().isBlank() || s.description().isBlank()
                || !CRITERION_ID.matcher(s.name() + " " + s.description()).find()).map(Scenario::file).toList();

        // then
        assertThat(uncited).as("scenarios without a name and a description citing a criterion id").isEmpty();
    }

    @Test
    void everyScenarioChecksThePossibleVerdicts() throws Exception {
        // when
        List<String> unchecked = scenarios().stream().filter(s -> s.possibleVerdicts() == null
                || (s.verdict().isRanked() ? !s.possibleVerdicts().equals(List.of(s.verdict()))
                        : s.possibleVerdicts().size() < 2 || s.missingInputs().isEmpty()))
                .map(Scenario::file).toList();

        // then a definitive verdict expects itself alone, INSUFFICIENT_INFORMATION the verdicts still
        // possible and at least one input to collect
        assertThat(unchecked).as("scenarios that do not check the possible verdicts").isEmpty();
    }

    @Test
    void everyRuleOfTheDefaultRuleBaseFiresInSomeScenario() throws Exception {
        // given every rule of the rule base in force
        List<RuleInfo> rules = Engine.ENGINE.rules();
        assertThat(rules).hasSize(Engine.ENGINE.knowledgeBase().ruleCount());

        // when every scenario runs
        Set<String> fired = new TreeSet<>();
        for (Path file : Scenarios.files(SCENARIOS)) {
            fired.addAll(Scenarios.run(Engine.ENGINE, file.toString(), Files.readAllBytes(file)).firedRules());
        }

        // then each rule fired in at least one of them
        List<String> neverFired = rules.stream().filter(r -> !fired.contains(r.code()))
                .map(r -> r.code() + " (rule \"" + r.rule().name() + "\", " + r.rule().file() + ")").toList();
        assertThat(neverFired).as("rules of the default rule base that no scenario makes fire").isEmpty();
    }
}
