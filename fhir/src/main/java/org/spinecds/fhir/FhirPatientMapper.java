package org.spinecds.fhir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Resource;
import org.spinecds.InvalidPatientException;
import org.spinecds.patient.Input;
import org.spinecds.fhir.internal.CodeList;
import org.spinecds.fhir.internal.CodeList.Section;
import org.spinecds.fhir.internal.PatientMapping;
import org.spinecds.fhir.internal.SpineConcepts;
import org.spinecds.fhir.internal.Terminology;

/**
 * Maps FHIR R4 resources to a SpineCDS {@link org.spinecds.patient.Patient}: {@code Patient},
 * {@code Condition}, {@code Observation}, {@code MedicationStatement}, {@code MedicationRequest} (with
 * the {@code Medication} resources they refer to), {@code Procedure} and {@code ServiceRequest}.
 * Resources of other types are ignored. Which codes give which input is read from code lists (the
 * bundled {@code codes.json}, which a site can extend); see {@code docs/fhir.md}.
 *
 * <p>Use {@link FhirJson#parseRecord(String)} to read a record from an EHR, so that a resource with an
 * unknown element leaves only its inputs unknown.
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

    /** The time limit of a terminology server's answers for one mapping, unless one is given. */
    public static final Duration DEFAULT_TERMINOLOGY_TIME_LIMIT = Duration.ofSeconds(2);

    private final CodeList codes;
    private final Clock clock;
    private final Terminology terminology;

    private FhirPatientMapper(CodeList codes, Clock clock) {
        this(codes, clock, null);
    }

    private FhirPatientMapper(CodeList codes, Clock clock, Terminology terminology) {
        this.codes = codes;
        this.clock = clock;
        this.terminology = terminology;
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
        return new FhirPatientMapper(codes, Objects.requireNonNull(clock, "clock"), terminology);
    }

    /**
     * The same mapper classifying the SNOMED CT codes of conditions that the code lists do not hold by
     * asking a site's FHIR terminology server ({@code CodeSystem/$subsumes} against the listed SNOMED CT
     * concepts), with the {@linkplain #DEFAULT_TERMINOLOGY_TIME_LIMIT default time limit}. See
     * {@link #withTerminologyServer(URI, Duration)}.
     */
    public FhirPatientMapper withTerminologyServer(URI baseUrl) {
        return withTerminologyServer(baseUrl, DEFAULT_TERMINOLOGY_TIME_LIMIT);
    }

    /**
     * The same mapper with a site's FHIR terminology server (its base URL, e.g.
     * {@code https://tx.hospital.example.org/fhir}): a SNOMED CT code that the code lists do not hold is
     * classified by {@code CodeSystem/$subsumes}, so that a child concept of a listed diagnosis counts as
     * that diagnosis. Answers are cached (bounded, for a day) across the mappings of this mapper. Each
     * call is bounded by {@code timeLimit}, and no call starts once one mapping has spent {@code timeLimit}
     * on the server; a code the server does not answer for stays unclassified, which leaves the
     * diagnoses unknown (never "not spinal").
     *
     * @param timeLimit above 0, at most 1 minute
     * @throws IllegalArgumentException if the URL is not an absolute http(s) URL or the limit is out of range
     */
    public FhirPatientMapper withTerminologyServer(URI baseUrl, Duration timeLimit) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(timeLimit, "timeLimit");
        return new FhirPatientMapper(codes, clock, new Terminology(baseUrl, timeLimit));
    }

    /**
     * Maps resources of the supported types; others are ignored. A resource whose subject is not a
     * literal reference to the patient is ignored and listed in {@link MappedPatient#ignored()}; an
     * impossible, malformed or contradictory value leaves its input unknown and is listed in
     * {@link MappedPatient#unsettled()}.
     *
     * @throws InvalidPatientException (field {@code patient}) when the record cannot be about one living
     *     patient: two Patient resources, a resource about another patient, a deceased patient
     */
    public MappedPatient map(Collection<? extends Resource> resources) {
        Objects.requireNonNull(resources, "resources");
        return new PatientMapping(codes, clock, terminology).map(new ArrayList<>(resources));
    }

    /**
     * The inputs a resource of the given FHIR type can give or contradict under this mapper's code lists:
     * when a host holds only part of the resources of a type (one page of a search, a failed query),
     * every one of these inputs may be contradicted by a resource it did not see, and so is unknown. An
     * Observation or a QuestionnaireResponse can name any input (SpineCDS's own codes, the inputs
     * Questionnaire); a type the mapping does not read gives none.
     */
    public Set<Input> inputsFrom(String resourceType) {
        Objects.requireNonNull(resourceType, "resourceType");
        Set<Input> inputs = EnumSet.noneOf(Input.class);
        switch (resourceType) {
            case "Patient" -> inputs.addAll(List.of(Input.AGE, Input.SEX));
            case "Observation", "QuestionnaireResponse" -> inputs.addAll(EnumSet.allOf(Input.class));
            case "Condition" -> {
                codes.section(Section.CONDITIONS).forEach(e -> inputs.add(e.input()));
                inputs.addAll(List.of(Input.DIAGNOSES, Input.REGIONS, Input.SYMPTOMS, Input.SYMPTOM_DURATION_WEEKS));
            }
            case "MedicationStatement", "MedicationRequest", "Medication" ->
                    codes.section(Section.MEDICATIONS).forEach(e -> inputs.add(e.input()));
            case "Procedure" -> {
                codes.section(Section.PROCEDURES).forEach(e -> inputs.add(e.input()));
                inputs.addAll(List.of(Input.CONSERVATIVE_CARE, Input.CONSERVATIVE_CARE_WEEKS,
                        Input.CONSERVATIVE_CARE_RELIEVED));
            }
            case "ServiceRequest" -> inputs.addAll(List.of(Input.PLANNED_PROCEDURE, Input.REGIONS));
            default -> {
            }
        }
        return Collections.unmodifiableSet(inputs);
    }

    /**
     * Whether a concept (a condition's code or body site, an order's code) is about the spine by this
     * mapper's code lists (a spinal diagnosis, region, symptom or planned procedure, the
     * {@code spineRelated} codes and body sites, ICD-10 spinal blocks) or by its words (text, displays),
     * as the mapping judges a code the lists do not hold. For the CDS Hooks relevance gate.
     */
    public boolean speaksOfTheSpine(CodeableConcept concept) {
        if (concept == null) {
            return false;
        }
        return !codes.match(Section.SPINE_CODES, concept).isEmpty()
                || !codes.match(Section.SPINE_BODY_SITES, concept).isEmpty()
                || !codes.match(Section.REGIONS, concept).isEmpty()
                || !codes.match(Section.PLANNED_PROCEDURES, concept).isEmpty()
                || codes.match(Section.CONDITIONS, concept).stream().anyMatch(e -> e.input() == Input.DIAGNOSES
                        || e.input() == Input.REGIONS || e.input() == Input.SYMPTOMS)
                || SpineConcepts.spinalWords(concept);
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
