package org.spinecds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecds.patient.Patient;

/** Reloading rules into a running engine: atomic, and a broken rule set leaves the old one serving. */
class ReloadTest {

    @TempDir
    Path dir;

    private void setAge(int age) {
        Path drl = dir.resolve("fixture.drl");
        Fixture.write(drl, Fixture.read(drl).replaceAll("age >= \\$t.value|age >= \\d+", "age >= " + age));
    }

    @Test
    void aReloadServesTheNewRulesWithTheNextGeneration() {
        Fixture.copyTo(dir);
        SpineCds engine = SpineCds.builder().rules(dir).build();
        Patient p = Patient.builder().age(55).build();
        assertThat(engine.assess(p).findingCodes()).isEmpty();

        setAge(50);
        KnowledgeBaseInfo info = engine.reload();

        assertThat(info.generation()).isEqualTo(2);
        Assessment a = engine.assess(p);
        assertThat(a.findingCodes()).containsExactly("FIX-OLD");
        assertThat(a.knowledgeBase().generation()).isEqualTo(2);
    }

    @Test
    void aBrokenSiteRuleLeavesThePreviousRuleBaseServing() {
        Fixture.copyTo(dir);
        SpineCds engine = SpineCds.builder().rules(dir).build();
        KnowledgeBaseInfo before = engine.knowledgeBase();
        Fixture.write(dir.resolve("broken.drl"), "package org.spinecds.fixture;\nrule \"Broken\"\nwhen\n  Patient( age > ))\nthen\nend\n");

        assertThatThrownBy(engine::reload).isInstanceOf(RuleLoadException.class).hasMessageContaining("broken.drl:4");

        assertThat(engine.knowledgeBase()).isEqualTo(before);
        Assessment a = engine.assess(Patient.builder().age(70).build());
        assertThat(a.findingCodes()).containsExactly("FIX-OLD");
        assertThat(a.knowledgeBase().generation()).isEqualTo(1);
    }

    @Tag("slow")
    @Test
    void reloadsUnderConcurrentLoadNeverFailMixOrLoseAnAssessment() throws Exception {
        Fixture.copyTo(dir);
        SpineCds engine = SpineCds.builder().rules(dir).build();
        Patient p = Patient.builder().age(55).build();
        // what each generation must answer for this patient: age 55 fires only with a limit of 50
        Map<Long, Boolean> firesInGeneration = new ConcurrentHashMap<>(Map.of(1L, false));
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            workers.add(pool.submit(() -> {
                int done = 0;
                while (!stop.get() || done < 100) {
                    Assessment a = engine.assess(p);
                    long generation = a.knowledgeBase().generation();
                    Boolean fires = firesInGeneration.get(generation);
                    if (fires != null && fires != a.findingCodes().contains("FIX-OLD")) {
                        throw new AssertionError("generation " + generation + " mixed rule bases: " + a.findingCodes());
                    }
                    done++;
                }
                return done;
            }));
        }
        try {
            for (int i = 0; i < 12; i++) {
                boolean broken = i % 4 == 3;
                if (broken) {
                    Fixture.write(dir.resolve("broken.drl"), "package x;\nrule \"B\" when then");
                    assertThatThrownBy(engine::reload).isInstanceOf(RuleLoadException.class);
                    java.nio.file.Files.delete(dir.resolve("broken.drl"));
                    continue;
                }
                int limit = i % 2 == 0 ? 50 : 60;
                setAge(limit);
                long expected = engine.knowledgeBase().generation() + 1;
                firesInGeneration.put(expected, limit == 50);
                assertThat(engine.reload().generation()).isEqualTo(expected);
            }
        } finally {
            stop.set(true);
        }
        int total = 0;
        for (Future<Integer> w : workers) {
            total += w.get();
        }
        pool.shutdown();
        assertThat(total).isGreaterThanOrEqualTo(200);
        assertThat(engine.knowledgeBase().generation()).isEqualTo(10);
    }
}
