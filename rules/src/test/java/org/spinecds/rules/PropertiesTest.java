package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import org.spinecds.Assessment;
import org.spinecds.CriterionResult;
import org.spinecds.CriterionStatus;
import org.spinecds.Finding;
import org.spinecds.InvalidPatientException;
import org.spinecds.MissingInput;
import org.spinecds.Verdict;
import org.spinecds.json.AssessmentJson;
import org.spinecds.json.PatientJson;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;

/** Properties over generated patients and generated JSON documents (jqwik reports the seed of a failure). */
class PropertiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Patients near the fixture candidates, and wilder ones. */
    @Provide
    Arbitrary<Patient> patients() {
        return Arbitraries.oneOf(
                Arbitraries.randoms().map(r -> Patients.varied(r, 0.05)),
                Arbitraries.randoms().map(r -> Patients.varied(r, 0.15)),
                Arbitraries.randoms().map(RandomPatients::one));
    }

    @Provide
    Arbitrary<Input> inputs() {
        return Arbitraries.of(Input.class);
    }

    /**
     * An input a criterion or rank asks for is unknown, except the diagnoses of a radiculopathy without
     * its structural cause: they are recorded, but must be completed (CAND-1).
     */
    private static boolean askable(Patient p, String name) {
        Input input = Input.byJsonName(name).orElseThrow();
        return !p.isKnown(input) || input == Input.DIAGNOSES && p.hasDiagnosis(Diagnosis.RADICULOPATHY);
    }

    @Property(tries = 400)
    void everyPatientGetsACoherentAssessment(@ForAll("patients") Patient p) {
        Assessment a = Engine.ENGINE.assess(p);

        assertThat(a.criteria()).extracting(CriterionResult::id)
                .containsExactly("CAND-1", "CAND-2", "CAND-3", "CAND-4", "CAND-5", "CAND-6", "CAND-7", "CAND-8");
        assertThat(a.decidedBy()).isNotEmpty();
        for (CriterionResult c : a.criteria()) {
            if (c.status() == CriterionStatus.UNKNOWN) {
                assertThat(c.toCollect()).as("%s is UNKNOWN, so it names what to collect", c.id()).isNotEmpty();
                c.toCollect().forEach(name -> assertThat(askable(p, name))
                        .as("%s asks for %s, which is known", c.id(), name).isTrue());
            } else {
                assertThat(c.toCollect()).as("%s is %s", c.id(), c.status()).isEmpty();
            }
        }
        if (a.verdict() == Verdict.MINIMALLY_INVASIVE_CANDIDATE) {
            assertThat(a.criteria()).allSatisfy(c -> assertThat(c.status()).isEqualTo(CriterionStatus.MET));
        }
        assertThat(a.findings()).allSatisfy(f -> assertThat(f.summary().length()).isLessThan(140));
        assertThat(AssessmentJson.parse(AssessmentJson.write(a)).get("verdict").asText()).isEqualTo(a.verdict().name());
    }

    /** A definitive verdict asks for nothing; INSUFFICIENT_INFORMATION asks, in verdict order, for unknown inputs. */
    @Property(tries = 400)
    void theInputsToCollectAreUnknownAndInVerdictOrder(@ForAll("patients") Patient p) {
        Assessment a = Engine.ENGINE.assess(p);

        assertThat(a.toSettle()).extracting(MissingInput::input).containsExactlyElementsOf(a.missingInputs())
                .doesNotHaveDuplicates();
        if (a.verdict().isRanked()) {
            assertThat(a.possibleVerdicts()).containsExactly(a.verdict());
            assertThat(a.missingInputs()).isEmpty();
        } else {
            assertThat(a.possibleVerdicts()).as("an undecided verdict has at least two possibilities")
                    .hasSizeGreaterThanOrEqualTo(2).isSortedAccordingTo(Comparator.comparingInt(Verdict::rank));
            assertThat(a.toSettle()).isNotEmpty();
            assertThat(a.toSettle()).extracting(MissingInput::verdict)
                    .isSortedAccordingTo(Comparator.comparingInt(Verdict::rank))
                    .allSatisfy(v -> assertThat(a.possibleVerdicts()).contains(v));
            assertThat(a.toSettle()).allSatisfy(m -> {
                assertThat(askable(p, m.input())).as("%s is asked for, but known", m.input()).isTrue();
                assertThat(m.criteria()).isNotEmpty();
            });
            // every UNKNOWN criterion behind the verdict names its inputs among those to settle
            for (Finding f : a.decidedBy()) {
                if (f.criterion().startsWith("CAND-")) {
                    assertThat(a.missingInputs()).containsAll(a.criteria().stream()
                            .filter(c -> c.id().equals(f.criterion())).findFirst().orElseThrow().toCollect());
                }
            }
        }
        assertThat(a.inputsToComplete()).allSatisfy(m -> {
            assertThat(m.verdict()).isNull();
            assertThat(p.isKnown(Input.byJsonName(m.input()).orElseThrow())).as(m.input()).isFalse();
            assertThat(a.missingInputs()).doesNotContain(m.input());
            assertThat(m.criteria()).isNotEmpty();
        });
    }

    /**
     * Unknown is never false: forgetting an input may make a criterion UNKNOWN or the verdict
     * INSUFFICIENT_INFORMATION, but never changes a known criterion status or a definitive verdict, and
     * the verdict with the input is among those possible without it.
     */
    @Property(tries = 400)
    void forgettingAnInputNeverChangesWhatWasKnown(@ForAll("patients") Patient p, @ForAll("inputs") Input input) {
        Patient less = p.toBuilder().set(input, null).build();

        Assessment withIt = Engine.ENGINE.assess(p);
        Assessment without = Engine.ENGINE.assess(less);

        for (CriterionResult c : without.criteria()) {
            if (c.status() != CriterionStatus.UNKNOWN) {
                assertThat(withIt.criterionStatus(c.id()))
                        .as("%s is %s without %s, so it must be so with it", c.id(), c.status(), input)
                        .isEqualTo(c.status());
            }
        }
        if (without.verdict().isRanked()) {
            assertThat(withIt.verdict()).as("%s without %s", without.verdict(), input).isEqualTo(without.verdict());
        } else if (withIt.verdict().isRanked()) {
            assertThat(without.possibleVerdicts()).as("possible without %s", input).contains(withIt.verdict());
        }
    }

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> keys = Arbitraries.oneOf(
                Arbitraries.of(Input.class).map(Input::jsonName),
                Arbitraries.of("patientId", "weight", "", "AGE", "age ", "diagnosis", "stenosisSeverity"));
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                Arbitraries.integers().between(-1000, 100_000).map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.bigDecimals().ofScale(3).between(new java.math.BigDecimal("-1e6"),
                        new java.math.BigDecimal("1e6")).map(d -> (Object) d),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.of("HERNIATED_DISC", "MYELOPATHY", "CURRENT", "LUMBAR", "LEG_PAIN", "GAIT_DISTURBANCE",
                        "ACDF", "THORACIC_DISCECTOMY", "FEMALE", "MILD").map(s -> (Object) s),
                Arbitraries.just(null));
        Arbitrary<Object> values = Arbitraries.oneOf(scalars,
                scalars.list().ofMaxSize(4).map(l -> (Object) l),
                Arbitraries.maps(Arbitraries.strings().ofMaxLength(3), scalars).ofMaxSize(2).map(m -> (Object) m));
        Arbitrary<String> objects = Arbitraries.maps(keys, values).ofMaxSize(8).map(m -> {
            try {
                return JSON.writeValueAsString(new LinkedHashMap<>(m));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return Arbitraries.oneOf(objects, objects.flatMap(json -> Arbitraries.integers().between(0, json.length())
                .map(cut -> json.substring(0, cut))), Arbitraries.strings().ofMaxLength(30));
    }

    @Tag("slow")
    @Property(tries = 3000)
    void anyDocumentGivesAPatientOrTheDocumentedError(@ForAll("documents") String json) {
        try {
            Patient p = PatientJson.read(json);
            Engine.ENGINE.assess(p);
        } catch (InvalidPatientException expected) {
            assertThat(expected.field()).isNotBlank();
            assertThat(expected.getMessage()).startsWith(expected.field() + ": ");
        }
    }

    @Property(tries = 200)
    void theSameDocumentIsReadTheSameWay(@ForAll("patients") Patient p) throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        p.knownInputs().forEach((input, value) -> fields.put(input.jsonName(), value instanceof java.util.Set<?> s
                ? new ArrayList<>(s.stream().map(Object::toString).toList()) : value instanceof Enum<?> e ? e.name() : value));
        String json = JSON.writeValueAsString(fields);

        assertThat(PatientJson.read(json)).isEqualTo(p);
    }

    /** The fixtures are what their documentation says: complete candidates. */
    @Property(tries = 1)
    void theFixturesAreCompleteCandidates() {
        for (Patient p : List.of(Patients.candidate().build(), Patients.deformityCandidate().build(),
                Patients.spondylolisthesisCandidate().build(), Patients.myelopathyCandidate().build())) {
            Assessment a = Engine.ENGINE.assess(p);
            assertThat(a.verdict()).isEqualTo(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
            assertThat(a.missingInputs()).isEmpty();
            assertThat(a.inputsToComplete()).isEmpty();
        }
    }
}
