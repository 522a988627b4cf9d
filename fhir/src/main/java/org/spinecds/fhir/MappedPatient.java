package org.spinecds.fhir;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;

/**
 * A patient mapped from FHIR, and for each input that was set the resources it came from, as
 * {@code Type/id} (e.g. {@code Observation/bmi-1}), as its {@code urn:uuid:} full URL when a bundle
 * names it so, or as {@code Type[n]} for a resource without an id (n its position among the resources
 * given). Inputs that are not in {@code provenance} are unknown.
 *
 * @param patient the patient, validated
 * @param provenance for each known input, the resources that gave it, in the order given
 * @param unsettled the inputs the record speaks of but that the mapping left unknown, each with why (its
 *     resources contradict each other, a value is impossible or malformed, a resource could not be read
 *     whole), naming the resources: the host shows them as inputs to collect. Never logged.
 * @param ignored the resources that were not mapped because they do not reference the patient by a
 *     literal reference (a subject that is an identifier, a Group, a display only, or missing), each with
 *     why; never merged into the patient
 */
public record MappedPatient(Patient patient, Map<Input, List<String>> provenance,
                            Map<Input, List<String>> unsettled, Map<String, String> ignored) {

    public MappedPatient {
        Objects.requireNonNull(patient, "patient");
        provenance = copy(provenance);
        unsettled = copy(unsettled);
        ignored = Collections.unmodifiableMap(new LinkedHashMap<>(ignored));
    }

    /** A patient with its provenance, nothing unsettled and nothing ignored. */
    public MappedPatient(Patient patient, Map<Input, List<String>> provenance) {
        this(patient, provenance, Map.of(), Map.of());
    }

    private static Map<Input, List<String>> copy(Map<Input, List<String>> m) {
        EnumMap<Input, List<String>> copy = new EnumMap<>(Input.class);
        m.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * What the clinician should know of the mapping, as sentences for a report or a card: the inputs left
     * unknown although the record speaks of them (with why, naming the resources and values, so that they
     * can be settled), and the resources not mapped because they do not reference the patient. Empty when
     * there is nothing to say. For the clinician's eyes: never to be logged.
     */
    public List<String> notes() {
        List<String> notes = new java.util.ArrayList<>(2);
        if (!unsettled.isEmpty()) {
            notes.add("Left unknown although the record speaks of them (to collect): " + unsettled.entrySet().stream()
                    .map(e -> e.getKey().jsonName() + " (" + String.join("; ", e.getValue()) + ")")
                    .collect(java.util.stream.Collectors.joining(", ")) + ".");
        }
        if (!ignored.isEmpty()) {
            notes.add("Not mapped, as they do not reference the patient by a literal reference: "
                    + ignored.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                    .collect(java.util.stream.Collectors.joining(", ")) + ".");
        }
        return List.copyOf(notes);
    }

    /** Names the inputs only: the values, reasons and resource ids are not rendered. */
    @Override
    public String toString() {
        return "MappedPatient" + provenance.keySet()
                + (unsettled.isEmpty() ? "" : " unsettled" + unsettled.keySet())
                + (ignored.isEmpty() ? "" : " ignored " + ignored.size());
    }
}
