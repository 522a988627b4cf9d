package org.spinecds.fhir;

import java.util.Collections;
import java.util.EnumMap;
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
 */
public record MappedPatient(Patient patient, Map<Input, List<String>> provenance) {

    public MappedPatient {
        Objects.requireNonNull(patient, "patient");
        EnumMap<Input, List<String>> copy = new EnumMap<>(Input.class);
        provenance.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        provenance = Collections.unmodifiableMap(copy);
    }

    /** Names the inputs only: the values and resource ids are not rendered. */
    @Override
    public String toString() {
        return "MappedPatient" + provenance.keySet();
    }
}
