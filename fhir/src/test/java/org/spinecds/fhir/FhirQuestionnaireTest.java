package org.spinecds.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;

import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;
import org.spinecds.Assessment;
import org.spinecds.InvalidPatientException;
import org.spinecds.Verdict;
import org.spinecds.json.PatientJson;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;

/**
 * The inputs an assessment still needs as a Questionnaire: it validates with HAPI's validator, it is the
 * same JSON for the same inputs, and a QuestionnaireResponse that answers it gives the assessment the
 * values answered, weighed against the other resources as a dated observation.
 */
class FhirQuestionnaireTest {

    private static final String PATIENT_ID = "pat-7d1c";

    /** The incomplete referral of the examples, as its FHIR bundle maps it. */
    private static Assessment incompleteReferral() {
        return Examples.engine().assess(Examples.MAPPER.map(Examples.bundle("incomplete-referral")).patient());
    }

    @Test
    void theQuestionnaireOfAnIncompleteAssessmentValidatesAndAsksForItsMissingInputsInOrder() {
        Assessment a = incompleteReferral();
        assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);

        Questionnaire q = FhirQuestionnaire.forAssessment(a);

        assertThat(errors(q, null)).isEmpty();
        List<String> expected = new ArrayList<>();
        a.toSettle().forEach(m -> expected.add(m.input()));
        a.inputsToComplete().forEach(m -> expected.add(m.input()));
        assertThat(q.getItem()).extracting(QuestionnaireItemComponent::getLinkId)
                .containsExactlyElementsOf(expected.stream().distinct().toList());
        assertThat(q.getUrl()).startsWith(FhirQuestionnaire.URL_BASE + "/");
        assertThat(q.getVersion()).isNotBlank();
    }

    @Test
    void eachItemHasTheTypeUnitRangeAndAnswersOfItsInput() {
        Questionnaire q = FhirQuestionnaire.forInputs(List.of(Input.BMI, Input.ASA_CLASS, Input.COMORBIDITIES,
                Input.SMOKING_STATUS, Input.FEVER, Input.SYMPTOM_DURATION_WEEKS));

        QuestionnaireItemComponent bmi = q.getItem().get(0);
        assertThat(bmi.getLinkId()).isEqualTo("bmi");
        assertThat(bmi.getType()).isEqualTo(Questionnaire.QuestionnaireItemType.DECIMAL);
        assertThat(bmi.getText()).isEqualTo(Input.BMI.description());
        Coding unit = (Coding) bmi.getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/questionnaire-unit")
                .getValue();
        assertThat(unit.getSystem()).isEqualTo("http://unitsofmeasure.org");
        assertThat(unit.getCode()).isEqualTo("kg/m2");

        QuestionnaireItemComponent asa = q.getItem().get(1);
        assertThat(asa.getType()).isEqualTo(Questionnaire.QuestionnaireItemType.INTEGER);
        assertThat(((IntegerType) asa.getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/minValue")
                .getValue()).getValue()).isEqualTo(1);
        assertThat(((IntegerType) asa.getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/maxValue")
                .getValue()).getValue()).isEqualTo(6);
        assertThat(asa.getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/questionnaire-unit"))
                .as("an ASA class is a scale, not a unit of measure").isNull();

        QuestionnaireItemComponent comorbidities = q.getItem().get(2);
        assertThat(comorbidities.getType()).isEqualTo(Questionnaire.QuestionnaireItemType.CHOICE);
        assertThat(comorbidities.getRepeats()).isTrue();
        assertThat(comorbidities.getAnswerOption()).extracting(o -> o.getValueCoding().getCode())
                .containsExactly("comorbidities.DIABETES", "comorbidities.HEART_DISEASE", "comorbidities.LUNG_DISEASE",
                        "comorbidities.KIDNEY_DISEASE", "comorbidities.OSTEOPOROSIS",
                        "comorbidities.IMMUNOSUPPRESSION", "comorbidities.NONE");
        assertThat(comorbidities.getAnswerOption()).allSatisfy(o -> assertThat(o.getValueCoding().getSystem())
                .isEqualTo(FhirAssessment.INPUT_SYSTEM));

        QuestionnaireItemComponent smoking = q.getItem().get(3);
        assertThat(smoking.getType()).isEqualTo(Questionnaire.QuestionnaireItemType.CHOICE);
        assertThat(smoking.getRepeats()).isFalse();
        assertThat(smoking.getAnswerOption()).extracting(o -> o.getValueCoding().getDisplay())
                .containsExactly("Current", "Former", "Never");

        assertThat(q.getItem().get(4).getType()).isEqualTo(Questionnaire.QuestionnaireItemType.BOOLEAN);
        assertThat(((Coding) q.getItem().get(5).getExtensionByUrl(
                "http://hl7.org/fhir/StructureDefinition/questionnaire-unit").getValue()).getCode()).isEqualTo("wk");
        assertThat(errors(q, null)).isEmpty();
    }

    @Test
    void theSameInputsGiveByteIdenticalJsonAndOtherInputsAnotherUrl() {
        String once = FhirJson.write(FhirQuestionnaire.forInputs(List.of(Input.BMI, Input.ASA_CLASS)));
        String again = FhirJson.write(FhirQuestionnaire.forInputs(new ArrayList<>(List.of(Input.BMI, Input.ASA_CLASS,
                Input.BMI))));
        Questionnaire other = FhirQuestionnaire.forInputs(List.of(Input.ASA_CLASS, Input.BMI));

        assertThat(again).isEqualTo(once);
        assertThat(other.getUrl()).isNotEqualTo(FhirJson.parse(Questionnaire.class, once).getUrl());
        assertThat(FhirJson.write(FhirQuestionnaire.forAssessment(incompleteReferral())))
                .isEqualTo(FhirJson.write(FhirQuestionnaire.forAssessment(incompleteReferral())));
    }

    @Test
    void aQuestionnaireOfNoInputIsRefused() {
        assertThatThrownBy(() -> FhirQuestionnaire.forInputs(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("inputs:");
    }

    @Test
    void everyInputAnsweredGivesThePatientThoseValues() throws IOException {
        // A complete patient of the examples, answered on the questionnaire of every input, with the
        // Patient resource that the EHR holds.
        Patient complete = PatientJson.read(Examples.patientFile("lumbar-disc-herniation"));
        Questionnaire q = FhirQuestionnaire.forInputs(EnumSet.allOf(Input.class));
        QuestionnaireResponse qr = filled(q, complete, EnumSet.complementOf(EnumSet.of(Input.AGE, Input.SEX)));

        assertThat(errors(qr, q)).isEmpty();
        MappedPatient mapped = Examples.MAPPER.map(List.of(patientResource(complete), qr));

        for (Input input : Input.values()) {
            if (input != Input.AGE && input != Input.SEX) {
                assertThat(mapped.patient().get(input)).as(input.jsonName()).isEqualTo(complete.get(input));
                if (complete.get(input) != null) {
                    assertThat(mapped.provenance().get(input)).as(input.jsonName())
                            .containsExactly("QuestionnaireResponse/qr-1");
                }
            }
        }
        assertThat(Examples.engine().assess(mapped.patient()).verdict())
                .isEqualTo(Examples.engine().assess(complete).verdict());
    }

    @Test
    void theQuestionnaireOfAnAssessmentFilledInSettlesWhatItAskedFor() throws IOException {
        Bundle bundle = Examples.bundle("incomplete-referral");
        Assessment before = Examples.engine().assess(Examples.MAPPER.map(bundle).patient());
        Questionnaire q = FhirQuestionnaire.forAssessment(before);
        // the answers a clinician gives: those of a complete patient with the same findings on record
        Patient answers = PatientJson.read(Examples.patientFile("incomplete-referral"));
        List<Input> asked = q.getItem().stream().map(i -> Input.byJsonName(i.getLinkId()).orElseThrow()).toList();
        Patient.Builder known = Patient.builder();
        for (Input input : Input.values()) {
            known.set(input, answers.get(input));
        }
        fillDefaults(known, answers, asked);
        Patient filledIn = known.build();
        QuestionnaireResponse qr = filled(q, filledIn, asked);
        bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof org.hl7.fhir.r4.model.Patient).findFirst()
                .ifPresent(p -> qr.setSubject(R.subject(p.getIdElement().getIdPart())));
        assertThat(errors(qr, q)).isEmpty();

        List<Resource> resources = new ArrayList<>();
        bundle.getEntry().forEach(e -> resources.add(e.getResource()));
        resources.add(qr);
        MappedPatient mapped = Examples.MAPPER.map(resources);
        Assessment after = Examples.engine().assess(mapped.patient());

        for (Input input : asked) {
            assertThat(mapped.patient().get(input)).as(input.jsonName()).isEqualTo(filledIn.get(input));
        }
        assertThat(after.missingInputs()).doesNotContainAnyElementsOf(asked.stream().map(Input::jsonName).toList());
        assertThat(after.verdict()).isNotEqualTo(Verdict.INSUFFICIENT_INFORMATION);
    }

    @Test
    void anAnswerIsADatedObservationTheLatestOfWhichWins() {
        org.hl7.fhir.r4.model.Observation bmi = R.observation("bmi-1", R.LOINC, "39156-5", R.quantity(31.0, "kg/m2"),
                "2026-05-20T09:00:00Z");
        bmi.setSubject(R.subject(PATIENT_ID));
        QuestionnaireResponse later = response(q(Input.BMI), "2026-05-28T10:00:00Z", item("bmi", new DecimalType("27.5")));
        QuestionnaireResponse earlier = response(q(Input.BMI), "2026-05-01T10:00:00Z", item("bmi", new DecimalType("27.5")));

        assertThat(Examples.MAPPER.map(List.of(patient(), bmi, later)).patient().getBmi()).isEqualTo(27.5);
        assertThat(Examples.MAPPER.map(List.of(patient(), bmi, earlier)).patient().getBmi()).isEqualTo(31.0);
    }

    @Test
    void anAnsweredListIsTheCompleteListAndNoneIsTheEmptyOne() {
        QuestionnaireResponse some = response(q(Input.COMORBIDITIES), "2026-05-28T10:00:00Z",
                item("comorbidities", coding("comorbidities.DIABETES"), coding("comorbidities.OSTEOPOROSIS")));
        QuestionnaireResponse none = response(q(Input.COMORBIDITIES), "2026-05-28T10:00:00Z",
                item("comorbidities", coding("comorbidities.NONE")));

        assertThat(Examples.MAPPER.map(List.of(patient(), some)).patient().getComorbidities())
                .containsExactlyInAnyOrder(org.spinecds.patient.Comorbidity.DIABETES,
                        org.spinecds.patient.Comorbidity.OSTEOPOROSIS);
        assertThat(Examples.MAPPER.map(List.of(patient(), none)).patient().getComorbidities()).isEmpty();
    }

    @Test
    void aBadAnswerLeavesItsInputUnknownNamingTheItemAndTheOtherAnswersCount() {
        assertLeftUnknown(item("asaClass", new IntegerType(9)), "asaClass");
        assertLeftUnknown(item("asaClass", new StringType("III")), "asaClass", "valueInteger");
        assertLeftUnknown(item("fever", new IntegerType(1)), "fever", "valueBoolean");
        assertLeftUnknown(item("smokingStatus", coding("smokingStatus.SOMETIMES")), "smokingStatus", "SOMETIMES");
        assertLeftUnknown(item("smokingStatus", coding("smokingStatus.NEVER"), coding("smokingStatus.CURRENT")),
                "smokingStatus", "one answer");
        assertLeftUnknown(item("comorbidities", coding("comorbidities.NONE"), coding("comorbidities.DIABETES")),
                "comorbidities", "NONE");
        assertLeftUnknown(item("bmi", new DecimalType("0")), "bmi");
        MappedPatient other = Examples.MAPPER.map(List.of(patient(), response(q(Input.BMI), "2026-05-28T10:00:00Z",
                item("favouriteColour", new StringType("blue")), item("bmi", new DecimalType("27.5")))));
        assertThat(other.patient().getBmi()).isEqualTo(27.5);
        assertThat(other.unsettled()).isEmpty();
    }

    /**
     * A form engine's response holds items that are no question: a display item (instructions), a group
     * without answers. They are skipped silently, and the answers after them count; an answered item that
     * is not a SpineCDS input is still left aside (and logged as such).
     */
    @Test
    void aDisplayItemOrAnEmptyGroupIsSkippedSilently() {
        QuestionnaireResponseItemComponent display = new QuestionnaireResponseItemComponent()
                .setLinkId("instructions").setText("Please answer the questions below for the spine clinic.");
        QuestionnaireResponseItemComponent group = new QuestionnaireResponseItemComponent().setLinkId("risk-group")
                .setText("Risk factors");
        QuestionnaireResponse qr = response(q(Input.BMI, Input.ASA_CLASS), "2026-05-28T10:00:00Z", display, group,
                item("bmi", new DecimalType("27.5")), item("asaClass", new IntegerType(2)));
        org.spinecds.rules.CapturingLogs.start();
        MappedPatient mapped;
        List<String> lines;
        try {
            mapped = Examples.MAPPER.map(List.of(patient(), qr));
        } finally {
            lines = org.spinecds.rules.CapturingLogs.stop();
        }
        assertThat(mapped.patient().getBmi()).isEqualTo(27.5);
        assertThat(mapped.patient().getAsaClass()).isEqualTo(2);
        assertThat(mapped.unsettled()).isEmpty();
        assertThat(lines).noneMatch(l -> l.contains("FHIR value ignored") || l.contains("left unknown"));

        QuestionnaireResponse answered = response(q(Input.BMI), "2026-05-28T10:00:00Z",
                item("favouriteColour", new StringType("blue")), item("bmi", new DecimalType("27.5")));
        org.spinecds.rules.CapturingLogs.start();
        try {
            mapped = Examples.MAPPER.map(List.of(patient(), answered));
        } finally {
            lines = org.spinecds.rules.CapturingLogs.stop();
        }
        assertThat(mapped.patient().getBmi()).isEqualTo(27.5);
        assertThat(lines).anyMatch(l -> l.contains("FHIR value ignored")).noneMatch(l -> l.contains("favouriteColour"));
    }

    @Test
    void aResponseInProgressOrToAnotherQuestionnaireIsLeftAside() {
        QuestionnaireResponse inProgress = response(q(Input.BMI), "2026-05-28T10:00:00Z", item("bmi", new DecimalType("27.5")));
        inProgress.setStatus(QuestionnaireResponseStatus.INPROGRESS);
        QuestionnaireResponse other = response(q(Input.BMI), "2026-05-28T10:00:00Z", item("bmi", new DecimalType("27.5")));
        other.setQuestionnaire("http://example.org/Questionnaire/phq-9");

        assertThat(Examples.MAPPER.map(List.of(patient(), inProgress)).patient().getBmi()).isNull();
        assertThat(Examples.MAPPER.map(List.of(patient(), other)).patient().getBmi()).isNull();
    }

    @Test
    void aResponseAboutAnotherPatientIsRefused() {
        QuestionnaireResponse qr = response(q(Input.BMI), "2026-05-28T10:00:00Z", item("bmi", new DecimalType("27.5")));
        qr.setSubject(R.subject("someone-else"));

        assertThatThrownBy(() -> Examples.MAPPER.map(List.of(patient(), qr)))
                .isInstanceOf(InvalidPatientException.class).hasMessageContaining("another patient");
    }

    // ---------------------------------------------------------------- helpers

    private static void assertLeftUnknown(QuestionnaireResponseItemComponent item, String field, String... words) {
        QuestionnaireResponse qr = response(q(Input.BMI), "2026-05-28T10:00:00Z", item,
                item("expectsCompletePainRelief", new org.hl7.fhir.r4.model.BooleanType(false)));
        MappedPatient mapped = Examples.MAPPER.map(List.of(patient(), qr));
        Input input = Input.byJsonName(field).orElseThrow();
        assertThat(mapped.patient().isKnown(input)).as(field).isFalse();
        assertThat(mapped.unsettled()).containsKey(input);
        for (String w : words) {
            assertThat(String.join(" ", mapped.unsettled().get(input))).contains(w);
        }
        assertThat(mapped.patient().getExpectsCompletePainRelief()).as("the other answers count").isFalse();
    }

    private static Questionnaire q(Input... inputs) {
        return FhirQuestionnaire.forInputs(List.of(inputs));
    }

    private static org.hl7.fhir.r4.model.Patient patient() {
        org.hl7.fhir.r4.model.Patient p = R.patient(PATIENT_ID, "1971-03-02");
        p.setGender(AdministrativeGender.FEMALE);
        return p;
    }

    /** A Patient resource of the patient's age (against the examples' clock) and sex. */
    private static org.hl7.fhir.r4.model.Patient patientResource(Patient patient) {
        org.hl7.fhir.r4.model.Patient p = R.patient(PATIENT_ID, java.time.LocalDate.now(Examples.CLOCK)
                .minusYears(patient.getAge()).minusDays(10).toString());
        p.setGender(AdministrativeGender.fromCode(patient.getSex().name().toLowerCase(java.util.Locale.ROOT)));
        return p;
    }

    private static QuestionnaireResponse response(Questionnaire q, String authored,
                                                  QuestionnaireResponseItemComponent... items) {
        QuestionnaireResponse qr = new QuestionnaireResponse();
        qr.setId("qr-1");
        qr.setQuestionnaire(q.getUrl() + "|" + q.getVersion());
        qr.setStatus(QuestionnaireResponseStatus.COMPLETED);
        qr.setSubject(R.subject(PATIENT_ID));
        qr.setAuthoredElement(new DateTimeType(authored));
        for (QuestionnaireResponseItemComponent i : items) {
            qr.addItem(i);
        }
        return qr;
    }

    private static QuestionnaireResponseItemComponent item(String linkId, Type... answers) {
        QuestionnaireResponseItemComponent item = new QuestionnaireResponseItemComponent().setLinkId(linkId);
        for (Type a : answers) {
            item.addAnswer().setValue(a);
        }
        return item;
    }

    private static Coding coding(String code) {
        return new Coding(FhirAssessment.INPUT_SYSTEM, code, null);
    }

    /** The response a form engine gives for the patient's values of the inputs given (the others unanswered). */
    private static QuestionnaireResponse filled(Questionnaire q, Patient patient, Collection<Input> answered) {
        List<QuestionnaireResponseItemComponent> items = new ArrayList<>();
        for (QuestionnaireItemComponent qi : q.getItem()) {
            Input input = Input.byJsonName(qi.getLinkId()).orElseThrow();
            Object value = patient.get(input);
            if (!answered.contains(input) || value == null) {
                continue;
            }
            QuestionnaireResponseItemComponent item = new QuestionnaireResponseItemComponent()
                    .setLinkId(qi.getLinkId()).setText(qi.getText());
            switch (input.type()) {
                case BOOLEAN -> item.addAnswer().setValue(new BooleanType((Boolean) value));
                case INTEGER -> item.addAnswer().setValue(new IntegerType((Integer) value));
                case DECIMAL -> item.addAnswer().setValue(new DecimalType(java.math.BigDecimal.valueOf((Double) value)));
                case ENUM -> item.addAnswer().setValue(option(qi, input.jsonName() + "." + ((Enum<?>) value).name()));
                case ENUM_SET -> {
                    Collection<?> members = (Collection<?>) value;
                    if (members.isEmpty()) {
                        item.addAnswer().setValue(option(qi, input.jsonName() + ".NONE"));
                    }
                    members.forEach(m -> item.addAnswer().setValue(option(qi, input.jsonName() + "." + ((Enum<?>) m).name())));
                }
                default -> throw new IllegalStateException(input.name());
            }
            items.add(item);
        }
        QuestionnaireResponse qr = response(q, "2026-05-30T08:15:00Z");
        items.forEach(qr::addItem);
        return qr;
    }

    /** The answer option with the code, as a form engine copies it. */
    private static Coding option(QuestionnaireItemComponent qi, String code) {
        return qi.getAnswerOption().stream().map(o -> o.getValueCoding()).filter(c -> c.getCode().equals(code))
                .findFirst().orElseThrow(() -> new AssertionError("no option " + code)).copy();
    }

    /** Values for the asked inputs that the example leaves unknown: a plain, consistent lumbar case. */
    private static void fillDefaults(Patient.Builder b, Patient known, List<Input> asked) {
        for (Input input : asked) {
            if (known.get(input) != null) {
                continue;
            }
            switch (input.type()) {
                case BOOLEAN -> b.set(input, input == Input.SYMPTOMS_PERSIST || input == Input.IMAGING_DONE
                        || input == Input.PHYSICAL_EXAM_DONE || input == Input.IMAGING_CONCORDANT
                        || input == Input.TARGET_ACCESSIBLE || input == Input.ADULT_CAREGIVER_AT_HOME);
                case INTEGER -> b.set(input, switch (input) {
                    case ASA_CLASS -> 2;
                    case LEVELS -> 1;
                    case SYMPTOM_DURATION_WEEKS, CONSERVATIVE_CARE_WEEKS -> 14;
                    case MJOA_SCORE -> 18;
                    case MOTOR_STRENGTH_MRC -> 5;
                    case SURGEON_MISS_PROCEDURES -> 300;
                    default -> (int) input.min();
                });
                case DECIMAL -> b.set(input, input == Input.BMI ? 26.0 : 0.0);
                case ENUM -> b.set(input, input.enumType().getEnumConstants()[0]);
                case ENUM_SET -> b.set(input, EnumSet.noneOf(enumClass(input)));
                default -> throw new IllegalStateException(input.name());
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class enumClass(Input input) {
        return input.enumType();
    }

    private static synchronized List<String> errors(Resource resource, Questionnaire questionnaire) {
        var ctx = FhirJson.context();
        PrePopulatedValidationSupport known = new PrePopulatedValidationSupport(ctx);
        if (questionnaire != null) {
            known.addResource(questionnaire);
        }
        ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(ctx),
                new SnapshotGeneratingValidationSupport(ctx), new InMemoryTerminologyServerValidationSupport(ctx),
                new CommonCodeSystemsTerminologyService(ctx), known);
        FhirValidator validator = ctx.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
        return validator.validateWithResult(FhirJson.write(resource)).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(SingleValidationMessage::toString).toList();
    }
}
