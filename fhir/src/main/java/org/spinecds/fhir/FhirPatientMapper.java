package org.spinecds.fhir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.spinecds.InvalidPatientException;
import org.spinecds.fhir.internal.CodeList;
import org.spinecds.fhir.internal.PatientMapping;

/**
 * Maps FHIR R4 resources to a SpineCDS {@link org.spinecds.patient.Patient}: {@code Patient},
 * {@code Condition}, {@code Observation}, {@code MedicationStatement}, {@code MedicationRequest} (with
 * the {@code Medication} resources they refer to), {@code Procedure} and {@code ServiceRequest}.
 * Resources of other types are ignored. Which codes give which input is read from code lists (the
 * bundled {@code codes.json}, which a site can extend); see {@code docs/fhir.md}.
 *
 * <p>Anything the resources do not say stays unknown: a missing or unconfirmed condition, an
 * inactive medication or a preliminary observation never makes an input false. Thread-safe and
 * immutable: build once, share.
 *
 * <pre>{@code
 * FhirPatientMapper mapper = FhirPatientMapper.withDefaultCodes();
 * MappedPatient mapped = mapper.map(bundle);
 * Assessment a = engine.assess(mapped.patient());
 * }</pre>
 */
public final class FhirPatientMapper {

    private final CodeList codes;
    private final Clock clock;

    private FhirPatientMapper(CodeList codes, Clock clock) {
        this.codes = codes;
        this.clock = clock;
    }

    /** A mapper with the code lists bundled in the jar. */
    public static FhirPatientMapper withDefaultCodes() {
        return new FhirPatientMapper(CodeList.defaults(), Clock.systemUTC());
    }

    /**
     * A mapper with the bundled code lists and a site's file merged over them: a site entry with the
     * same section, system, code and match replaces the bundled one, others are added.
     *
     * @throws CodeListException if the file cannot be read or an entry is malformed (naming it)
     */
    public static FhirPatientMapper withCodes(Path siteCodes) {
        Objects.requireNonNull(siteCodes, "siteCodes");
        return new FhirPatientMapper(CodeList.withSite(siteCodes), Clock.systemUTC());
    }

    /** The same mapper computing ages and durations against the given clock (by default the system clock, UTC). */
    public FhirPatientMapper withClock(Clock clock) {
        return new FhirPatientMapper(codes, Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Maps resources of the supported types; others are ignored.
     *
     * @throws InvalidPatientException naming the SpineCDS field and the resource when a value is
     *     invalid or resources contradict each other
     */
    public MappedPatient map(Collection<? extends Resource> resources) {
        Objects.requireNonNull(resources, "resources");
        return new PatientMapping(codes, clock).map(new ArrayList<>(resources));
    }

    /** Maps the resources of a bundle's entries, as {@link #map(Collection)}. */
    public MappedPatient map(Bundle bundle) {
        Objects.requireNonNull(bundle, "bundle");
        List<Resource> resources = new ArrayList<>();
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            if (e.getResource() != null) {
                resources.add(e.getResource());
            }
        }
        return map(resources);
    }
}
