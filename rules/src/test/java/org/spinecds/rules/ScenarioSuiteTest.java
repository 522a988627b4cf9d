package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.spinecds.Verdict;
import org.spinecds.scenario.Scenario;
import org.spinecds.scenario.Scenarios;

/** Runs every scenario under rules/src/test/scenarios, one test each, and checks what the set covers. */
class ScenarioSuiteTest {

    static final Path SCENARIOS = Path.of("src", "test", "scenarios");

    @TestFactory
    Stream<DynamicTest> everyScenarioPasses() throws Exception {
        return Scenarios.files(SCENARIOS).stream().map(file -> DynamicTest.dynamicTest(
                SCENARIOS.relativize(file).toString(), () -> {
                    Scenarios.Result r = Scenarios.run(Engine.ENGINE, file.toString(), Files.readAllBytes(file));
                    assertThat(r.differences()).as(r.name()).isEmpty();
                }));
    }

    @Test
    void theScenariosCoverEveryVerdictAndCriterion() throws Exception {
        List<Path> files = Scenarios.files(SCENARIOS);
        assertThat(files).hasSizeGreaterThanOrEqualTo(40);
        Set<Verdict> verdicts = EnumSet.noneOf(Verdict.class);
        Set<String> cited = new TreeSet<>();
        for (Path f : files) {
            Scenario s = Scenarios.parse(f.toString(), Files.readAllBytes(f));
            verdicts.add(s.verdict());
            s.findings().forEach(cited::add);
            cited.addAll(s.criteria().keySet());
            s.findings().forEach(code -> Engine.ENGINE.rules().stream().filter(r -> r.code().equals(code))
                    .forEach(r -> cited.add(r.criterion())));
        }
        assertThat(verdicts).containsExactlyInAnyOrder(Verdict.values());
        assertThat(cited).containsAll(RuleCoverageTest.CATALOGUE_IDS);
    }

    @Test
    void everyRuleFiresInSomeScenario() throws Exception {
        Scenarios.Report report = Scenarios.run(Engine.ENGINE, SCENARIOS);

        assertThat(report.unfiredRules()).as("rules no scenario makes fire").isEmpty();
    }
}
