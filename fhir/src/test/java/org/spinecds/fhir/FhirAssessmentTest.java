package org.spinecds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DataRequirement;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.GuidanceResponse;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RiskAssessment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spinecds.Assessment;
import org.spinecds.Category;
import org.spinecds.Finding;
import org.spinecds.Verdict;
import org.spinecds.json.PatientJson;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;

/**
 * The GuidanceResponse of every example patient parses back with HAPI FHIR, validates against the base
 * R4 profiles without errors, and says what the assessment says.
 */
class FhirAssessmentTest {

    private static FhirValidator validator;

    static Iterable<String> names() {
        return Examples.names();
    }

    private static synchronized FhirValidator validator() {
        if (validator == null) {
            var ctx = FhirJson.context();
            ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(ctx),
                    new SnapshotGeneratingValidationSupport(ctx), new InMemoryTerminologyServerValidationSupport(ctx),
                    new CommonCodeSystemsTerminologyService(ctx));
            validator = ctx.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
        }
        return validator;
    }

    private static List<String> errors(String json) {
        ValidationResult result = validator().validateWithResult(json);
        return result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(SingleValidationMessage::toString).toList();
    }

    @ParameterizedTest
    @MethodSource("names")
    void theResponseOfEveryExampleValidatesAndSaysWhatTheAssessmentSays(String name) throws IOException {
        Patient patient = PatientJson.read(Examples.patientFile(name));
        Assessment a = Examples.engine().assess(patient);
        String json = FhirJson.write(FhirAssessment.of(a));
        assertThat(errors(json)).as(name).isEmpty();

        GuidanceResponse g = FhirJson.parse(GuidanceResponse.class, json);
        assertContent(a, g);
    }

    @ParameterizedTest
    @MethodSource("names")
    void theResponseForAMappedBundleRefersToTheResourcesBehindTheEvidence(String name) {
        MappedPatient mapped = Examples.MAPPER.map(Examples.bundle(name));
        Assessment a = Examples.engine().assess(mapped.patient());
        String json = FhirJson.write(FhirAssessment.of(a, mapped));
        assertThat(errors(json)).as(name).isEmpty();

        GuidanceResponse g = FhirJson.parse(GuidanceResponse.class, json);
        assertContent(a, g);
        assertThat(g.getSubject().getReference()).isEqualTo("Patient/pat");
        for (DetectedIssue d : issues(g)) {
            Set<String> implicated = d.getImplicated().stream().map(Reference::getReference).collect(Collectors.toSet());
            Set<String> expected = new LinkedHashSet<>();
            finding(a, d).evidence().forEach(e -> expected.addAll(
                    mapped.provenance().getOrDefault(Input.byJsonName(e.input()).orElseThrow(), List.of())));
            assertThat(implicated).as(name + " " + d.getCode().getCodingFirstRep().getCode()).isEqualTo(expected);
        }
        risk(g).ifPresent(r -> {
            Set<String> expected = new LinkedHashSet<>();
            a.findings().stream().filter(f -> f.category() == Category.PATIENT_RISK)
                    .flatMap(f -> f.evidence().stream())
                    .forEach(e -> expected.addAll(mapped.provenance()
                            .getOrDefault(Input.byJsonName(e.input()).orElseThrow(), List.of())));
            assertThat(r.getBasis()).extracting(Reference::getReference).containsExactlyInAnyOrderElementsOf(expected);
        });
    }

    @ParameterizedTest
    @MethodSource("names")
    void theExampleBundlesValidateToo(String name) throws IOException {
        String json = Files.readString(Examples.examples().resolve("fhir/" + name + ".bundle.json"));
        assertThat(errors(json)).as(name).isEmpty();
    }

    @Test
    void theValidatorFindsErrors() {
        assertThat(errors("{\"resourceType\": \"GuidanceResponse\", \"status\": \"done\"}")).isNotEmpty();
    }

    @Test
    void aRedFlagPatientHasAHighSeverityIssueCitingItsSource() throws IOException {
        Assessment a = Examples.engine().assess(PatientJson.read(Examples.patientFile("cauda-equina")));
        assertThat(a.verdict()).isEqualTo(Verdict.URGENT_EVALUATION);
        GuidanceResponse g = FhirJson.parse(GuidanceResponse.class, FhirJson.write(FhirAssessment.of(a)));
        List<DetectedIssue> issues = issues(g);
        assertThat(issues).isNotEmpty();
        DetectedIssue first = issues.get(0);
        assertThat(first.getSeverity()).isEqualTo(DetectedIssue.DetectedIssueSeverity.HIGH);
        assertThat(first.getReference()).isEqualTo("https://www.nice.org.uk/guidance/ng59");
        assertThat(first.getEvidence()).anySatisfy(e -> assertThat(e.getCodeFirstRep().getCodingFirstRep().getCode())
                .isEqualTo("bladderBowelDysfunction"));
        assertThat(first.getEvidence()).anySatisfy(e -> assertThat(e.getCodeFirstRep().getText()).contains("NICE"));
    }

    @Test
    void anIncompleteReferralRequiresDataNamingTheInputsAndTheResources() throws IOException {
        Assessment a = Examples.engine().assess(PatientJson.read(Examples.patientFile("incomplete-referral")));
        assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
        GuidanceResponse g = FhirAssessment.of(a);
        assertThat(g.getStatus()).isEqualTo(GuidanceResponse.GuidanceResponseStatus.DATAREQUIRED);
        assertThat(g.getDataRequirement()).anySatisfy(d -> {
            assertThat(inputOf(d)).isEqualTo("asaClass");
            assertThat(d.getType()).isEqualTo("Observation");
            assertThat(d.getCodeFilterFirstRep().getCode()).extracting(c -> c.getSystem() + "|" + c.getCode())
                    .contains("http://snomed.info/sct|302132005", FhirAssessment.INPUT_SYSTEM + "|asaClass");
        });
        assertThat(g.getDataRequirement()).anySatisfy(d -> {
            assertThat(inputOf(d)).isEqualTo("imagingDone");
            assertThat(d.getType()).isEqualTo("Procedure");
            assertThat(d.getCodeFilterFirstRep().getCode()).extracting(c -> c.getSystem() + "|" + c.getCode())
                    .contains("http://www.ama-assn.org/go/cpt|72148");
        });
    }

    @Test
    void anIncompleteReferralAsksFirstForTheRedFlagScreenAndSaysWhichVerdictsAreStillPossible() throws IOException {
        Assessment a = Examples.engine().assess(PatientJson.read(Examples.patientFile("incomplete-referral")));
        GuidanceResponse g = FhirJson.parse(GuidanceResponse.class, FhirJson.write(FhirAssessment.of(a)));
        DataRequirement first = g.getDataRequirementFirstRep();
        assertThat(inputOf(first)).isEqualTo("seriousPathologySuspected");
        assertThat(settlesOf(first)).isEqualTo("URGENT_EVALUATION");
        assertThat(first.getExtensionsByUrl(FhirAssessment.CRITERION_EXTENSION))
                .extracting(e -> ((Coding) e.getValue()).getCode()).containsExactly("URG-2");
        assertThat(g.getDataRequirement()).anySatisfy(d -> {
            assertThat(inputOf(d)).isEqualTo("asaClass");
            assertThat(settlesOf(d)).isEqualTo("OUTSIDE_SCOPE");
        });
        // An input that only completes the risk picture settles no verdict.
        assertThat(g.getDataRequirement()).anySatisfy(d -> {
            assertThat(inputOf(d)).isEqualTo("smokingStatus");
            assertThat(settlesOf(d)).isNull();
        });
        assertThat(output(g).getParameter().stream().filter(p -> p.getName().equals("possibleVerdict"))
                .map(p -> ((Coding) p.getValue()).getCode()).toList())
                .startsWith("URGENT_EVALUATION", "OUTSIDE_SCOPE").doesNotContain("SURGERY_NOT_INDICATED");
        assertThat(g.getNoteFirstRep().getText()).contains("Still possible: Urgent evaluation; Outside the scope");
    }

    @Test
    void anAdolescentIsOutsideTheScopeWithAScopeIssue() throws IOException {
        Assessment a = Examples.engine().assess(PatientJson.read(Examples.patientFile("adolescent-disc-herniation")));
        GuidanceResponse g = FhirJson.parse(GuidanceResponse.class, FhirJson.write(FhirAssessment.of(a)));
        assertThat(g.getReasonCodeFirstRep().getCodingFirstRep().getCode()).isEqualTo("OUTSIDE_SCOPE");
        assertThat(issues(g)).extracting(d -> d.getCode().getCodingFirstRep().getCode()).containsExactly("SCOPE-CHILD");
        assertThat(issues(g).get(0).getSeverity()).isEqualTo(DetectedIssue.DetectedIssueSeverity.MODERATE);
        assertThat(output(g).getParameter().stream().filter(p -> p.getName().equals("possibleVerdict"))
                .map(p -> ((Coding) p.getValue()).getCode()).toList()).containsExactly("OUTSIDE_SCOPE");
    }

    @Test
    void discordantImagingAsksForFurtherEvaluation() throws IOException {
        Assessment a = Examples.engine().assess(PatientJson.read(Examples.patientFile("discordant-imaging")));
        GuidanceResponse g = FhirAssessment.of(a);
        assertThat(g.getReasonCodeFirstRep().getCodingFirstRep().getCode()).isEqualTo("FURTHER_EVALUATION");
        assertThat(g.getReasonCodeFirstRep().getText()).isEqualTo("Verdict: Further evaluation first");
        assertThat(g.getNoteFirstRep().getText()).contains("CAND-5-NOT-PINPOINTED").doesNotContain("Still possible");
    }

    private static void assertContent(Assessment a, GuidanceResponse g) {
        assertThat(g.getModuleUriType().getValue()).contains(a.knowledgeBase().sha256());
        assertThat(g.getOccurrenceDateTime().toInstant()).isEqualTo(a.assessedAt().truncatedTo(ChronoUnit.MILLIS));
        assertThat(g.getReasonCodeFirstRep().getCodingFirstRep().getCode()).isEqualTo(a.verdict().name());
        assertThat(g.getReasonCodeFirstRep().getText()).contains(a.verdict().title());
        GuidanceResponse.GuidanceResponseStatus status = a.verdict() == Verdict.INSUFFICIENT_INFORMATION
                ? GuidanceResponse.GuidanceResponseStatus.DATAREQUIRED
                : a.missingInputs().isEmpty() && a.inputsToComplete().isEmpty()
                ? GuidanceResponse.GuidanceResponseStatus.SUCCESS
                : GuidanceResponse.GuidanceResponseStatus.DATAREQUESTED;
        assertThat(g.getStatus()).isEqualTo(status);
        assertThat(output(g).getParameter().stream().filter(p -> p.getName().equals("possibleVerdict"))
                .map(p -> ((Coding) p.getValue()).getCode()).toList())
                .containsExactlyElementsOf(a.possibleVerdicts().stream().map(Verdict::name).toList());

        List<Finding> issueFindings = a.findings().stream()
                .filter(f -> f.category() == Category.OPEN_SURGERY || f.category() == Category.RED_FLAG
                        || f.category() == Category.SCOPE).toList();
        List<DetectedIssue> issues = issues(g);
        assertThat(issues).extracting(d -> d.getCode().getCodingFirstRep().getCode())
                .containsExactlyElementsOf(issueFindings.stream().map(Finding::code).toList());
        for (DetectedIssue d : issues) {
            Finding f = finding(a, d);
            assertThat(d.getDetail()).contains(f.detail());
            assertThat(d.getEvidence().stream().flatMap(e -> e.getCode().stream())
                    .map(c -> c.getCodingFirstRep().getCode()).toList())
                    .containsAll(f.evidence().stream().map(e -> e.input()).toList())
                    .containsAll(f.sources().stream().map(s -> s.id()).toList());
        }

        List<Finding> risks = a.findings().stream().filter(f -> f.category() == Category.PATIENT_RISK).toList();
        if (risks.isEmpty()) {
            assertThat(risk(g)).isEmpty();
        } else {
            RiskAssessment r = risk(g).orElseThrow();
            assertThat(r.getPrediction()).extracting(p -> p.getOutcome().getCodingFirstRep().getCode())
                    .containsExactlyElementsOf(risks.stream().map(Finding::code).toList());
            for (int i = 0; i < risks.size(); i++) {
                String rationale = r.getPrediction().get(i).getRationale();
                Finding f = risks.get(i);
                f.evidence().forEach(e -> assertThat(rationale).contains(e.input()));
                f.sources().forEach(s -> assertThat(rationale).contains(s.id()));
            }
        }

        Set<String> required = g.getDataRequirement().stream().map(FhirAssessmentTest::inputOf)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> expected = new LinkedHashSet<>(a.missingInputs());
        a.inputsToComplete().forEach(m -> expected.add(m.input()));
        assertThat(required).containsExactlyElementsOf(expected);
        assertThat(g.getDataRequirement()).allSatisfy(d -> assertThat(d.getType()).isNotBlank());
        for (DataRequirement d : g.getDataRequirement()) {
            String input = inputOf(d);
            String settles = a.toSettle().stream().filter(m -> m.input().equals(input)).findFirst()
                    .map(m -> m.verdict().name()).orElse(null);
            assertThat(settlesOf(d)).as(input).isEqualTo(settles);
        }
    }

    private static String settlesOf(DataRequirement d) {
        var e = d.getExtensionByUrl(FhirAssessment.SETTLES_EXTENSION);
        return e == null ? null : ((Coding) e.getValue()).getCode();
    }

    private static String inputOf(DataRequirement d) {
        return ((CodeType) d.getExtensionByUrl(FhirAssessment.INPUT_EXTENSION).getValue()).getValue();
    }

    private static Parameters output(GuidanceResponse g) {
        assertThat(g.getOutputParameters().getReference()).isEqualTo("#output");
        return g.getContained().stream().filter(r -> r instanceof Parameters).map(Parameters.class::cast)
                .findFirst().orElseThrow();
    }

    private static List<DetectedIssue> issues(GuidanceResponse g) {
        return output(g).getParameter().stream().filter(p -> p.getName().equals("detectedIssue"))
                .map(p -> (DetectedIssue) p.getResource()).toList();
    }

    private static java.util.Optional<RiskAssessment> risk(GuidanceResponse g) {
        return output(g).getParameter().stream().filter(p -> p.getName().equals("riskAssessment"))
                .map(p -> (RiskAssessment) p.getResource()).findFirst();
    }

    private static Finding finding(Assessment a, DetectedIssue d) {
        String code = d.getCode().getCodingFirstRep().getCode();
        return a.findings().stream().filter(f -> f.code().equals(code)).findFirst().orElseThrow();
    }
}
