package org.spinecds.batch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.spinecds.Assessment;
import org.spinecds.AssessmentException;
import org.spinecds.Category;
import org.spinecds.Finding;
import org.spinecds.InvalidPatientException;
import org.spinecds.SpineCds;
import org.spinecds.Verdict;
import org.spinecds.json.AssessmentJson;
import org.spinecds.json.PatientJson;
import org.spinecds.patient.Patient;

/**
 * One screened record of a population: the assessment of a patient, or the error that kept the record
 * from being assessed (the field it names and the message), never both. {@code spinecds batch} and the
 * Spark job build their output from it, so that both give the same answers and the same errors.
 *
 * @param record the record's number in its input (the line number of an NDJSON file), from 1
 * @param assessment the assessment, or {@code null} for an error
 * @param errorField the field an error names ({@code $} for the whole document, {@code (rules)} when the
 *     rules failed on the patient), or {@code null}
 * @param errorMessage the error's message, or {@code null}
 */
public record ScreeningResult(long record, Assessment assessment, String errorField, String errorMessage) {

    /** The field an error names when the rules, not the input, failed on a patient. */
    public static final String RULES_FIELD = "(rules)";

    public ScreeningResult {
        if ((assessment == null) == (errorField == null)) {
            throw new IllegalArgumentException("a screening result holds an assessment or an error, not both or none");
        }
    }

    /** Reads one patient JSON document strictly and assesses it. */
    public static ScreeningResult screen(SpineCds engine, long record, String json) {
        return screen(engine, record, () -> PatientJson.read(json));
    }

    /**
     * Reads a patient with {@code reader} and assesses it; an {@link InvalidPatientException} from the
     * reader or an {@link AssessmentException} from the rules becomes an error result.
     */
    public static ScreeningResult screen(SpineCds engine, long record, Supplier<Patient> reader) {
        try {
            return new ScreeningResult(record, engine.assess(reader.get()), null, null);
        } catch (InvalidPatientException e) {
            return new ScreeningResult(record, null, e.field(), e.getMessage());
        } catch (AssessmentException e) {
            return new ScreeningResult(record, null, RULES_FIELD, e.getMessage());
        }
    }

    public boolean isError() {
        return assessment == null;
    }

    /** The verdict, or {@code null} for an error. */
    public Verdict verdict() {
        return assessment == null ? null : assessment.verdict();
    }

    /** The host's patient identifier, or {@code null} (always for an error: the record was not read). */
    public String patientId() {
        return assessment == null ? null : assessment.patientId();
    }

    /** The codes of the findings that decided the verdict, each once, in order; empty for an error. */
    public List<String> decisiveCodes() {
        return assessment == null ? List.of()
                : assessment.decidedBy().stream().map(Finding::code).distinct().toList();
    }

    /** The finding codes by category, every category present (empty when none); empty for an error. */
    public Map<Category, List<String>> findingCodesByCategory() {
        if (assessment == null) {
            return Map.of();
        }
        Map<Category, List<String>> byCategory = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            byCategory.put(c, new ArrayList<>());
        }
        assessment.findings().forEach(f -> byCategory.get(f.category()).add(f.code()));
        byCategory.replaceAll((c, codes) -> List.copyOf(codes));
        return Collections.unmodifiableMap(byCategory);
    }

    /**
     * The verdicts not yet excluded, in verdict order: the verdict itself when it is definitive, every
     * verdict still possible for INSUFFICIENT_INFORMATION; empty for an error.
     */
    public List<Verdict> possibleVerdicts() {
        return assessment == null ? List.of() : assessment.possibleVerdicts();
    }

    /** The inputs to collect (JSON names); empty for an error. */
    public List<String> missingInputs() {
        return assessment == null ? List.of() : assessment.missingInputs();
    }

    /**
     * The record as {@code spinecds batch} writes it: {@code line}, then the compact record
     * ({@code patientId} if given, {@code verdict}, {@code decisive}, {@code possibleVerdicts},
     * {@code missingInputs}), the whole
     * assessment when {@code full}, or {@code error} with its {@code field} and {@code message}.
     */
    public ObjectNode toJson(boolean full) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("line", record);
        if (assessment == null) {
            ObjectNode error = json.putObject("error");
            error.put("field", errorField);
            error.put("message", errorMessage);
        } else if (full) {
            json.setAll(AssessmentJson.toTree(assessment));
        } else {
            if (assessment.patientId() != null) {
                json.put("patientId", assessment.patientId());
            }
            json.put("verdict", assessment.verdict().name());
            ArrayNode decisive = json.putArray("decisive");
            decisiveCodes().forEach(decisive::add);
            ArrayNode possible = json.putArray("possibleVerdicts");
            possibleVerdicts().forEach(v -> possible.add(v.name()));
            ArrayNode missing = json.putArray("missingInputs");
            missingInputs().forEach(missing::add);
        }
        return json;
    }

    /** Names no patient and shows no value: safe to log. */
    @Override
    public String toString() {
        return "ScreeningResult[record " + record + ", "
                + (assessment == null ? "error in " + errorField : assessment.verdict()) + "]";
    }
}
