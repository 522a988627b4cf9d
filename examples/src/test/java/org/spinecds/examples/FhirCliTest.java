package org.spinecds.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinecds.examples.CliTest.spinecds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.hl7.fhir.r4.model.GuidanceResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecds.examples.CliTest.Run;
import org.spinecds.fhir.FhirJson;
import org.spinecds.json.AssessmentJson;

/** {@code spinecds assess --input fhir} and {@code --format fhir}. */
class FhirCliTest {

    @TempDir
    Path dir;

    static List<String> names() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("patients"))) {
            return files.map(p -> p.getFileName().toString().replace(".json", "")).sorted().toList();
        }
    }

    @Test
    void everyExampleBundleGetsTheVerdictOfItsJsonPatient() throws Exception {
        for (String name : names()) {
            Run json = spinecds("assess", "patients/" + name + ".json", "--format", "json");
            Run fhir = spinecds("assess", "--input", "fhir", "fhir/" + name + ".bundle.json", "--format", "json");
            assertThat(fhir.exit()).as(name + ": " + fhir.err()).isZero();
            assertThat(AssessmentJson.parse(fhir.out()).get("verdict").asText()).as(name)
                    .isEqualTo(AssessmentJson.parse(json.out()).get("verdict").asText());
        }
    }

    @Test
    void formatFhirWritesAGuidanceResponse() throws Exception {
        Run run = spinecds("assess", CliTest.FIXTURES.resolve("multilevel-open.json").toString(), "--format", "fhir");
        assertThat(run.exit()).as(run.err()).isZero();
        GuidanceResponse g = FhirJson.parse(GuidanceResponse.class, run.out());
        assertThat(g.getReasonCodeFirstRep().getCodingFirstRep().getCode()).isEqualTo("OPEN_SURGERY_PREFERRED");
        assertThat(g.getModuleUriType().getValue()).startsWith("https://spinecds.org/fhir/knowledge-base/");

        Run fromBundle = spinecds("assess", "--input", "fhir", "fhir/" + names().get(0) + ".bundle.json", "--format",
                "fhir");
        assertThat(fromBundle.exit()).as(fromBundle.err()).isZero();
        assertThat(FhirJson.parse(GuidanceResponse.class, fromBundle.out()).getSubject().getReference())
                .isEqualTo("Patient/pat");
    }

    @Test
    void aBadValueLeavesItsInputUnknownAndARecordThatIsNotFhirIsInvalid() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [{\"resource\": "
                + "{\"resourceType\": \"Patient\", \"id\": \"p\"}}, {\"resource\": "
                + "{\"resourceType\": \"Observation\", \"id\": \"b\", \"status\": \"final\", \"subject\": "
                + "{\"reference\": \"Patient/p\"}, \"code\": {\"coding\": "
                + "[{\"system\": \"http://loinc.org\", \"code\": \"39156-5\"}]}, \"valueQuantity\": {\"value\": 900, "
                + "\"code\": \"kg/m2\", \"system\": \"http://unitsofmeasure.org\"}}}]}");
        Run run = spinecds("assess", "--input", "fhir", bad.toString());
        assertThat(run.exit()).isEqualTo(0);
        assertThat(run.out()).contains("From the FHIR record", "Left unknown although the record speaks of them",
                "bmi (", "was 900", "Observation/b");

        Files.writeString(bad, "{\"resourceType\": \"Bundle\", \"typo\": 1}");
        Run notFhir = spinecds("assess", "--input", "fhir", bad.toString());
        assertThat(notFhir.exit()).isEqualTo(1);
        assertThat(notFhir.err()).contains("not FHIR R4 JSON");
    }

    @Test
    void aSiteCodeListIsChecked() throws Exception {
        Path codes = dir.resolve("codes.json");
        Files.writeString(codes, "{\"conditions\": [{\"system\": \"http://snomed.info/sct\", \"code\": \"1\", "
                + "\"input\": \"nope\"}]}");
        Run run = spinecds("assess", "--input", "fhir", "--codes", codes.toString(),
                "fhir/" + names().get(0) + ".bundle.json");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("codes.json: conditions[0]", "unknown input \"nope\"");

        Run withoutFhir = spinecds("assess", "--codes", codes.toString(),
                CliTest.FIXTURES.resolve("cauda-equina.json").toString());
        assertThat(withoutFhir.exit()).isEqualTo(2);
        assertThat(withoutFhir.err()).contains("--codes needs --input fhir");
    }

    /** A response to the inputs Questionnaire of a patient, answering each input given "no". */
    private static String noTo(String patientId, List<String> inputs) {
        StringBuilder items = new StringBuilder();
        for (String input : inputs) {
            items.append(items.length() == 0 ? "" : ", ").append("{\"linkId\": \"").append(input)
                    .append("\", \"answer\": [{\"valueBoolean\": false}]}");
        }
        return "{\"resourceType\": \"QuestionnaireResponse\", \"id\": \"qr-1\", \"questionnaire\": "
                + "\"https://spinecds.org/fhir/Questionnaire/spinecds-inputs\", \"status\": \"completed\", "
                + "\"subject\": {\"reference\": \"Patient/" + patientId + "\"}, \"authored\": \"2026-05-30T10:00:00Z\", "
                + "\"item\": [" + items + "]}";
    }

    private static List<String> missing(Run run) throws Exception {
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> out = new java.util.ArrayList<>();
        AssessmentJson.parse(run.out()).get("missingInputs").forEach(m -> out.add(m.asText()));
        return out;
    }

    @Test
    void aQuestionnaireResponseAloneOrInTheBundleGivesItsAnswers() throws Exception {
        List<String> redFlags = List.of("bladderBowelDysfunction", "saddleAnaesthesia", "progressiveMotorWeakness",
                "seriousPathologySuspected");
        List<String> before = missing(spinecds("assess", "--input", "fhir", "fhir/incomplete-referral.bundle.json",
                "--format", "json"));
        List<String> asked = redFlags.stream().filter(before::contains).toList();
        assertThat(asked).isNotEmpty();

        String bundle = Files.readString(Path.of("fhir/incomplete-referral.bundle.json"));
        int entries = bundle.indexOf("\"entry\"");
        int open = bundle.indexOf('[', entries);
        Path withAnswers = dir.resolve("with-answers.bundle.json");
        Files.writeString(withAnswers, bundle.substring(0, open + 1) + "{\"resource\": " + noTo("pat", asked) + "}, "
                + bundle.substring(open + 1));
        List<String> after = missing(spinecds("assess", "--input", "fhir", withAnswers.toString(), "--format", "json"));
        assertThat(after).doesNotContainAnyElementsOf(asked);

        Path alone = dir.resolve("answers.json");
        Files.writeString(alone, noTo("pat", redFlags));
        assertThat(missing(spinecds("assess", "--input", "fhir", alone.toString(), "--format", "json")))
                .doesNotContainAnyElementsOf(redFlags).contains("age");
    }

    @Test
    void aBadAnswerLeavesItsInputUnknownAndTheReportSaysWhy() throws Exception {
        Path bad = dir.resolve("bad-answer.json");
        Files.writeString(bad, noTo("pat", List.of("asaClass")));
        Run run = spinecds("assess", "--input", "fhir", bad.toString());
        assertThat(run.exit()).isEqualTo(0);
        assertThat(run.out()).contains("From the FHIR record", "asaClass (asaClass:", "QuestionnaireResponse/qr-1",
                "valueInteger");
    }
}
