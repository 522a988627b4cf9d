package org.spinecds.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.spinecds.fhir.R.ICD;
import static org.spinecds.fhir.R.SCT;
import static org.spinecds.fhir.R.active;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.Condition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecds.fhir.internal.CodeList;
import org.spinecds.fhir.internal.CodeList.Section;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;
import org.spinecds.patient.Region;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The bundled code lists and a site's extension of them. */
class CodeListTest {

    private static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
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
        // and its names go with it: an aspirin product named only by its display no longer counts
        var byName = R.medicationStatement("ms2", org.hl7.fhir.r4.model.MedicationStatement.MedicationStatementStatus.ACTIVE,
                R.RXNORM, "243670");
        byName.getMedicationCodeableConcept().getCodingFirstRep().setDisplay("aspirin 81 MG Oral Tablet");
        assertThat(Examples.MAPPER.map(List.of(byName)).patient().getOnBloodThinners()).isTrue();
        assertThat(mapper.map(List.of(byName)).patient().isKnown(Input.ON_BLOOD_THINNERS)).isFalse();

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
        assertError("{\"conditions\": [{\"system\": \"http://snomed.info/sct\", \"code\": \"1\", \"input\": \"fever\","
                + " \"minimumDays\": 90}]}", "conditions[0] (http://snomed.info/sct|1): minimumDays is only for medications");
        assertError("{\"medications\": [{\"system\": \"http://www.whocc.no/atc\", \"code\": \"H02AB\","
                + " \"input\": \"longTermCorticosteroids\", \"minimumDays\": 0}]}",
                "minimumDays must be a whole number of days from 1 to 36500, was 0");
        assertError("{\"conditions\": [{\"system\": \"http://snomed.info/sct\", \"code\": \"1\", \"input\": \"fever\","
                + " \"names\": [\"pyrexia\"]}]}", "conditions[0] (http://snomed.info/sct|1): names is only for medications");
        assertError("{\"medications\": [{\"system\": \"https://h.example.org/f\", \"code\": \"1\","
                + " \"input\": \"onBloodThinners\", \"notWith\": [\"flush\"]}]}", "notWith needs names");
        assertError("{\"medications\": [{\"system\": \"https://h.example.org/f\", \"code\": \"1\","
                + " \"input\": \"onBloodThinners\", \"names\": [\"xa\"]}]}", "names must hold words of at least 3 letters");
        assertError("{\"conditions\": [", "site.json: not valid JSON");
        assertError("{\"condition\": []}", "site.json: condition: unknown section");
    }

    @Test
    void theBundledSpineRelatedListHoldsTheSpinesIcdCategoriesAndTheVertebralColumn() {
        List<String> prefixes = List.of("M40", "M41", "M42", "M43", "M44", "M45", "M46", "M47", "M48", "M49", "M50",
                "M51", "M52", "M53", "M54", "M96", "S12", "S13.0", "S13.1", "S14.1", "S22.0", "S23.0", "S23.1",
                "S24.1", "S32.0", "S32.1", "S33.0", "S33.1", "S34.1", "Q67.5", "Q76.0", "Q76.1", "Q76.2", "Q76.3",
                "Q76.4", "G95", "G99.2", "C41.2", "D16.6");
        List<String> expected = new ArrayList<>();
        for (String system : List.of(ICD, ICD10)) {
            prefixes.forEach(code -> expected.add(system + "|" + code + "|prefix"));
        }
        assertThat(CodeList.defaults().section(Section.SPINE_CODES))
                .extracting(e -> e.system() + "|" + e.code() + "|" + (e.prefix() ? "prefix" : "exact"))
                .containsAll(expected)
                // The spinal blocks beyond the dorsopathies: root disorders, the cauda equina, the spinal
                // cord's neoplasms, sprains and nerve roots of the spine, vertebral osteoporotic fractures.
                .contains(ICD + "|G54.4|prefix", ICD + "|G55|prefix", ICD + "|G83.4|prefix", ICD + "|C72.0|prefix",
                        ICD + "|S33.5|prefix", ICD + "|S34.2|prefix", ICD + "|M80.08|prefix", ICD + "|M99.5|prefix",
                        ICD10 + "|T08|prefix", ICD10 + "|T91.1|prefix", SCT + "|699699005|exact");
        assertThat(CodeList.defaults().section(Section.SPINE_BODY_SITES))
                .extracting(e -> e.system() + "|" + e.code() + "|" + e.prefix())
                .containsExactly(SCT + "|421060004|false");
        // WHO ICD-10 codes count as ICD-10-CM ones do, with or without the dot.
        for (String code : List.of("M48.5", "M485", "G95.1", "G83.4", "T08.0")) {
            assertThat(patientOf(Examples.MAPPER, active("c2", ICD10, code)).isKnown(Input.DIAGNOSES)).as(code).isFalse();
        }
        assertThat(patientOf(Examples.MAPPER, active("c2", ICD10, "E11.9")).getDiagnoses())
                .containsExactly(Diagnosis.HERNIATED_DISC);
    }

    @Test
    void aSiteAddsSpineRelatedCodesAndBodySites() throws IOException {
        Condition spasm = active("c2", ICD, "M62.830");
        Condition local = active("c3", SCT, "202735001");
        local.getCode().setText("Muscle strain"); // words that are not spinal: only the site's list says so
        local.addBodySite(R.code("https://hospital.example.org/sites", "SPINE"));
        for (Condition c : List.of(spasm, local)) {
            assertThat(patientOf(Examples.MAPPER, c).getDiagnoses()).containsExactly(Diagnosis.HERNIATED_DISC);
        }
        Path site = write("""
                {"spineRelated": {
                   "codes": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M62.83",
                              "display": "Muscle spasm of back", "match": "prefix"}],
                   "bodySites": [{"system": "https://hospital.example.org/sites", "code": "SPINE"}]}}
                """);
        FhirPatientMapper mapper = FhirPatientMapper.withCodes(site).withClock(Examples.CLOCK);
        for (Condition c : List.of(spasm, local)) {
            assertThat(patientOf(mapper, c).isKnown(Input.DIAGNOSES)).isFalse();
        }
        // the bundled entries still apply, and the addition does not reach beyond its prefix
        assertThat(patientOf(mapper, active("c2", ICD, "M96.1")).isKnown(Input.DIAGNOSES)).isFalse();
        assertThat(patientOf(mapper, active("c2", ICD, "M62.40")).getDiagnoses())
                .containsExactly(Diagnosis.HERNIATED_DISC);
    }

    @Test
    void aSiteDisablesSpineRelatedEntries() throws IOException {
        Condition column = active("c3", SCT, "202735001");
        column.getCode().setText("Muscle strain"); // words that are not spinal: only the body site says so
        column.addBodySite(R.code(SCT, "421060004"));
        assertThat(patientOf(Examples.MAPPER, active("c2", ICD, "M96.1")).isKnown(Input.DIAGNOSES)).isFalse();
        assertThat(patientOf(Examples.MAPPER, column).isKnown(Input.DIAGNOSES)).isFalse();
        Path site = write("""
                {"spineRelated": {
                   "codes": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M96", "match": "prefix",
                              "disabled": true}],
                   "bodySites": [{"system": "http://snomed.info/sct", "code": "421060004", "disabled": true}]}}
                """);
        FhirPatientMapper mapper = FhirPatientMapper.withCodes(site).withClock(Examples.CLOCK);
        assertThat(patientOf(mapper, active("c2", ICD, "M96.1")).getDiagnoses()).containsExactly(Diagnosis.HERNIATED_DISC);
        assertThat(patientOf(mapper, column).getDiagnoses()).containsExactly(Diagnosis.HERNIATED_DISC);
        // only that entry: the WHO ICD-10 one and the other categories stay
        assertThat(patientOf(mapper, active("c2", ICD10, "M96.1")).isKnown(Input.DIAGNOSES)).isFalse();
        assertThat(patientOf(mapper, active("c2", ICD, "M48.50XA")).isKnown(Input.DIAGNOSES)).isFalse();

        assertError("{\"spineRelated\": {\"codes\": [{\"system\": \"http://hl7.org/fhir/sid/icd-10-cm\", \"code\": \"M96\","
                + " \"disabled\": true}]}}", "site.json: spineRelated.codes[0] (http://hl7.org/fhir/sid/icd-10-cm|M96): "
                + "disables an entry that the bundled lists do not have");
        assertError("{\"spineRelated\": {\"bodySites\": [{\"system\": \"http://snomed.info/sct\", \"code\": \"1\","
                + " \"disabled\": true}]}}", "site.json: spineRelated.bodySites[0] (http://snomed.info/sct|1): "
                + "disables an entry that the bundled lists do not have");
    }

    @Test
    void malformedSpineRelatedEntriesAreRefusedNamingTheEntry() throws IOException {
        assertError("{\"spineRelated\": {\"codes\": [{\"system\": \"http://hl7.org/fhir/sid/icd-10-cm\", \"code\": \"M62\","
                + " \"match\": \"starts\"}]}}", "site.json: spineRelated.codes[0] (http://hl7.org/fhir/sid/icd-10-cm|M62): "
                + "match must be \"prefix\" or \"exact\"");
        assertError("{\"spineRelated\": {\"codes\": [{\"system\": \"http://hl7.org/fhir/sid/icd-10-cm\", \"code\": \"M62\","
                + " \"input\": \"diagnoses\"}]}}", "site.json: spineRelated.codes[0] (http://hl7.org/fhir/sid/icd-10-cm|M62): "
                + "\"input\" does not belong in this section");
        assertError("{\"spineRelated\": {\"bodySites\": [{\"system\": \"sct\", \"code\": \"421060004\"}]}}",
                "site.json: spineRelated.bodySites[0] (sct|421060004): system must be an absolute URI");
        assertError("{\"spineRelated\": {\"codes\": [{\"system\": \"http://hl7.org/fhir/sid/icd-10\", \"code\": \" \"}]}}",
                "site.json: spineRelated.codes[0] (http://hl7.org/fhir/sid/icd-10| ): code must not be blank");
        assertError("{\"spineRelated\": {\"codes\": [{\"code\": \"M62\"}]}}", "site.json: spineRelated.codes[0]: needs \"system\"");
        assertError("{\"spineRelated\": {\"codes\": [\"M62\"]}}", "site.json: spineRelated.codes[0]: must be an object");
        assertError("{\"spineRelated\": {\"codes\": {}}}", "site.json: spineRelated.codes: must be a list of entries");
        assertError("{\"spineRelated\": {\"conditions\": []}}", "site.json: spineRelated.conditions: unknown list");
        assertError("{\"spineRelated\": []}", "site.json: spineRelated: must be an object with the lists [codes, bodySites]");
    }

    /** The mapped patient of a herniated disc and the given condition. */
    private static Patient patientOf(FhirPatientMapper mapper, Condition other) {
        return mapper.map(List.of(active("c1", ICD, "M51.26"), other)).patient();
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
