package org.spinecds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.spinecds.Assessment;
import org.spinecds.Category;
import org.spinecds.CriterionResult;
import org.spinecds.CriterionStatus;
import org.spinecds.Finding;
import org.spinecds.InvalidPatientException;
import org.spinecds.SpineCds;
import org.spinecds.Verdict;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;

/**
 * The safety property of the criteria catalogue, checked by forgetting one input and filling it with
 * every value worth trying ({@link InputValues}): "unknown is never false, down to the verdict".
 * <ul>
 * <li>a definitive verdict given with the input unknown is the verdict of every value;</li>
 * <li>for INSUFFICIENT_INFORMATION, every value gives INSUFFICIENT_INFORMATION or one of the
 *     possible verdicts, and a value that gives a definitive verdict means that the input is among the
 *     missing inputs (it could change the verdict);</li>
 * <li>a same-day claim (SET-1) made with the input unknown holds for every value;</li>
 * <li>a patient risk factor found with the input unknown is found for every value (the finding that
 *     the surgeon's experience is unknown excepted: it is about the unknown).</li>
 * </ul>
 * A set input known member by member is checked the same way over its completions: every way of
 * filling its unknown members with "present" or "absent" that agrees with the members known
 * ({@link InputValues#completions}); and a complete list is also checked by forgetting one member at a
 * time. For these, every criterion the assessment gives as MET or NOT_MET must keep its status in
 * every completion, too.
 * Values the patient model refuses as contradicting the other inputs are not patients and are skipped.
 */
final class Soundness {

    /** The one finding that exists because its input is unknown. */
    private static final String ABOUT_THE_UNKNOWN = "RISK-SURGEON-VOLUME-UNKNOWN";

    private final SpineCds engine;
    private final InputValues values;

    Soundness(SpineCds engine) {
        this.engine = engine;
        this.values = new InputValues(engine.thresholds());
    }

    /**
     * Every violation found by forgetting each known input of the patient in turn, each member of a
     * known set input in turn, and by completing each set input known member by member.
     */
    List<String> checkEveryInput(Patient patient) {
        List<String> violations = new ArrayList<>();
        for (Input input : Input.values()) {
            if (patient.isKnown(input)) {
                violations.addAll(check(patient, input));
            }
            if (input.type() == Input.Type.ENUM_SET) {
                violations.addAll(checkEachMember(patient, input));
            }
            if (patient.isPartial(input)) {
                violations.addAll(checkCompletions(patient, input));
            }
        }
        return violations;
    }

    /**
     * Every violation found by making each member of the set input that is known (present or absent)
     * unknown in turn, and filling it with "present" and "absent".
     */
    List<String> checkEachMember(Patient patient, Input input) {
        List<String> violations = new ArrayList<>();
        for (Object member : input.enumType().getEnumConstants()) {
            Set<Object> present = new java.util.LinkedHashSet<>(patient.present(input));
            Set<Object> absent = new java.util.LinkedHashSet<>(patient.absent(input));
            if (present.remove(member) | absent.remove(member)) {
                Patient forgotten = patient.toBuilder().members(input, present, absent).build();
                violations.addAll(checkCompletions(forgotten, input));
            }
        }
        return violations;
    }

    /**
     * Every violation found by completing the set input's unknown members in every way that agrees
     * with its known members (exhaustively for a few unknown members, bounded for many).
     */
    List<String> checkCompletions(Patient patient, Input input) {
        Assessment a = engine.assess(patient);
        Set<String> risks = codes(a, Category.PATIENT_RISK);
        risks.remove(ABOUT_THE_UNKNOWN);
        boolean sameDay = a.findingCodes().contains("SET-SAME-DAY");
        return values.completions(input, patient.present(input), patient.absent(input)).parallelStream()
                .flatMap(value -> fillWith(patient, a, risks, sameDay, input, value, true).stream())
                .toList();
    }

    /**
     * Every violation found by filling each input the patient leaves unknown with each value: for a
     * patient with a definitive verdict or a same-day claim, nothing unknown may overturn it.
     */
    List<String> checkEveryUnknownInput(Patient patient) {
        List<String> violations = new ArrayList<>();
        for (Input input : Input.values()) {
            if (patient.isPartial(input)) {
                violations.addAll(checkCompletions(patient, input));
            } else if (!patient.isKnown(input)) {
                violations.addAll(fill(patient, input, null));
            }
        }
        return violations;
    }

    /** Every violation found by forgetting the input and filling it with each value. */
    List<String> check(Patient patient, Input input) {
        return fill(patient.toBuilder().set(input, null).build(), input, patient.get(input));
    }

    private List<String> fill(Patient forgotten, Input input, Object original) {
        Assessment a = engine.assess(forgotten);
        Set<String> risks = codes(a, Category.PATIENT_RISK);
        risks.remove(ABOUT_THE_UNKNOWN);
        boolean sameDay = a.findingCodes().contains("SET-SAME-DAY");
        // the values are independent: they are tried on both cores, and the violations kept in value order
        return values.of(input, original).parallelStream()
                .flatMap(value -> fillWith(forgotten, a, risks, sameDay, input, value, false).stream())
                .toList();
    }

    /** The violations of one value filled into the forgotten input ({@code a}: the assessment without it). */
    private List<String> fillWith(Patient forgotten, Assessment a, Set<String> risks, boolean sameDay, Input input,
                                  Object value, boolean criteria) {
        List<String> violations = new ArrayList<>();
        Patient filled;
        try {
            filled = forgotten.toBuilder().set(input, value).build();
        } catch (InvalidPatientException contradictory) {
            return violations;
        }
        Assessment x = engine.assess(filled);
        String what = "without " + input + " " + a.verdict() + ", with " + input + " = " + value + " "
                + x.verdict() + " (patient " + forgotten + ")";
        if (a.verdict() != Verdict.INSUFFICIENT_INFORMATION && x.verdict() != a.verdict()) {
            violations.add("verdict: " + what);
        }
        if (a.verdict() == Verdict.INSUFFICIENT_INFORMATION && x.verdict() != Verdict.INSUFFICIENT_INFORMATION) {
            if (!a.possibleVerdicts().contains(x.verdict())) {
                violations.add("not among the possible verdicts " + a.possibleVerdicts() + ": " + what);
            }
            if (!a.missingInputs().contains(input.jsonName())) {
                violations.add("decides the verdict but is not among the missing inputs " + a.missingInputs()
                        + ": " + what);
            }
        }
        if (sameDay && !x.findingCodes().contains("SET-SAME-DAY")) {
            violations.add("same-day claim: " + what);
        }
        Set<String> lost = new java.util.TreeSet<>(risks);
        lost.removeAll(codes(x, Category.PATIENT_RISK));
        if (!lost.isEmpty()) {
            violations.add("risk factors " + lost + " claimed without the input but absent with it: " + what);
        }
        if (criteria) {
            for (CriterionResult c : a.criteria()) {
                if (c.status() == CriterionStatus.UNKNOWN) {
                    continue;
                }
                CriterionStatus now = x.criteria().stream().filter(r -> r.id().equals(c.id()))
                        .map(CriterionResult::status).findFirst().orElse(null);
                if (now != c.status()) {
                    violations.add(c.id() + " " + c.status() + " without the members, " + now + " with them: " + what);
                }
            }
        }
        return violations;
    }

    private static Set<String> codes(Assessment a, Category category) {
        return a.findings().stream().filter(f -> f.category() == category).map(Finding::code)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
