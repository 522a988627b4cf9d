package org.spinecds.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.spinecds.fhir.R.ICD;
import static org.spinecds.fhir.R.SCT;
import static org.spinecds.fhir.R.active;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecds.fhir.internal.CodeList;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Input;
import org.spinecds.patient.Region;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The bundled code lists and a site's extension of them. */
class CodeListTest {

    private static final Set<String> SYSTEMS = Set.of(ICD, SCT, R.LOINC, R.RXNORM, R.ATC, R.CPT);

    @TempDir
    Path dir;

    @Test
    void theBundledListsLoadAndUseTheCanonicalSystemUris() throws IOException {
        assertThat(CodeList.defaults().size()).isGreaterThan(200);
        JsonNode root = new ObjectMapper().readTree(CodeList.class.getResourceAsStream("/org/spinecds/fhir/codes.json"));
        root.fields().forEachRemaining(section -> {
            if (section.getValue().isArray()) {
                section.getValue().forEach(e -> assertThat(SYSTEMS).as(section.getKey() + " " + e)
                        .contains(e.get("system").asText()));
            }
        });
    }

    @Test
    void aSiteAddsItsOwnCodes() throws IOException {
        Path site = write("""
                {"name": "Example hospital",
                 "conditions": [{"system": "https://hospital.example.org/codes", "code": "SPN-7",
                                 "display": "Lumbar disc prolapse (local)", "input": "diagnoses",
                                 "value": ["HERNIATED_DISC"]}],
                 "regions": [{"system": "https://hospital.example.org/codes", "code": "SPN-7", "value": "LUMBAR"}]}
                """);
        FhirPatientMapper mapper = FhirPatientMapper.withCodes(site).withClock(Examples.CLOCK);
        var local = active("c", "https://hospital.example.org/codes", "SPN-7");
        var p = mapper.map(List.of(local)).patient();
        assertThat(p.getDiagnoses()).containsExactly(Diagnosis.HERNIATED_DISC);
        assertThat(p.getRegions()).containsExactly(Region.LUMBAR);
        // the defaults still apply
        assertThat(mapper.map(List.of(active("d", ICD, "M48.062"))).patient().getDiagnoses())
                .containsExactly(Diagnosis.SPINAL_STENOSIS);
        // and the default mapper does not know the local code
        assertThat(Examples.MAPPER.map(List.of(local)).patient().knownInputs()).isEmpty();
    }

    @Test
    void aSiteEntryReplacesTheDefaultOfTheSameCode_andASiteCanChangeAClosure() throws IOException {
        Path site = write("""
                {"conditions": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M48.0", "match": "prefix",
                                 "input": "diagnoses", "value": "OTHER"}],
                 "sets": {"diagnoses": "all-members"}}
                """);
        FhirPatientMapper mapper = FhirPatientMapper.withCodes(site).withClock(Examples.CLOCK);
        // all-members: one coded diagnosis no longer makes the list complete
        assertThat(mapper.map(List.of(active("d", ICD, "M48.062"))).patient().isKnown(Input.DIAGNOSES)).isFalse();
    }

    @Test
    void aSiteDisablesADefaultEntry() throws IOException {
        var aspirin = R.medicationStatement("ms", org.hl7.fhir.r4.model.MedicationStatement.MedicationStatementStatus.ACTIVE,
                R.RXNORM, "1191");
        assertThat(Examples.MAPPER.map(List.of(aspirin)).patient().getOnBloodThinners()).isTrue();
        Path site = write("""
                {"medications": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "1191",
                                  "disabled": true}]}
                """);
        FhirPatientMapper mapper = FhirPatientMapper.withCodes(site).withClock(Examples.CLOCK);
        assertThat(mapper.map(List.of(aspirin)).patient().isKnown(Input.ON_BLOOD_THINNERS)).isFalse();

        assertError("{\"medications\": [{\"system\": \"http://www.nlm.nih.gov/research/umls/rxnorm\", \"code\": \"999\","
                + " \"disabled\": true}]}", "site.json: medications[0] (http://www.nlm.nih.gov/research/umls/rxnorm|999): "
                + "disables an entry that the bundled lists do not have");
        assertError("{\"medications\": [{\"system\": \"http://www.nlm.nih.gov/research/umls/rxnorm\", \"code\": \"1191\","
                + " \"disabled\": true, \"input\": \"onBloodThinners\"}]}", "\"input\" does not belong");
    }

    @Test
    void malformedSiteFilesNameTheEntry() throws IOException {
        assertError("{\"conditions\": [{\"system\": \"http://snomed.info/sct\", \"code\": \"1\", \"input\": \"bmii\"}]}",
                "site.json: conditions[0] (http://snomed.info/sct|1): unknown input \"bmii\"");
        assertError("{\"conditions\": [{\"system\": \"http://snomed.info/sct\", \"code\": \"1\", \"input\": \"diagnoses\","
                + " \"value\": \"SLIPPED_DISC\"}]}", "conditions[0] (http://snomed.info/sct|1): value must be one of");
        assertError("{\"observations\": [{\"system\": \"http://loinc.org\", \"code\": \"39156-5\", \"input\": \"bmi\","
                + " \"unit\": \"kg/m2\"}]}", "observations[0] (http://loinc.org|39156-5): unknown field \"unit\"");
        assertError("{\"medications\": [{\"system\": \"rxnorm\", \"code\": \"1191\", \"input\": \"onBloodThinners\"}]}",
                "medications[0] (rxnorm|1191): system must be an absolute URI");
        assertError("{\"medications\": [{\"code\": \"1191\", \"input\": \"onBloodThinners\"}]}",
                "medications[0]: needs \"system\"");
        assertError("{\"conditions\": [{\"system\": \"http://snomed.info/sct\", \"code\": \"1\", \"input\": \"bmi\"}]}",
                "bmi cannot come from conditions codes");
        assertError("{\"sets\": {\"bmi\": \"coded-list\"}}", "sets.bmi: is not a set-valued input");
        assertError("{\"answers\": [{\"system\": \"http://snomed.info/sct\", \"code\": \"1\", \"input\": \"asaClass\","
                + " \"value\": 9}]}", "value 9 is outside the range of asaClass");
        assertError("{\"conditions\": [", "site.json: not valid JSON");
        assertError("{\"condition\": []}", "site.json: condition: unknown section");
    }

    @Test
    void aMissingSiteFileIsAClearError() {
        assertThatThrownBy(() -> FhirPatientMapper.withCodes(dir.resolve("nope.json")))
                .isInstanceOf(CodeListException.class).hasMessageContaining("nope.json: cannot be read");
    }

    private void assertError(String json, String message) throws IOException {
        Path file = dir.resolve("site.json");
        Files.writeString(file, json);
        assertThatThrownBy(() -> FhirPatientMapper.withCodes(file)).as(json)
                .isInstanceOf(CodeListException.class).hasMessageContaining(message);
    }

    private Path write(String json) throws IOException {
        Path file = dir.resolve("site-codes.json");
        Files.writeString(file, json);
        return file;
    }
}
