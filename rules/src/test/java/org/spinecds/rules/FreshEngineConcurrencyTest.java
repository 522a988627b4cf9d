package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecds.Assessment;
import org.spinecds.Finding;
import org.spinecds.SpineCds;
import org.spinecds.patient.Patient;

/**
 * An engine shared by several threads from its very first assessment, when every rule fires for the
 * first time (and Drools generates its compiled consequences), gives the same results as a sequential
 * run: also with a site rule set that replaces and disables default rules. The number of fresh
 * engines tried per rule configuration is small by default; raise it with
 * {@code -Dspinecds.fresh.engines=6}.
 */
@Tag("slow")
class FreshEngineConcurrencyTest {

    private static final int THREADS = 4;
    private static final int ENGINES = Integer.getInteger("spinecds.fresh.engines", 2);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static final String SITE_RULE = """
            package org.spinecds.site;

            import org.spinecds.patient.*;
            import function org.spinecds.rule.RuleKit.finding;
            import function org.spinecds.rule.RuleKit.input;

            rule "Current smoker (site wording)"
                @code("RISK-SMOKER") @replaces("RISK-SMOKER") @criterion("RISK-1") @source("S001")
                @category("patient-risk") @severity("warning")
            when
                Patient( smokingStatus == SmokingStatus.CURRENT )
            then
                insertLogical( finding(drools)
                    .summary("Current smoker: stop six weeks before surgery")
                    .detail("The patient currently smokes (smokingStatus = CURRENT).")
                    .evidence(input(Input.SMOKING_STATUS, SmokingStatus.CURRENT))
                    .action("Stop smoking six weeks before surgery") );
            end
            """;

    @TempDir
    Path site;

    @Test
    void defaultRules() throws Exception {
        SpineCds reference = SpineCds.builder().defaultRules().clock(CLOCK).build();
        assertConcurrentFirstUseMatchesSequential(reference, Math.max(1, ENGINES - 1),
                () -> SpineCds.builder().defaultRules().clock(CLOCK).build());
    }

    @Test
    void siteRulesThatReplaceAndDisableDefaultRules() throws Exception {
        Files.writeString(site.resolve("site.drl"), SITE_RULE);
        Files.writeString(site.resolve("ruleset.json"),
                "{\"name\": \"site\", \"version\": \"1\", \"disable\": [\"RISK-SURGEON-VOLUME-UNKNOWN\"]}");
        SpineCds reference = SpineCds.builder().defaultRules().rules(site).clock(CLOCK).build();
        assertThat(reference.knowledgeBase().replaced()).hasSize(1);
        assertThat(reference.knowledgeBase().disabled()).containsExactly("RISK-SURGEON-VOLUME-UNKNOWN");

        // Removing rules from a built knowledge base made about half of such engines fail with a LinkageError
        assertConcurrentFirstUseMatchesSequential(reference, ENGINES,
                () -> SpineCds.builder().defaultRules().rules(site).clock(CLOCK).build());
    }

    private interface EngineFactory {
        SpineCds build() throws IOException;
    }

    private static void assertConcurrentFirstUseMatchesSequential(SpineCds reference, int engines,
                                                                  EngineFactory factory) throws Exception {
        List<Patient> patients = new ArrayList<>(Patients.varied(20261121L, 150, 0.05));
        patients.addAll(RandomPatients.generate(20261122L, 50));
        List<List<String>> expected = patients.stream().map(p -> codes(reference.assess(p))).toList();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int e = 0; e < engines; e++) {
                SpineCds fresh = factory.build();
                List<Future<List<List<String>>>> runs = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    runs.add(pool.submit(() -> patients.stream().map(p -> codes(fresh.assess(p))).toList()));
                }
                for (Future<List<List<String>>> run : runs) {
                    assertThat(run.get()).isEqualTo(expected);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> codes(Assessment a) {
        List<String> codes = new ArrayList<>();
        codes.add(a.verdict().name());
        a.findings().stream().map(Finding::code).forEach(codes::add);
        return codes;
    }
}
