package org.spinecds.fhir;

import java.util.Objects;

import org.hl7.fhir.r4.model.GuidanceResponse;
import org.spinecds.Assessment;
import org.spinecds.fhir.internal.CodeList;
import org.spinecds.fhir.internal.GuidanceRendering;

/**
 * An {@link Assessment} as a FHIR R4 {@code GuidanceResponse}:
 *
 * <ul>
 *   <li>{@code status}, from the verdict: {@code data-required} when it is INSUFFICIENT_INFORMATION;
 *       for a verdict of the walk {@code data-requested} when inputs that would complete the risk,
 *       setting or recovery picture are unknown, otherwise {@code success};</li>
 *   <li>{@code moduleUri} names the knowledge base: its name, version and SHA-256;</li>
 *   <li>{@code occurrenceDateTime} is when the assessment was made; {@code subject} the patient
 *       ({@code Patient/<patientId>} when the assessment has one);</li>
 *   <li>{@code reasonCode} and {@code note} give the verdict, the findings that decided it and the
 *       rule base;</li>
 *   <li>{@code outputParameters} refers to a contained {@code Parameters} resource with the verdict,
 *       the verdicts still possible (in verdict order), the status of each candidacy criterion, a
 *       {@code DetectedIssue} for each red-flag, scope and open-surgery finding and a
 *       {@code RiskAssessment} for the patient risk factors, each with its evidence (inputs, values,
 *       thresholds) and the source documents it rests on;</li>
 *   <li>{@code dataRequirement} lists each missing input, first those that would settle the verdict
 *       (in verdict order, the red-flag screen first), then those that would complete the picture:
 *       extensions name the SpineCDS input, the verdict it would settle and its criteria, and the type
 *       and codes say which FHIR resources would supply it.</li>
 * </ul>
 *
 * See {@code docs/fhir.md} for every element. Write it as JSON with {@link FhirJson#write}.
 */
public final class FhirAssessment {

    /** The URL of the extension of a {@code DataRequirement} that names the SpineCDS input (valueCode). */
    public static final String INPUT_EXTENSION = GuidanceRendering.INPUT_EXTENSION;

    /** The URL of the extension of a {@code DataRequirement} that names the verdict its input would settle (valueCoding). */
    public static final String SETTLES_EXTENSION = GuidanceRendering.SETTLES_EXTENSION;

    /** The URL of the extension of a {@code DataRequirement} that names a criterion its input concerns (valueCoding). */
    public static final String CRITERION_EXTENSION = GuidanceRendering.CRITERION_EXTENSION;

    /** The code system of SpineCDS's input codes (an input's JSON name, or {@code input.MEMBER}). */
    public static final String INPUT_SYSTEM = CodeList.SPINECDS_SYSTEM;

    private FhirAssessment() {
    }

    /** The assessment as a GuidanceResponse. */
    public static GuidanceResponse of(Assessment assessment) {
        return new GuidanceRendering(CodeList.defaults(), null).render(Objects.requireNonNull(assessment, "assessment"));
    }

    /**
     * The assessment of a patient mapped from FHIR as a GuidanceResponse: the issues and the risk
     * assessment also refer to the resources behind their evidence ({@code DetectedIssue.implicated},
     * {@code evidence.detail}, {@code RiskAssessment.basis}).
     */
    public static GuidanceResponse of(Assessment assessment, MappedPatient mapped) {
        Objects.requireNonNull(mapped, "mapped");
        return new GuidanceRendering(CodeList.defaults(), mapped).render(Objects.requireNonNull(assessment, "assessment"));
    }
}
