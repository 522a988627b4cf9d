package org.spinecds.fhir;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.hl7.fhir.r4.model.Questionnaire;
import org.spinecds.Assessment;
import org.spinecds.fhir.internal.QuestionnaireRendering;
import org.spinecds.patient.Input;

/**
 * The inputs an assessment still needs as a FHIR R4 {@code Questionnaire}, in the style of Structured
 * Data Capture, so that an EHR's form engine can collect them and send the answers back as a
 * {@code QuestionnaireResponse}, which {@link FhirPatientMapper} reads like any other resource.
 *
 * <ul>
 *   <li>One item per input: {@code linkId} is the input's JSON name (e.g. {@code bmi}), {@code text} its
 *       description, {@code code} the input in the SpineCDS input code system.</li>
 *   <li>{@code type} from the input's type: {@code boolean}; {@code integer} or {@code decimal} with the
 *       {@code minValue}/{@code maxValue} extensions and, for a unit of measure, the
 *       {@code questionnaire-unit} extension (a UCUM coding); {@code choice} with an {@code answerOption}
 *       coding ({@code input.MEMBER}) per member for a coded input, and {@code repeats} for a coded list,
 *       whose answers are its complete list ({@code input.NONE} for an empty one).</li>
 *   <li>{@code url} is {@value #URL_BASE}{@code /<id>}, where the id names the items (their linkIds, in
 *       order); {@code version} names the content. Nothing depends on a clock or a patient: the same
 *       inputs always give byte-identical JSON ({@link FhirJson#write}).</li>
 * </ul>
 *
 * A {@code QuestionnaireResponse} counts when its {@code questionnaire} is one of these
 * ({@value #URL_BASE}, optionally followed by {@code /<id>} and {@code |version}) and its status is
 * {@code completed} or {@code amended}; each answer is an observation of its input at
 * {@code authored}. See {@code docs/fhir.md}.
 */
public final class FhirQuestionnaire {

    /** The canonical URL that every SpineCDS inputs Questionnaire's {@code url} starts with. */
    public static final String URL_BASE = QuestionnaireRendering.URL_BASE;

    private FhirQuestionnaire() {
    }

    /**
     * A Questionnaire of the given inputs, in the collection's order, each once; pass a {@code List} or an
     * {@code EnumSet} for an order that does not vary.
     *
     * @throws IllegalArgumentException if there is no input
     */
    public static Questionnaire forInputs(Collection<Input> inputs) {
        Objects.requireNonNull(inputs, "inputs");
        List<Input> list = new ArrayList<>(inputs);
        list.forEach(i -> Objects.requireNonNull(i, "inputs: a null input"));
        return QuestionnaireRendering.render(list);
    }

    /**
     * A Questionnaire of the inputs an assessment still needs: those that would settle the verdict
     * ({@link Assessment#toSettle()}, in verdict order, red-flag screen first), then those that would
     * complete the risk, setting or recovery picture ({@link Assessment#inputsToComplete()}).
     *
     * @throws IllegalArgumentException if the assessment needs no input
     */
    public static Questionnaire forAssessment(Assessment assessment) {
        Objects.requireNonNull(assessment, "assessment");
        List<Input> inputs = new ArrayList<>();
        for (String name : inputNames(assessment)) {
            inputs.add(Input.byJsonName(name).orElseThrow());
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("assessment: it needs no input (nothing to settle or complete)");
        }
        return QuestionnaireRendering.render(inputs);
    }

    /** The inputs of an assessment's questionnaire ({@link #forAssessment}), as their JSON names; empty when none. */
    public static List<String> inputNames(Assessment assessment) {
        Objects.requireNonNull(assessment, "assessment");
        List<String> names = new ArrayList<>();
        assessment.toSettle().forEach(m -> names.add(m.input()));
        assessment.inputsToComplete().forEach(m -> names.add(m.input()));
        // a list member asked for on its own (input.MEMBER) is asked for as its list
        return names.stream().map(n -> n.contains(".") ? n.substring(0, n.indexOf('.')) : n)
                .filter(n -> Input.byJsonName(n).isPresent()).distinct().toList();
    }
}
