package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.spinecds.json.PatientJson;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;
import org.spinecds.testkit.Scenarios;

/**
 * The one safety property of the criteria catalogue (see {@link Soundness}): forgetting an input and
 * filling it with every value never contradicts a definitive verdict, a same-day claim or a risk
 * factor given while it was unknown. Checked on generated patients (one random input forgotten each)
 * and, exhaustively, on every example and scenario patient with each input forgotten in turn.
 */
class SoundnessTest {

    private static final Soundness SOUNDNESS = new Soundness(Engine.ENGINE);

    @Provide
    Arbitrary<Patient> patients() {
        return Arbitraries.randoms().map(RandomPatients::one);
    }

    @net.jqwik.api.Tag("slow")
    @Property(tries = 10_000)
    void forgettingAnInputOfAGeneratedPatientNeverContradictsTheVerdict(@ForAll("patients") Patient patient,
            @ForAll @IntRange(min = 0, max = 10_000) int pick) {
        List<Input> known = new ArrayList<>(patient.knownInputs().keySet());
        List<String> violations = new ArrayList<>();
        if (!known.isEmpty()) {
            violations.addAll(SOUNDNESS.check(patient, known.get(pick % known.size())));
        }
        if (Engine.assess(patient).findingCodes().contains("SET-SAME-DAY")) {
            violations.addAll(SOUNDNESS.checkEveryUnknownInput(patient));
        }
        assertThat(violations).isEmpty();
    }

    @Provide
    Arbitrary<Patient> partialPatients() {
        return Arbitraries.randoms().map(RandomPatients::partial);
    }

    /**
     * A patient with lists known member by member: every completion of one of them (its unknown
     * members filled present or absent, bounded for many) and forgetting one member of another never
     * contradicts the verdict, a criterion's status, a same-day claim or a risk factor.
     */
    @net.jqwik.api.Tag("slow")
    @Property(tries = 600)
    void completingAListKnownMemberByMemberNeverContradictsTheVerdict(@ForAll("partialPatients") Patient patient,
            @ForAll @IntRange(min = 0, max = 10_000) int pick) {
        List<Input> partial = new ArrayList<>(patient.partialInputs().keySet());
        List<Input> sets = java.util.Arrays.stream(Input.values()).filter(i -> i.type() == Input.Type.ENUM_SET).toList();
        List<String> violations = new ArrayList<>(SOUNDNESS.checkCompletions(patient, partial.get(pick % partial.size())));
        violations.addAll(SOUNDNESS.checkEachMember(patient, sets.get(pick % sets.size())));

        assertThat(violations).isEmpty();
    }

    @Tag("slow")
    @Test
    void forgettingAnyInputOfAnExampleOrScenarioPatientNeverContradictsTheVerdict() throws IOException {
        List<Patient> patients = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("../examples/patients"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                patients.add(PatientJson.read(f));
            }
        }
        try (Stream<Path> files = Files.walk(Path.of("src/test/scenarios"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                patients.add(Scenarios.parse(f.toString(), Files.readAllBytes(f)).patient());
            }
        }
        assertThat(patients).hasSizeGreaterThan(50);

        List<String> violations = patients.parallelStream()
                .flatMap(p -> Stream.concat(SOUNDNESS.checkEveryInput(p).stream(),
                        definitive(p) ? SOUNDNESS.checkEveryUnknownInput(p).stream() : Stream.empty()))
                .toList();

        assertThat(violations).isEmpty();
    }

    /** A definitive verdict or a same-day claim must survive every value of every unknown input. */
    private static boolean definitive(Patient p) {
        org.spinecds.Assessment a = Engine.assess(p);
        return a.verdict() != org.spinecds.Verdict.INSUFFICIENT_INFORMATION || a.findingCodes().contains("SET-SAME-DAY");
    }

    @Test
    void theGeneratedPatientsReachEveryVerdict() {
        Random random = new Random(11);
        java.util.EnumSet<org.spinecds.Verdict> seen = java.util.EnumSet.noneOf(org.spinecds.Verdict.class);
        for (int i = 0; i < 3_000 && seen.size() < org.spinecds.Verdict.values().length; i++) {
            seen.add(Engine.assess(RandomPatients.one(random)).verdict());
        }
        assertThat(seen).containsExactlyInAnyOrder(org.spinecds.Verdict.values());
    }
}
