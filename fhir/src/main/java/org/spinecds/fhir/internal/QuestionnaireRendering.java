package org.spinecds.fhir.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.hl7.fhir.r4.model.Type;
import org.spinecds.fhir.FhirJson;
import org.spinecds.patient.Input;

/**
 * Renders SpineCDS inputs as a FHIR R4 {@code Questionnaire} in the style of Structured Data Capture:
 * one item per input, its linkId the input's JSON name, its type from the input's type, its unit and
 * range as the core {@code questionnaire-unit}, {@code minValue} and {@code maxValue} extensions, and
 * the members of a coded input as {@code answerOption} codings of {@link CodeList#SPINECDS_SYSTEM}.
 * Nothing in it depends on a clock or on a patient, so the same inputs always give the same JSON.
 */
public final class QuestionnaireRendering {

    /** The canonical URL every SpineCDS inputs Questionnaire starts with. */
    public static final String URL_BASE = "https://spinecds.org/fhir/Questionnaire/spinecds-inputs";
    /** The code of the answer of a coded-list item that says the list is empty. */
    public static final String NONE = "NONE";

    static final String UNIT_EXTENSION = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit";
    static final String MIN_EXTENSION = "http://hl7.org/fhir/StructureDefinition/minValue";
    static final String MAX_EXTENSION = "http://hl7.org/fhir/StructureDefinition/maxValue";
    static final String UCUM = "http://unitsofmeasure.org";

    /** The UCUM code of each SpineCDS unit that is a unit of measure (the others are scales or counts). */
    private static final Map<String, String> UCUM_CODES = Map.of(
            "kg/m2", "kg/m2", "cm", "cm", "mm", "mm", "deg", "deg", "weeks", "wk", "years", "a");

    private QuestionnaireRendering() {
    }

    /** The Questionnaire of the inputs, in the order given (without repeats). */
    public static Questionnaire render(List<Input> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("inputs: give at least one input");
        }
        List<Input> items = inputs.stream().distinct().toList();
        String linkIds = String.join(",", items.stream().map(Input::jsonName).toList());
        String id = "spinecds-inputs-" + sha256(linkIds).substring(0, 16);
        Questionnaire q = new Questionnaire();
        q.setId(id);
        q.setUrl(URL_BASE + "/" + id.substring("spinecds-inputs-".length()));
        q.setName("SpineCDSInputs");
        q.setTitle("SpineCDS: inputs to collect");
        q.setStatus(PublicationStatus.ACTIVE);
        q.addSubjectType("Patient");
        q.setPublisher("SpineCDS");
        q.setDescription("The inputs a SpineCDS assessment still needs, one item per input; answer what is known "
                + "and leave the rest unanswered (an unanswered item stays unknown).");
        for (Input input : items) {
            q.addItem(item(input));
        }
        // The version names the content: the same items always have the same version, and any change of
        // an item's text, type, unit or answers gives a new one.
        q.setVersion(sha256(FhirJson.context().newJsonParser().encodeResourceToString(q)).substring(0, 16));
        return q;
    }

    private static QuestionnaireItemComponent item(Input input) {
        QuestionnaireItemComponent item = new QuestionnaireItemComponent();
        item.setLinkId(input.jsonName());
        item.setText(input.description());
        item.addCode(new Coding(CodeList.SPINECDS_SYSTEM, input.jsonName(), input.description()));
        switch (input.type()) {
            case BOOLEAN -> item.setType(QuestionnaireItemType.BOOLEAN);
            case INTEGER -> {
                item.setType(QuestionnaireItemType.INTEGER);
                range(item, new IntegerType((int) input.min()), new IntegerType((int) input.max()));
                unit(item, input);
            }
            case DECIMAL -> {
                item.setType(QuestionnaireItemType.DECIMAL);
                range(item, decimal(input.min()), decimal(input.max()));
                unit(item, input);
            }
            case ENUM -> {
                item.setType(QuestionnaireItemType.CHOICE);
                options(item, input, false);
            }
            case ENUM_SET -> {
                item.setType(QuestionnaireItemType.CHOICE);
                item.setRepeats(true);
                options(item, input, true);
            }
            default -> throw new IllegalStateException(input.name());
        }
        return item;
    }

    private static void range(QuestionnaireItemComponent item, Type min, Type max) {
        item.addExtension(MIN_EXTENSION, min);
        item.addExtension(MAX_EXTENSION, max);
    }

    private static void unit(QuestionnaireItemComponent item, Input input) {
        String ucum = input.unit() == null ? null : UCUM_CODES.get(input.unit());
        if (ucum != null) {
            item.addExtension(UNIT_EXTENSION, new Coding(UCUM, ucum, input.unit()));
        } else if (input.unit() != null) {
            item.setText(input.description() + " (" + input.unit() + ")");
        }
    }

    private static void options(QuestionnaireItemComponent item, Input input, boolean set) {
        for (Enum<?> member : input.enumType().getEnumConstants()) {
            item.addAnswerOption().setValue(new Coding(CodeList.SPINECDS_SYSTEM, code(input, member.name()),
                    display(member.name())));
        }
        if (set) {
            item.addAnswerOption().setValue(new Coding(CodeList.SPINECDS_SYSTEM, code(input, NONE), "None of these"));
        }
    }

    /** The code of an answer: {@code input.MEMBER}, as everywhere in the SpineCDS code system. */
    public static String code(Input input, String member) {
        return input.jsonName() + "." + member;
    }

    /** {@code HERNIATED_DISC} as {@code Herniated disc}; the abbreviation {@code ACDF} is spelled out. */
    static String display(String constant) {
        if (constant.equals("ACDF")) {
            return "ACDF (anterior cervical discectomy and fusion)";
        }
        String words = constant.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static DecimalType decimal(double v) {
        return new DecimalType(BigDecimal.valueOf(v).stripTrailingZeros().toPlainString());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
