package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spinecds.SpineCds;
import org.spinecds.json.AssessmentJson;
import org.spinecds.patient.Patient;

/**
 * The same patient and rule base give the same JSON, byte for byte, apart from the assessment time:
 * on repeated calls, on another engine, and on several threads at once.
 */
class DeterminismTest {

    private static final String ASSESSED_AT = "\"assessedAt\" : \"[^\"]+\"";
    private static final int THREADS = 4;

    private static List<Patient> patients;
    private static List<String> reference;

    private static String json(SpineCds engine, Patient p) {
        return AssessmentJson.write(engine.assess(p)).replaceAll(ASSESSED_AT, "\"assessedAt\" : \"\"");
    }

    @BeforeAll
    static void referenceRun() {
        patients = new ArrayList<>(Patients.varied(42L, 300, 0.05));
        patients.addAll(Patients.varied(43L, 100, 0.15));
        patients.addAll(RandomPatients.generate(44L, 100));
        reference = patients.stream().map(p -> json(Engine.ENGINE, p)).toList();
    }

    @Test
    void theAssessmentTimeIsTheOnlyPartThatIsRemoved() {
        String json = AssessmentJson.write(Engine.assess(Patients.candidate()));
        assertThat(json).containsPattern(ASSESSED_AT);
        assertThat(json.replaceAll(ASSESSED_AT, "")).doesNotContain("assessedAt");
    }

    @Test
    void sameInputSameBytesAcrossCallsAndEngines() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);
        SpineCds other = SpineCds.builder().defaultRules().clock(clock).build();

        for (int i = 0; i < patients.size(); i++) {
            Patient p = patients.get(i);
            assertThat(json(Engine.ENGINE, p)).as("patient %d assessed again", i).isEqualTo(reference.get(i));
            assertThat(json(other, p)).as("patient %d on another engine", i).isEqualTo(reference.get(i));
        }
    }

    @Test
    void sameInputSameBytesOnSeveralThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t * 97;
                runs.add(pool.submit(() -> {
                    List<String> out = new ArrayList<>(patients.size());
                    for (int i = 0; i < patients.size(); i++) {
                        out.add(null);
                    }
                    // each thread walks the patients from a different place
                    for (int i = 0; i < patients.size(); i++) {
                        int k = (offset + i) % patients.size();
                        out.set(k, json(Engine.ENGINE, patients.get(k)));
                    }
                    return out;
                }));
            }
            for (Future<List<String>> run : runs) {
                assertThat(run.get()).containsExactlyElementsOf(reference);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
