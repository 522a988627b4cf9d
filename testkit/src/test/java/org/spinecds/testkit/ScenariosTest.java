package org.spinecds.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.spinecds.json.PatientJson;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;

class ScenariosTest {

    private static final Path BASES = Path.of("src/main/resources/org/spinecds/testkit/bases");
    private static final String EXPECT = "\"expect\": {\"verdict\": \"MINIMALLY_INVASIVE_CANDIDATE\"}";

    private static Scenario parse(String json) {
        return Scenarios.parse("s.json", json.getBytes(UTF_8));
    }

    private static Patient base(String name) throws Exception {
        return PatientJson.read(BASES.resolve(name + ".json"));
    }

    @Test
    void aScenarioIsItsBasePatientWithTheFieldsThatDiffer() throws Exception {
        // when
        Scenario s = parse("{\"name\": \"n\", \"base\": \"lumbar-disc-herniation\", \"with\": {\"age\": 70, "
                + "\"symptoms\": [\"BACK_PAIN\"], \"levels\": null}, " + EXPECT + "}");

        // then a field of "with" replaces the base's, a list whole, and a null makes the field unknown
        Patient expected = base("lumbar-disc-herniation").toBuilder().set(Input.AGE, 70)
                .set(Input.SYMPTOMS, java.util.EnumSet.of(org.spinecds.patient.Symptom.BACK_PAIN))
                .set(Input.LEVELS, null).build();
        assertThat(s.patient()).isEqualTo(expected);
        assertThat(s.patient().isKnown(Input.LEVELS)).isFalse();
    }

    @Test
    void aScenarioWithoutDifferencesIsItsBasePatient() throws Exception {
        assertThat(parse("{\"name\": \"n\", \"base\": \"cervical-myelopathy\", " + EXPECT + "}").patient())
                .isEqualTo(base("cervical-myelopathy"));
    }

    @Test
    void aDefinitiveVerdictExpectsItselfAloneUnlessTheFileSaysOtherwise() {
        assertThat(parse("{\"name\": \"n\", \"base\": \"lumbar-stenosis\", " + EXPECT + "}").possibleVerdicts())
                .containsExactly(org.spinecds.Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        assertThat(parse("{\"name\": \"n\", \"base\": \"lumbar-stenosis\", "
                + "\"expect\": {\"verdict\": \"INSUFFICIENT_INFORMATION\"}}").possibleVerdicts()).isNull();
    }

    @Test
    void aWholePatientStillServes() {
        assertThat(parse("{\"name\": \"n\", \"patient\": {\"age\": 40}, " + EXPECT + "}").patient().get(Input.AGE))
                .isEqualTo(40);
    }

    @Test
    void mistakesAreNamedByFileAndField() {
        assertThatThrownBy(() -> parse("{\"name\": \"n\", \"base\": \"lumbar\", " + EXPECT + "}"))
                .isInstanceOf(InvalidScenarioException.class).hasMessageStartingWith("s.json: base: ");
        assertThatThrownBy(() -> parse("{\"name\": \"n\", \"base\": \"lumbar-stenosis\", \"with\": {\"agee\": 3}, "
                + EXPECT + "}")).hasMessage("s.json: with.agee: unknown field");
        assertThatThrownBy(() -> parse("{\"name\": \"n\", \"base\": \"lumbar-stenosis\", \"with\": {\"age\": \"x\"}, "
                + EXPECT + "}")).hasMessage("s.json: with.age: string found, [integer, null] expected");
        assertThatThrownBy(() -> parse("{\"name\": \"n\", \"with\": {\"age\": 3}, " + EXPECT + "}"))
                .hasMessageStartingWith("s.json: give either \"patient\"").hasMessageEndingWith("found neither");
        assertThatThrownBy(() -> parse("{\"name\": \"n\", \"base\": \"lumbar-stenosis\", \"patient\": {}, " + EXPECT
                + "}")).hasMessageStartingWith("s.json: give either \"patient\"").hasMessageEndingWith("not both");
        assertThatThrownBy(() -> parse("{\"name\": \"n\", \"base\": \"lumbar-stenosis\", "
                + "\"expect\": {\"verdict\": \"YES\"}}")).hasMessageStartingWith("s.json: expect.verdict: ");
        assertThatThrownBy(() -> parse("{\"name\": \"n\", \"base\": \"lumbar-stenosis\", "
                + "\"expect\": {\"verdict\": \"MINIMALLY_INVASIVE_CANDIDATE\", \"finding\": []}}"))
                .hasMessageContaining("finding");
        assertThatThrownBy(() -> parse("{\"name\": \"n\", \"base\": \"lumbar-stenosis\", " + EXPECT + ",}"))
                .hasMessageStartingWith("s.json: malformed JSON at line 1");
    }

    @Test
    void aPatientTheReaderRefusesIsNamedByItsField() {
        // a slip grade needs a spondylolisthesis among the diagnoses: a rule of the reader, not of the schema
        assertThatThrownBy(() -> parse("{\"name\": \"n\", \"base\": \"lumbar-disc-herniation\", "
                + "\"with\": {\"spondylolisthesisGrade\": 2}, " + EXPECT + "}"))
                .isInstanceOfSatisfying(InvalidScenarioException.class, e -> assertThat(e.scenarioName()).isEqualTo("n"))
                .hasMessageStartingWith("s.json: the patient (base lumbar-disc-herniation with its differences): "
                        + "spondylolisthesisGrade: is given although diagnoses");
    }

    @Test
    void theSchemaNamesEveryBasePatientOfTheKitAndNoOther() throws Exception {
        // given
        JsonNode schema = new ObjectMapper().readTree(Path.of("../schema/scenario.schema.json").toFile());
        List<String> named = new ArrayList<>();
        schema.path("properties").path("base").path("enum").forEach(n -> named.add(n.asText()));

        // when
        List<String> files;
        try (Stream<Path> list = Files.list(BASES)) {
            files = list.map(p -> p.getFileName().toString().replaceFirst("\\.json$", "")).toList();
        }

        // then every base is a valid patient
        assertThat(named).containsExactlyInAnyOrderElementsOf(files);
        for (String name : files) {
            assertThat(base(name).knownInputs()).as(name).isNotEmpty();
        }
    }
}
