package org.spinecds.fhir.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Type;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinecds.InvalidPatientException;
import org.spinecds.fhir.FhirJson;
import org.spinecds.fhir.MappedPatient;
import org.spinecds.fhir.internal.Claims.Kind;
import org.spinecds.fhir.internal.CodeList.Entry;
import org.spinecds.fhir.internal.CodeList.Section;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;
import org.spinecds.patient.Sex;

/**
 * One mapping of FHIR resources to a patient. Every resource adds {@link Claims} about inputs (a value,
 * the resource, when it was observed and how strong it is); the claims are then resolved input by input.
 * Not thread-safe: one instance per call.
 */
public final class PatientMapping {

    private static final Logger LOG = LoggerFactory.getLogger(PatientMapping.class);

    private static final String CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    private static final String VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    private static final String UCUM = "http://unitsofmeasure.org";
    private static final Set<String> CURRENT = Set.of("active", "recurrence", "relapse");
    private static final Set<String> PAST = Set.of("inactive", "remission", "resolved");
    private static final Set<Observation.ObservationStatus> OBSERVATION_COUNTS = Set.of(
            Observation.ObservationStatus.FINAL, Observation.ObservationStatus.AMENDED,
            Observation.ObservationStatus.CORRECTED);
    private static final Set<MedicationRequest.MedicationRequestIntent> REQUEST_INTENTS = Set.of(
            MedicationRequest.MedicationRequestIntent.ORDER, MedicationRequest.MedicationRequestIntent.ORIGINALORDER,
            MedicationRequest.MedicationRequestIntent.REFLEXORDER, MedicationRequest.MedicationRequestIntent.FILLERORDER,
            MedicationRequest.MedicationRequestIntent.INSTANCEORDER, MedicationRequest.MedicationRequestIntent.PLAN);
    private static final Set<ServiceRequest.ServiceRequestStatus> PLANNED = Set.of(
            ServiceRequest.ServiceRequestStatus.ACTIVE, ServiceRequest.ServiceRequestStatus.DRAFT,
            ServiceRequest.ServiceRequestStatus.ONHOLD);

    /** Why a resource's subject is not the patient's literal reference, for the ignored list. */
    private static final String NO_SUBJECT = "has no subject";

    /** Units accepted per input unit, with the factor to the input's unit. */
    private static final Map<String, Map<String, Double>> UNITS = Map.of(
            "kg/m2", Map.of("kg/m2", 1.0),
            "cm", Map.of("cm", 1.0, "mm", 0.1),
            "mm", Map.of("mm", 1.0, "cm", 10.0),
            "deg", Map.of("deg", 1.0),
            "weeks", Map.of("wk", 1.0, "d", 1.0 / 7),
            "years", Map.of("a", 1.0));

    private final CodeList codes;
    private final Clock clock;
    private final LocalDate today;
    private final Terminology terminology;
    /** {@link System#nanoTime()} after which no terminology call starts. */
    private final long terminologyDeadline;

    /** The inputs the record speaks of but that are left unknown, with why. */
    private final Map<Input, List<String>> unsettled = new EnumMap<>(Input.class);
    /** The resources not mapped because their subject is not a literal reference to the patient, with why. */
    private final Map<String, String> ignoredResources = new LinkedHashMap<>();
    /** Members of set-valued inputs that a resource not read whole spoke of: unknown whatever else says. */
    private final Map<Input, Set<Enum<?>>> unknownMembers = new EnumMap<>(Input.class);
    /** The resources that a lenient parse could not read whole ({@link FhirJson#UNREAD}). */
    private final Set<String> unread = new HashSet<>();

    private final Claims claims = new Claims(this::shown);
    private final Map<String, Medication> medications = new HashMap<>();

    private String patientIdPart;
    private String patientRefValue;
    private String patientRef;
    /** The Patient's own absolute full URL ({@code <base>/Patient/<id>}, versionless), or null. */
    private String patientFullUrl;
    /** Without a Patient resource: the first subject, which the others must name. */
    private String firstSubject;
    private String firstSubjectFullUrl;

    // Facts from which inputs are derived.
    private LocalDate earliestSymptomOnset;
    private final List<String> symptomConditionRefs = new ArrayList<>();
    /** The stated periods of conservative care (a start and an end, or a start while in progress). */
    private final List<Span> careSpans = new ArrayList<>();
    /** The days of care the record dates without saying how long the care lasted. */
    private final List<LocalDate> careDays = new ArrayList<>();
    /** Whether a counting conservative-care procedure has no date at all. */
    private boolean careUndated;
    private final List<String> careRefs = new ArrayList<>();
    private final List<Boolean> careOutcomes = new ArrayList<>();
    private final List<String> careOutcomeRefs = new ArrayList<>();

    public PatientMapping(CodeList codes, Clock clock) {
        this(codes, clock, null);
    }

    /** @param terminology a site's terminology server, or null */
    public PatientMapping(CodeList codes, Clock clock, Terminology terminology) {
        this.codes = codes;
        this.clock = clock;
        this.today = LocalDate.now(clock);
        this.terminology = terminology;
        this.terminologyDeadline = terminology == null ? 0 : System.nanoTime() + terminology.timeLimit().toNanos();
    }

    /**
     * Maps the resources. A record that cannot be about one living patient (two Patient resources, a
     * resource about another patient, a deceased patient) is refused; anything else that is wrong inside
     * one input's resources leaves that input unknown ({@link MappedPatient#unsettled()}).
     */
    public MappedPatient map(List<Resource> resources) {
        Map<Resource, String> refs = new LinkedHashMap<>();
        for (int i = 0; i < resources.size(); i++) {
            Resource r = Objects.requireNonNull(resources.get(i), "resource");
            refs.put(r, ref(r, i));
            if (r.getUserData(FhirJson.UNREAD) != null) {
                unread.add(refs.get(r));
            }
        }
        for (Map.Entry<Resource, String> e : refs.entrySet()) {
            if (e.getKey() instanceof org.hl7.fhir.r4.model.Patient p) {
                patient(p, e.getValue());
            } else if (e.getKey() instanceof Medication m && m.getIdElement().hasIdPart()) {
                medications.put(m.getIdElement().getIdPart(), m);
            }
        }
        int ignored = 0;
        for (Map.Entry<Resource, String> e : refs.entrySet()) {
            try {
                if (!resource(e.getKey(), e.getValue())) {
                    ignored++;
                }
            } catch (InvalidPatientException x) {
                if (REFUSAL.equals(x.field())) {
                    throw x;
                }
                // What went wrong inside one resource leaves its input unknown; as the resource may have
                // been mapped only in part, the coded lists it could have added to are open too.
                unsettle(x.field(), x.getMessage(), "invalid value");
                if (e.getKey() instanceof Condition) {
                    openCodedLists(e.getValue());
                }
            } catch (RuntimeException x) {
                if (!unread.contains(e.getValue())) {
                    throw x;
                }
                // A resource a lenient parse could not read whole, in a state the mapping cannot use: it
                // adds nothing (its claims were not taken anyway), and a condition leaves the coded lists open.
                LOG.info("FHIR resource not read whole could not be mapped ({})", x.getClass().getSimpleName());
                if (e.getKey() instanceof Condition) {
                    openCodedLists(e.getValue());
                }
            }
        }
        derive();
        MappedPatient mapped = build();
        LOG.debug("Mapped {} FHIR resources ({} of unsupported types ignored) to {} known inputs",
                resources.size(), ignored, mapped.provenance().size());
        if (!ignoredResources.isEmpty()) {
            LOG.info("{} FHIR resource(s) ignored: their subject is not a literal reference to the patient",
                    ignoredResources.size());
        }
        return mapped;
    }

    /** The field of the refusals of a record that cannot be about one living patient. */
    private static final String REFUSAL = "patient";

    /** A refusal of the whole record, logged with its reason (which carries no patient data). */
    private static InvalidPatientException refuse(String reason, String format, Object... args) {
        LOG.warn("FHIR record refused: {}", reason);
        return InvalidPatientException.of(REFUSAL, format, args);
    }

    /** Makes an input unknown although the record speaks of it, with why (for the host; never logged). */
    private void unsettle(Input input, String why, String kind) {
        unsettled.computeIfAbsent(input, k -> new ArrayList<>()).add(why);
        LOG.info("FHIR input {} left unknown: {}", input.jsonName(), kind);
    }

    private void unsettle(String field, String why, String kind) {
        Input input = Input.byJsonName(field).orElse(null);
        if (input != null) {
            unsettle(input, why, kind);
        } else {
            LOG.info("FHIR value ignored: {}", kind);
        }
    }

    /** The coded lists are unknown: a resource that may add to them could not be read whole. */
    private void openCodedLists(String ref) {
        for (Input input : List.of(Input.DIAGNOSES, Input.REGIONS)) {
            if (codes.closure(input) == CodeList.Closure.CODED_LIST) {
                claims.undecided(input, Set.of(), ref);
            }
        }
    }

    /** Maps one resource; false when its type is not supported. */
    private boolean resource(Resource r, String ref) {
        if (r instanceof Observation o) {
            observation(o, ref);
        } else if (r instanceof Condition c) {
            condition(c, ref);
        } else if (r instanceof MedicationStatement ms) {
            medicationStatement(ms, ref);
        } else if (r instanceof MedicationRequest mr) {
            medicationRequest(mr, ref);
        } else if (r instanceof org.hl7.fhir.r4.model.Procedure p) {
            procedure(p, ref);
        } else if (r instanceof ServiceRequest sr) {
            serviceRequest(sr, ref);
        } else if (r instanceof org.hl7.fhir.r4.model.QuestionnaireResponse qr && QuestionnaireAnswers.counts(qr)) {
            if (aboutThePatient(qr.getSubject(), ref)) {
                QuestionnaireAnswers.read(qr, ref, claims, x -> unsettle(x.field(), x.getMessage(), "invalid answer"));
            }
        } else {
            return r instanceof org.hl7.fhir.r4.model.Patient || r instanceof Medication;
        }
        return true;
    }

    // ---------------------------------------------------------------- resources

    private void patient(org.hl7.fhir.r4.model.Patient p, String ref) {
        if (patientRef != null) {
            String id = p.getIdElement().getIdPart();
            if (id == null || !id.equals(patientIdPart)) {
                throw refuse("more than one Patient resource",
                        "the resources hold more than one Patient resource");
            }
            return;
        }
        if (p.hasDeceasedBooleanType() && p.getDeceasedBooleanType().booleanValue()) {
            throw refuse("deceased patient", "Patient.deceasedBoolean is true: the record is of a deceased "
                    + "patient, and SpineCDS assesses living patients only");
        }
        if (p.hasDeceasedDateTimeType()) {
            throw refuse("deceased patient", "Patient.deceasedDateTime is given: the record is of a deceased "
                    + "patient, and SpineCDS assesses living patients only");
        }
        patientRef = ref;
        patientIdPart = p.getIdElement().getIdPart();
        patientRefValue = p.getIdElement().getValue();
        patientFullUrl = absolute(p.getIdElement());
        if (p.hasGender() && p.getGender() != AdministrativeGender.UNKNOWN && p.getGender() != AdministrativeGender.NULL) {
            Sex sex = switch (p.getGender()) {
                case MALE -> Sex.MALE;
                case FEMALE -> Sex.FEMALE;
                default -> Sex.OTHER;
            };
            add(Input.SEX, sex, ref, null, Kind.ASSERTED);
        }
        if (p.hasBirthDateElement() && p.getBirthDateElement().getValueAsString() != null) {
            try {
                Integer age = age(p.getBirthDateElement().getValueAsString());
                if (age != null) {
                    add(Input.AGE, age, ref, null, Kind.ASSERTED);
                }
            } catch (InvalidPatientException e) {
                unsettle(Input.AGE, e.getMessage(), "invalid birth date");
            }
        }
    }

    /** Age in whole years today, or null when a partial birth date leaves it open. */
    private Integer age(String birthDate) {
        LocalDate earliest;
        LocalDate latest;
        try {
            switch (birthDate.length()) {
                case 4 -> {
                    int y = Integer.parseInt(birthDate);
                    earliest = LocalDate.of(y, 1, 1);
                    latest = LocalDate.of(y, 12, 31);
                }
                case 7 -> {
                    earliest = LocalDate.parse(birthDate + "-01");
                    latest = earliest.withDayOfMonth(earliest.lengthOfMonth());
                }
                default -> {
                    earliest = LocalDate.parse(birthDate.substring(0, 10));
                    latest = earliest;
                }
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            throw InvalidPatientException.of(Input.AGE.jsonName(), "Patient: birthDate \"%s\" is not a date", birthDate);
        }
        if (earliest.isAfter(today)) {
            throw InvalidPatientException.of(Input.AGE.jsonName(), "Patient: birthDate %s is after today", birthDate);
        }
        long oldest = ChronoUnit.YEARS.between(earliest, today);
        long youngest = latest.isAfter(today) ? 0 : ChronoUnit.YEARS.between(latest, today);
        return oldest == youngest ? Math.toIntExact(oldest) : null;
    }

    private void observation(Observation o, String ref) {
        if (!aboutThePatient(o.getSubject(), ref)) {
            return;
        }
        if (unread.contains(ref)) {
            // Its status, time or value may be what was lost, and it may be the latest observation of its
            // inputs: every input its codes speak of is unknown, whatever else it seems to say.
            List<CodeableConcept> spoken = new ArrayList<>();
            spoken.add(o.getCode());
            o.getComponent().forEach(c -> spoken.add(c.getCode()));
            for (CodeableConcept code : spoken) {
                for (Input input : inputsOf(code)) {
                    unsettle(input, input.jsonName() + ": " + shown(ref) + ": " + UNREAD_WHY, "resource not read whole");
                }
            }
            return;
        }
        if (o.getStatus() == null || !OBSERVATION_COUNTS.contains(o.getStatus())) {
            return;
        }
        Instant at = time(o);
        if (!o.hasDataAbsentReason()) {
            observed(o.getCode(), o.hasValue() ? o.getValue() : null, ref, at);
        }
        for (Observation.ObservationComponentComponent c : o.getComponent()) {
            if (!c.hasDataAbsentReason()) {
                observed(c.getCode(), c.hasValue() ? c.getValue() : null, ref, at);
            }
        }
    }

    /** One observed code and its value (an observation or one of its components). */
    private void observed(CodeableConcept code, Type value, String ref, Instant at) {
        if (value == null) {
            return;
        }
        for (Entry e : codes.match(Section.OBSERVATIONS, code)) {
            observedValue(e.input(), (Enum<?>) e.value(), value, ref, at);
        }
        for (Coding c : code.getCoding()) {
            if (CodeList.SPINECDS_SYSTEM.equals(c.getSystem()) && c.getCode() != null) {
                String[] parts = c.getCode().split("\\.", 2);
                Input input = Input.byJsonName(parts[0]).orElse(null);
                if (input == null) {
                    continue;
                }
                if (parts.length == 1) {
                    observedValue(input, null, value, ref, at);
                } else if (input.type() == Input.Type.ENUM_SET) {
                    Enum<?> member = constant(input, parts[1]);
                    if (member != null) {
                        observedValue(input, member, value, ref, at);
                    }
                }
            }
        }
    }

    /** The inputs an observation's code speaks of, by the code lists and SpineCDS's own code system. */
    private Set<Input> inputsOf(CodeableConcept code) {
        Set<Input> inputs = java.util.EnumSet.noneOf(Input.class);
        codes.match(Section.OBSERVATIONS, code).forEach(e -> inputs.add(e.input()));
        for (Coding c : code.getCoding()) {
            if (CodeList.SPINECDS_SYSTEM.equals(c.getSystem()) && c.getCode() != null) {
                Input.byJsonName(c.getCode().split("\\.", 2)[0]).ifPresent(inputs::add);
            }
        }
        return inputs;
    }

    private void observedValue(Input input, Enum<?> member, Type value, String ref, Instant at) {
        try {
            observedValueOrThrow(input, member, value, ref, at);
        } catch (InvalidPatientException e) {
            unsettle(input, e.getMessage(), "invalid observed value");
        }
    }

    private void observedValueOrThrow(Input input, Enum<?> member, Type value, String ref, Instant at) {
        if (input.type() == Input.Type.ENUM_SET) {
            Boolean present = presence(input, value, ref);
            if (present == null) {
                return;
            }
            if (member != null) {
                addMember(input, member, present, ref, at, Kind.OBSERVED);
            } else if (!present) {
                if (unread.contains(ref)) {
                    unsettle(input, ref + ": " + UNREAD_WHY, "resource not read whole");
                } else {
                    claims.addNone(input, ref, at);
                }
            }
            return;
        }
        Object v = scalar(input, value, ref);
        if (v != null) {
            add(input, v, ref, at, Kind.OBSERVED);
        }
    }

    private void condition(Condition c, String ref) {
        if (!aboutThePatient(c.getSubject(), ref)) {
            return;
        }
        String verification = status(c.getVerificationStatus(), VERIFICATION);
        if ("entered-in-error".equals(verification)) {
            return;
        }
        List<Entry> matched = codes.match(Section.CONDITIONS, c.getCode());
        Classified byServer = null;
        if (matched.isEmpty() && terminology != null) {
            byServer = subsumption(c.getCode());
            matched = byServer.entries();
        }
        if (unread.contains(ref)) {
            openCodedLists(ref);
        }
        if ("refuted".equals(verification)) {
            // A refuted condition rules out that condition, not every condition of the member: it says
            // the member is absent only when nothing says it is present.
            for (Entry e : matched) {
                if (e.input().type() == Input.Type.ENUM_SET) {
                    for (Enum<?> m : members(e)) {
                        addMember(e.input(), m, false, ref, null, Kind.DERIVED);
                    }
                }
            }
            return;
        }
        String clinical = status(c.getClinicalStatus(), CLINICAL);
        boolean current = clinical != null && CURRENT.contains(clinical);
        boolean past = clinical != null && PAST.contains(clinical);
        boolean confirmed = "confirmed".equals(verification);
        if (!past) {
            undecided(c, matched, confirmed && current, byServer, ref);
        }
        if (!confirmed) {
            return;
        }
        boolean spinal = false;
        for (Entry e : matched) {
            if (!(current || e.history() && past)) {
                continue;
            }
            Input input = e.input();
            if (input.type() == Input.Type.ENUM_SET) {
                for (Enum<?> m : members(e)) {
                    addMember(input, m, true, ref, null, Kind.ASSERTED);
                }
                if (!e.requiresOneOf().isEmpty()) {
                    claims.require(input, e.requiresOneOf(), ref);
                }
                if (input == Input.DIAGNOSES || input == Input.SYMPTOMS) {
                    spinal = true;
                }
                if (input == Input.SYMPTOMS) {
                    symptomOnset(c, ref);
                }
            } else {
                add(input, e.value(), ref, null, Kind.ASSERTED);
            }
        }
        if (spinal) {
            regions(c.getCode(), ref);
            c.getBodySite().forEach(site -> regions(site, ref));
        }
    }

    /**
     * A condition that may be current (not inactive, remission or resolved) but does not count, because
     * it is not confirmed or has no clinical status, or a counting one whose spinal code the code lists
     * cannot classify: the coded lists it could add to (diagnoses, regions) are complete only when they
     * already hold what it could add.
     */
    private void undecided(Condition c, List<Entry> matched, boolean counts, Classified byServer, String ref) {
        boolean diagnosis = false;
        for (Entry e : matched) {
            Input input = e.input();
            diagnosis |= input == Input.DIAGNOSES;
            if (!counts && input.type() == Input.Type.ENUM_SET && codes.closure(input) == CodeList.Closure.CODED_LIST) {
                claims.undecided(input, Set.copyOf(members(e)), ref);
            }
        }
        // Only a diagnosis or a symptom classifies a spinal condition: a vertebral neoplasm that gives the
        // cancer history, or a vertebral fracture that gives the recent trauma, is still a spinal condition
        // the diagnosis list cannot name.
        boolean classified = matched.stream().anyMatch(e -> e.input() == Input.DIAGNOSES || e.input() == Input.SYMPTOMS);
        // A question the server left unanswered may hide a diagnosis (or a second one): the code is not
        // fully classified, whatever else the server said.
        boolean unclassified = !classified && (spineRelated(c) || byServer != null && byServer.spinal())
                || byServer != null && byServer.unanswered()
                || matched.isEmpty() && unreadable(c) && !classifiedByServer(c, byServer);
        if (unclassified && codes.closure(Input.DIAGNOSES) == CodeList.Closure.CODED_LIST) {
            claims.undecided(Input.DIAGNOSES, Set.of(), ref);
        }
        if ((unclassified || diagnosis && !counts) && codes.closure(Input.REGIONS) == CodeList.Closure.CODED_LIST) {
            Set<Enum<?>> regions = new LinkedHashSet<>();
            codes.match(Section.REGIONS, c.getCode()).forEach(e -> regions.addAll(members(e)));
            c.getBodySite().forEach(site -> codes.match(Section.REGIONS, site).forEach(e -> regions.addAll(members(e))));
            claims.undecided(Input.REGIONS, regions, ref);
        }
    }

    /**
     * Whether a condition is about the spine although the code lists do not classify it: its code is in
     * the {@code spineRelated.codes} list, or a body site is a region of the spine (the {@code regions}
     * list) or in the {@code spineRelated.bodySites} list.
     */
    private boolean spineRelated(Condition c) {
        if (!codes.match(Section.SPINE_CODES, c.getCode()).isEmpty()) {
            return true;
        }
        if (SpineConcepts.spinalWords(c.getCode())) {
            return true;
        }
        for (CodeableConcept site : c.getBodySite()) {
            if (!codes.match(Section.REGIONS, site).isEmpty() || !codes.match(Section.SPINE_BODY_SITES, site).isEmpty()
                    || SpineConcepts.spinalWords(site)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a condition the code lists do not classify carries nothing to judge it by: no ICD-10 or
     * ICD-10-CM coding (those are judged by their block), no display on any coding, no {@code code.text},
     * and no display or text on a body site (a body-site code the lists do not hold says nothing either).
     * Such a code (a bare SNOMED CT or local code) may be a spinal diagnosis: unknown is never "not spinal".
     */
    private static boolean unreadable(Condition c) {
        CodeableConcept code = c.getCode();
        if (code != null) {
            if (code.hasText() && !code.getText().isBlank()) {
                return false;
            }
            for (Coding coding : code.getCoding()) {
                String system = coding.getSystem();
                if ("http://hl7.org/fhir/sid/icd-10-cm".equals(system) || "http://hl7.org/fhir/sid/icd-10".equals(system)
                        || coding.hasDisplay() && !coding.getDisplay().isBlank()) {
                    return false;
                }
            }
        }
        for (CodeableConcept site : c.getBodySite()) {
            if (site.hasText() && !site.getText().isBlank()) {
                return false;
            }
            for (Coding coding : site.getCoding()) {
                if (coding.hasDisplay() && !coding.getDisplay().isBlank()) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether the site's terminology server classified a condition's code: it has a SNOMED CT coding and
     * every question about it was answered (whether it is spinal is then the server's answer).
     */
    private static boolean classifiedByServer(Condition c, Classified byServer) {
        if (byServer == null || byServer.unanswered() || c.getCode() == null) {
            return false;
        }
        return c.getCode().getCoding().stream().anyMatch(coding -> CodeList.SNOMED.equals(coding.getSystem())
                && coding.getCode() != null && !coding.getCode().isBlank());
    }

    /**
     * What the terminology server says of a condition's SNOMED CT codings the code lists do not hold: the
     * condition entries whose concept subsumes one of them, whether a {@code spineRelated} concept does,
     * and whether any question went unanswered (which leaves the code unclassified, never unrelated).
     */
    private record Classified(List<Entry> entries, boolean spinal, boolean unanswered) {
        /** Counts only: the codes are the patient's. */
        @Override
        public String toString() {
            return "Classified[" + entries.size() + " entries]";
        }
    }

    private Classified subsumption(CodeableConcept code) {
        Set<Entry> found = new LinkedHashSet<>();
        boolean spinal = false;
        boolean unanswered = false;
        if (code == null) {
            return new Classified(List.of(), false, false);
        }
        for (Coding coding : code.getCoding()) {
            if (!CodeList.SNOMED.equals(coding.getSystem()) || coding.getCode() == null || coding.getCode().isBlank()) {
                continue;
            }
            String child = coding.getCode().trim();
            for (Entry e : codes.section(Section.CONDITIONS)) {
                if (CodeList.SNOMED.equals(e.system()) && !e.prefix()) {
                    Boolean a = terminology.subsumes(CodeList.SNOMED, e.code(), child, terminologyDeadline);
                    if (a == null) {
                        unanswered = true;
                    } else if (a) {
                        found.add(e);
                    }
                }
            }
            for (Entry e : codes.section(Section.SPINE_CODES)) {
                if (CodeList.SNOMED.equals(e.system()) && !e.prefix()) {
                    Boolean a = terminology.subsumes(CodeList.SNOMED, e.code(), child, terminologyDeadline);
                    if (a == null) {
                        unanswered = true;
                    } else if (a) {
                        spinal = true;
                    }
                }
            }
        }
        return new Classified(List.copyOf(found), spinal, unanswered);
    }

    private void symptomOnset(Condition c, String ref) {
        LocalDate onset = null;
        if (c.getOnset() instanceof BaseDateTimeType d && d.getValue() != null) {
            onset = date(d);
        } else if (c.getOnset() instanceof Period p && p.hasStart()) {
            onset = date(p.getStartElement());
        }
        if (onset == null) {
            return;
        }
        if (onset.isAfter(today)) {
            // Often a day in the patient's time zone that is already tomorrow in UTC: the symptom counts,
            // its duration is unknown.
            unsettle(Input.SYMPTOM_DURATION_WEEKS, Input.SYMPTOM_DURATION_WEEKS.jsonName() + ": " + ref
                    + ": onset is after today", "onset after today");
            return;
        }
        if (earliestSymptomOnset == null || onset.isBefore(earliestSymptomOnset)) {
            earliestSymptomOnset = onset;
        }
        symptomConditionRefs.add(ref);
    }

    private void regions(CodeableConcept code, String ref) {
        for (Entry e : codes.match(Section.REGIONS, code)) {
            for (Enum<?> r : members(e)) {
                addMember(Input.REGIONS, r, true, ref, null, Kind.ASSERTED);
            }
        }
    }

    private void medicationStatement(MedicationStatement ms, String ref) {
        if (!aboutThePatient(ms.getSubject(), ref)) {
            return;
        }
        if (ms.getStatus() != MedicationStatement.MedicationStatementStatus.ACTIVE) {
            return;
        }
        LocalDate since = null;
        if (ms.getEffective() instanceof BaseDateTimeType d && d.getValue() != null) {
            since = date(d);
        } else if (ms.getEffective() instanceof Period p && p.hasStart()) {
            since = date(p.getStartElement());
        }
        medication(ms, ms.getMedication(), since, ref);
    }

    private void medicationRequest(MedicationRequest mr, String ref) {
        if (!aboutThePatient(mr.getSubject(), ref)) {
            return;
        }
        if (mr.getStatus() != MedicationRequest.MedicationRequestStatus.ACTIVE
                || mr.getIntent() == null || !REQUEST_INTENTS.contains(mr.getIntent())) {
            return;
        }
        medication(mr, mr.getMedication(), mr.hasAuthoredOnElement() ? date(mr.getAuthoredOnElement()) : null, ref);
    }

    /**
     * The inputs an active medication gives. {@code since} is the day from which the record shows it
     * taken (the statement's effective start, the request's authoring day), or null; an entry with
     * {@code minimumDays} gives its input only when that day is at least so many days ago, so that a short
     * course (a few days of dexamethasone for sciatica) is not read as long-term use, nor as its absence.
     */
    private void medication(DomainResource owner, Type medication, LocalDate since, String ref) {
        List<CodeableConcept> concepts = new ArrayList<>();
        if (medication instanceof CodeableConcept cc) {
            concepts.add(cc);
        } else if (medication instanceof Reference r) {
            Medication m = resolve(owner, r);
            if (m != null) {
                concepts.add(m.getCode());
                for (Medication.MedicationIngredientComponent i : m.getIngredient()) {
                    if (i.getItem() instanceof CodeableConcept item) {
                        concepts.add(item);
                    }
                }
            }
        }
        Set<Entry> matched = new LinkedHashSet<>();
        concepts.forEach(cc -> matched.addAll(codes.match(Section.MEDICATIONS, cc)));
        // A clinical drug code (RxNorm SCD/SBD) the lists do not hold still names its ingredient.
        // The names are read over the whole medication: its code's displays and text and its ingredients'.
        matched.addAll(codes.matchNames(Section.MEDICATIONS, concepts));
        // A word that rules out an entry (a heparin "flush") rules it out whichever concept it is in.
        matched.removeIf(e -> CodeList.excluded(e, concepts));
        for (Entry e : matched) {
            if (e.minimumDays() > 0 && (since == null || since.isAfter(today.minusDays(e.minimumDays())))) {
                continue;
            }
            if (e.input().type() == Input.Type.ENUM_SET) {
                for (Enum<?> m : members(e)) {
                    addMember(e.input(), m, true, ref, null, Kind.ASSERTED);
                }
            } else {
                add(e.input(), e.value(), ref, null, Kind.ASSERTED);
            }
        }
    }

    private Medication resolve(DomainResource owner, Reference r) {
        if (r.getResource() instanceof Medication m) {
            return m;
        }
        String target = r.getReference();
        if (target == null) {
            return null;
        }
        if (target.startsWith("#")) {
            for (Resource contained : owner.getContained()) {
                String id = contained.getIdElement().getIdPart();
                if (contained instanceof Medication m && id != null
                        && (id.equals(target.substring(1)) || id.equals(target))) {
                    return m;
                }
            }
            return null;
        }
        return medications.get(new org.hl7.fhir.r4.model.IdType(target).getIdPart());
    }

    private void procedure(org.hl7.fhir.r4.model.Procedure p, String ref) {
        org.hl7.fhir.r4.model.Procedure.ProcedureStatus status = p.getStatus();
        boolean completed = status == org.hl7.fhir.r4.model.Procedure.ProcedureStatus.COMPLETED;
        boolean inProgress = status == org.hl7.fhir.r4.model.Procedure.ProcedureStatus.INPROGRESS;
        boolean notDone = status == org.hl7.fhir.r4.model.Procedure.ProcedureStatus.NOTDONE;
        if (!aboutThePatient(p.getSubject(), ref)) {
            return;
        }
        if (!completed && !inProgress && !notDone) {
            return;
        }
        boolean care = false;
        for (Entry e : codes.match(Section.PROCEDURES, p.getCode())) {
            if (e.input().type() == Input.Type.ENUM_SET) {
                // A treatment not done says it was not tried, unless another procedure says it was.
                for (Enum<?> m : members(e)) {
                    addMember(e.input(), m, !notDone, ref, null, notDone ? Kind.DERIVED : Kind.ASSERTED);
                }
                care |= e.input() == Input.CONSERVATIVE_CARE && !notDone;
            } else if (completed) {
                add(e.input(), e.value(), ref, null, Kind.ASSERTED);
            }
        }
        if (care) {
            carePeriod(p, inProgress, ref);
            Boolean outcome = null;
            for (Entry e : codes.match(Section.ANSWERS, p.getOutcome())) {
                if (e.input() == Input.CONSERVATIVE_CARE_RELIEVED) {
                    outcome = (Boolean) e.value();
                }
            }
            careOutcomes.add(outcome);
            careOutcomeRefs.add(ref);
        }
    }

    /** A span of days, both ends included. */
    private record Span(LocalDate start, LocalDate end) {
        /** Not the dates, which are the patient's. */
        @Override
        public String toString() {
            return "Span";
        }
    }

    /**
     * What a conservative-care procedure says of the duration: a stated period ({@code performedPeriod}
     * with a start and an end, or a start while the procedure is in progress, which runs to today), or
     * only a day ({@code performedDateTime}, or a period with one end), or nothing.
     */
    private void carePeriod(org.hl7.fhir.r4.model.Procedure p, boolean inProgress, String ref) {
        LocalDate start = null;
        LocalDate end = null;
        if (p.getPerformed() instanceof BaseDateTimeType d && d.getValue() != null) {
            start = date(d);
        } else if (p.getPerformed() instanceof Period period) {
            start = period.hasStart() ? date(period.getStartElement()) : null;
            end = period.hasEnd() ? date(period.getEndElement()) : start != null && inProgress ? today : null;
        }
        if (inProgress && start != null && end != null && end.isAfter(today) && !start.isAfter(today)) {
            end = today; // an in-progress course counts the care given so far, not a planned end
        }
        careRefs.add(ref);
        if (start == null && end == null) {
            careUndated = true;
            return;
        }
        if (start != null && start.isAfter(today) || end != null && end.isAfter(today)
                || start != null && end != null && end.isBefore(start)) {
            unsettle(Input.CONSERVATIVE_CARE_WEEKS, Input.CONSERVATIVE_CARE_WEEKS.jsonName() + ": " + ref
                    + ": the performed period is after today or ends before it starts", "invalid period");
            return;
        }
        if (start != null && end != null) {
            careSpans.add(new Span(start, end));
        } else {
            careDays.add(start != null ? start : end);
        }
    }

    /**
     * The whole weeks of conservative care the record states, or null when it does not state them: the
     * days covered by the stated periods (overlapping or adjacent periods merged, so that no day counts
     * twice and a gap between courses never counts as care), known only when every dated session lies
     * within one of them and every procedure is dated.
     */
    private Integer careWeeks() {
        if (careSpans.isEmpty() || careUndated) {
            return null;
        }
        List<Span> sorted = careSpans.stream().sorted(java.util.Comparator.comparing(Span::start)).toList();
        List<Span> merged = new ArrayList<>();
        for (Span s : sorted) {
            Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && !s.start().isAfter(last.end().plusDays(1))) {
                merged.set(merged.size() - 1, new Span(last.start(),
                        s.end().isAfter(last.end()) ? s.end() : last.end()));
            } else {
                merged.add(s);
            }
        }
        for (LocalDate day : careDays) {
            if (merged.stream().noneMatch(s -> !day.isBefore(s.start()) && !day.isAfter(s.end()))) {
                return null;
            }
        }
        long days = merged.stream().mapToLong(s -> ChronoUnit.DAYS.between(s.start(), s.end())).sum();
        return Math.toIntExact(days / 7);
    }

    private void serviceRequest(ServiceRequest sr, String ref) {
        if (!aboutThePatient(sr.getSubject(), ref)) {
            return;
        }
        if (sr.getStatus() == null || !PLANNED.contains(sr.getStatus())) {
            return;
        }
        List<Entry> matched = codes.match(Section.PLANNED_PROCEDURES, sr.getCode());
        for (Entry e : matched) {
            add(Input.PLANNED_PROCEDURE, e.value(), ref, null, Kind.ASSERTED);
        }
        if (!matched.isEmpty()) {
            sr.getBodySite().forEach(site -> regions(site, ref));
        }
    }

    // ---------------------------------------------------------------- values

    /** Whether an observed value says present (true), absent (false) or nothing usable (null). */
    private Boolean presence(Input input, Type value, String ref) {
        if (value instanceof BooleanType b) {
            return b.getValue();
        }
        if (value instanceof CodeableConcept cc) {
            for (Entry e : codes.match(Section.PRESENCE, cc)) {
                return (Boolean) e.value();
            }
            return null;
        }
        throw wrongType(input, ref, value, "a boolean or a coded present/absent answer");
    }

    /** The value an observation gives a scalar input, or null when its coded answer is not one the code lists know. */
    private Object scalar(Input input, Type value, String ref) {
        switch (input.type()) {
            case BOOLEAN -> {
                return presence(input, value, ref);
            }
            case INTEGER -> {
                if (value instanceof IntegerType i) {
                    return i.getValue();
                }
                if (value instanceof Quantity q) {
                    BigDecimal d = quantity(input, q, ref);
                    if (d == null) {
                        return null;
                    }
                    if (d.stripTrailingZeros().scale() > 0) {
                        throw InvalidPatientException.of(input.jsonName(), "%s: must be a whole number, was %s",
                                ref, d.toPlainString());
                    }
                    return d.intValueExact();
                }
                if (value instanceof CodeableConcept cc) {
                    return answer(input, cc);
                }
                throw wrongType(input, ref, value, "an integer or a Quantity");
            }
            case DECIMAL -> {
                if (value instanceof Quantity q) {
                    BigDecimal d = quantity(input, q, ref);
                    return d == null ? null : d.doubleValue();
                }
                if (value instanceof IntegerType i) {
                    return i.getValue().doubleValue();
                }
                throw wrongType(input, ref, value, "a Quantity in " + input.unit());
            }
            case ENUM -> {
                if (value instanceof CodeableConcept cc) {
                    Object a = answer(input, cc);
                    if (a != null) {
                        return a;
                    }
                    for (Coding c : cc.getCoding()) {
                        if (CodeList.SPINECDS_SYSTEM.equals(c.getSystem()) && c.getCode() != null
                                && c.getCode().startsWith(input.jsonName() + ".")) {
                            Enum<?> k = constant(input, c.getCode().substring(input.jsonName().length() + 1));
                            if (k != null) {
                                return k;
                            }
                        }
                    }
                    return null;
                }
                throw wrongType(input, ref, value, "a CodeableConcept");
            }
            default -> throw new IllegalStateException(input.name());
        }
    }

    private Object answer(Input input, CodeableConcept cc) {
        for (Entry e : codes.match(Section.ANSWERS, cc)) {
            if (e.input() == input) {
                return e.value();
            }
        }
        return null;
    }

    /** A quantity in the input's unit, or null when it is only a bound (a comparator such as {@code >}). */
    private BigDecimal quantity(Input input, Quantity q, String ref) {
        if (!q.hasValue()) {
            throw InvalidPatientException.of(input.jsonName(), "%s: the Quantity has no value", ref);
        }
        if (q.hasComparator()) {
            return null;
        }
        String unit = ucum(q.hasCode() && (!q.hasSystem() || UCUM.equals(q.getSystem())) ? q.getCode() : q.getUnit());
        Map<String, Double> accepted = UNITS.get(input.unit());
        if (accepted == null) {
            if (unit != null && !unit.equals("1") && !unit.startsWith("{")) {
                throw InvalidPatientException.of(input.jsonName(), "%s: unit \"%s\" for a count; give no unit",
                        ref, unit);
            }
            return q.getValue();
        }
        Double factor = unit == null ? null : accepted.get(unit);
        if (factor == null) {
            throw InvalidPatientException.of(input.jsonName(), "%s: unit must be one of %s (UCUM), was \"%s\"",
                    ref, accepted.keySet().stream().sorted().toList(), unit);
        }
        if (factor == 1.0) {
            return q.getValue();
        }
        BigDecimal converted = q.getValue().multiply(BigDecimal.valueOf(factor));
        return input.type() == Input.Type.INTEGER
                ? converted.setScale(0, java.math.RoundingMode.FLOOR) : converted;
    }

    /**
     * A unit in its UCUM spelling: the spellings records use for the same unit (a superscript {@code kg/m²},
     * {@code kg/m^2}, {@code kg.m-2}, spaces) are taken as the UCUM unit they mean.
     */
    static String ucum(String unit) {
        if (unit == null) {
            return null;
        }
        String u = unit.strip().replace(" ", "").replace("\u00b2", "2").replace("^2", "2").replace("\u00b7", ".")
                .replace("\u22c5", ".").replace("\u207b", "-");
        return switch (u) {
            case "kg/m2", "kg.m-2", "kg/(m.m)", "kg/m/m", "kg/(m2)", "Kg/m2", "KG/M2", "kg/M2" -> "kg/m2";
            case "wk", "wks", "week", "weeks" -> "wk";
            case "d", "day", "days" -> "d";
            case "a", "yr", "yrs", "year", "years", "a_g", "a_j" -> "a";
            case "deg", "\u00b0", "degrees", "degree" -> "deg";
            default -> u;
        };
    }

    private static InvalidPatientException wrongType(Input input, String ref, Type value, String expected) {
        return InvalidPatientException.of(input.jsonName(), "%s: value must be %s, was a %s", ref, expected,
                value.fhirType());
    }

    // ---------------------------------------------------------------- derived inputs and the result

    private static final String UNREAD_WHY = "the resource could not be read whole (an unknown element or an "
            + "invalid value), so what it says of this input is not taken";

    private void add(Input input, Object value, String ref, Instant at, Kind kind) {
        if (unread.contains(ref)) {
            unsettle(input, input.jsonName() + ": " + shown(ref) + ": " + UNREAD_WHY, "resource not read whole");
            return;
        }
        claims.add(input, value, ref, at, kind);
    }

    private void addMember(Input input, Enum<?> member, boolean present, String ref, Instant at, Kind kind) {
        if (unread.contains(ref)) {
            unknownMembers.computeIfAbsent(input, k -> new HashSet<>()).add(member);
            unsettle(input, input.jsonName() + ": " + shown(ref) + ": " + UNREAD_WHY, "resource not read whole");
            return;
        }
        claims.addMember(input, member, present, ref, at, kind);
    }

    private void derive() {
        if (earliestSymptomOnset != null) {
            int weeks = Math.toIntExact(ChronoUnit.DAYS.between(earliestSymptomOnset, today) / 7);
            symptomConditionRefs.forEach(r -> add(Input.SYMPTOM_DURATION_WEEKS, weeks, r, null, Kind.DERIVED));
        }
        claims.presentRefs(Input.SYMPTOMS).forEach(r -> add(Input.SYMPTOMS_PERSIST, true, r, null, Kind.DERIVED));
        Integer weeks = careWeeks();
        if (weeks != null) {
            careRefs.forEach(r -> add(Input.CONSERVATIVE_CARE_WEEKS, weeks, r, null, Kind.DERIVED));
        }
        if (!careOutcomes.isEmpty()) {
            Boolean relieved = careOutcomes.contains(Boolean.TRUE) ? Boolean.TRUE
                    : careOutcomes.stream().allMatch(Boolean.FALSE::equals) ? Boolean.FALSE : null;
            if (relieved != null) {
                careOutcomeRefs.forEach(r -> add(Input.CONSERVATIVE_CARE_RELIEVED, relieved, r, null, Kind.DERIVED));
            }
        }
    }

    private MappedPatient build() {
        Patient.Builder builder = Patient.builder();
        Map<Input, List<String>> provenance = new EnumMap<>(Input.class);
        for (Input input : Input.values()) {
            Claims.Resolved r;
            if (input.type() == Input.Type.ENUM_SET) {
                // A list is known member by member: what is known present or absent is given even when the
                // list is not known complete; a member whose resources disagree stays unknown.
                r = claims.resolveSet(input, codes.closure(input), unknownMembers.getOrDefault(input, Set.of()),
                        !unsettled.containsKey(input), why -> unsettle(input, why, "contradictory values"));
            } else {
                if (unsettled.containsKey(input)) {
                    continue;
                }
                try {
                    r = claims.resolve(input);
                } catch (InvalidPatientException e) {
                    unsettle(input, e.getMessage(), "contradictory values");
                    continue;
                }
            }
            if (r == null) {
                continue;
            }
            try {
                if (r.value() instanceof Claims.PartialSet partial) {
                    builder.members(input, partial.present(), partial.absent());
                } else {
                    builder.set(input, r.value());
                }
            } catch (InvalidPatientException e) {
                unsettle(input, withResources(e, r.refs()).getMessage(), "invalid value");
                continue;
            }
            provenance.put(input, r.refs());
        }
        if (patientIdPart != null && !patientIdPart.isBlank() && patientIdPart.length() <= 200) {
            builder.patientId(patientIdPart);
        }
        // Inputs that contradict each other: the one the check names is left unknown, and the rest checked again.
        for (int round = 0; ; round++) {
            try {
                return new MappedPatient(builder.build(), provenance, unsettled, ignoredResources);
            } catch (InvalidPatientException e) {
                Input input = Input.byJsonName(e.field()).orElse(null);
                if (input == null || !provenance.containsKey(input) || round > Input.values().length) {
                    throw e;
                }
                unsettle(input, withResources(e, provenance.get(input)).getMessage(), "inputs contradict each other");
                provenance.remove(input);
                builder.set(input, null);
            }
        }
    }

    private InvalidPatientException withResources(InvalidPatientException e, List<String> refs) {
        String message = e.getMessage();
        String prefix = e.field() + ": ";
        String reason = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        List<String> shown = refs.stream().map(this::shown).distinct().toList();
        return InvalidPatientException.of(e.field(), "%s (from %s)", reason, String.join(", ", shown));
    }

    // ---------------------------------------------------------------- helpers

    /** A resource reference for messages: the Patient resource is named without its id. */
    private String shown(String ref) {
        return ref.equals(patientRef) ? "Patient" : ref;
    }

    /**
     * Whether a resource is about the patient: its subject must be a literal reference to the Patient
     * ({@code Patient/<id>}, an absolute URL ending so, or the bundle's {@code urn:uuid:} full URL of
     * the Patient). A subject that is missing, an identifier, a display, a contained resource or
     * another resource type (a Group) makes the resource ignored and named in the ignored list; a
     * literal reference to another patient refuses the record.
     */
    private boolean aboutThePatient(Reference subject, String ref) {
        String why = null;
        String key = null;
        String fullUrl = null;
        if (subject == null || subject.isEmpty()) {
            why = NO_SUBJECT;
        } else if (!subject.hasReference()) {
            why = subject.hasIdentifier() ? "names its subject by an identifier, not by a reference"
                    : "names its subject by a display only, not by a reference";
        } else {
            String target = subject.getReference();
            if (target.startsWith("urn:")) {
                key = target;
            } else if (target.startsWith("#")) {
                why = "refers to a contained subject, not to the patient";
            } else {
                org.hl7.fhir.r4.model.IdType id = new org.hl7.fhir.r4.model.IdType(target);
                if (!"Patient".equals(id.getResourceType()) || id.getIdPart() == null) {
                    why = id.getResourceType() == null ? "has a subject reference that names no resource type"
                            : "has a subject that is a " + safeType(id.getResourceType()) + ", not a Patient";
                } else {
                    key = id.getIdPart();
                    fullUrl = absolute(id);
                }
            }
        }
        if (why != null) {
            ignoredResources.put(ref, why);
            return false;
        }
        if (patientRef == null && firstSubject == null) {
            firstSubject = key;
            firstSubjectFullUrl = fullUrl;
        }
        String ownId = patientRef != null ? patientIdPart : firstSubject;
        String ownFullUrl = patientRef != null ? patientFullUrl : firstSubjectFullUrl;
        boolean same;
        if (fullUrl != null) {
            // An absolute reference names a server: it is the patient's only when it is the Patient's own
            // full URL. The same id on another server, or on a server the record does not name as the
            // patient's, may be another person: the resource is not merged.
            if (fullUrl.equals(ownFullUrl)) {
                same = true;
            } else if (key.equals(ownId)) {
                ignoredResources.put(ref, OTHER_SERVER);
                return false;
            } else {
                same = false;
            }
        } else if (patientRef != null) {
            same = key.equals(patientIdPart) || key.equals(patientRefValue);
        } else {
            same = key.equals(firstSubject);
        }
        if (!same) {
            throw refuse("resources about different patients", "%s is about another patient than %s", ref,
                    patientRef != null ? "the Patient resource" : "the other resources");
        }
        return true;
    }

    /** Why a resource whose subject is an absolute URL on another server than the patient's is ignored. */
    private static final String OTHER_SERVER = "refers to a patient on another server (an absolute reference that is not "
            + "the Patient's own full URL)";

    /**
     * The versionless absolute URL {@code <base>/Patient/<id>} of an http(s) reference or full URL (a
     * trailing {@code _history/n} ignored, a trailing slash of the base too), or null when it is not
     * absolute.
     */
    private static String absolute(org.hl7.fhir.r4.model.IdType id) {
        if (id == null || !id.hasBaseUrl() || id.getIdPart() == null) {
            return null;
        }
        String base = id.getBaseUrl();
        String lower = base.toLowerCase(java.util.Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return null;
        }
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/Patient/" + id.getIdPart();
    }

    /** A resource type as written, if it looks like one (letters only), for the ignored list. */
    private static String safeType(String type) {
        return type.matches("[A-Z][A-Za-z]{1,63}") ? type : "resource of another type";
    }

    private static String ref(Resource r, int index) {
        String type = r.fhirType();
        String value = r.getIdElement().getValue();
        if (value != null && value.startsWith("urn:")) {
            return value;
        }
        String id = r.getIdElement().getIdPart();
        return id == null ? type + "[" + index + "]" : type + "/" + id;
    }

    private static String status(CodeableConcept cc, String system) {
        if (cc == null) {
            return null;
        }
        for (Coding c : cc.getCoding()) {
            if (c.getCode() != null && (system.equals(c.getSystem()) || !c.hasSystem())) {
                return c.getCode();
            }
        }
        return null;
    }

    private static Instant time(Observation o) {
        Type e = o.getEffective();
        if (e instanceof BaseDateTimeType d && d.getValue() != null) {
            return d.getValue().toInstant();
        }
        if (e instanceof Period p) {
            if (p.hasEnd()) {
                return p.getEnd().toInstant();
            }
            if (p.hasStart()) {
                return p.getStart().toInstant();
            }
        }
        return o.hasIssued() ? o.getIssued().toInstant() : null;
    }

    /** The calendar day of a date or date-time: a date as written, a date-time in the clock's zone. */
    private LocalDate date(BaseDateTimeType d) {
        String s = d.getValueAsString();
        if (s == null || d.getValue() == null) {
            return null; // an invalid date a lenient parse kept as text: no date
        }
        switch (s.length()) {
            case 4:
                return LocalDate.of(Integer.parseInt(s), 1, 1);
            case 7:
                return LocalDate.parse(s + "-01");
            case 10:
                return LocalDate.parse(s);
            default:
                return d.getValue().toInstant().atZone(clock.getZone()).toLocalDate();
        }
    }

    @SuppressWarnings("unchecked")
    private static Collection<Enum<?>> members(Entry e) {
        return (Collection<Enum<?>>) e.value();
    }

    private static Enum<?> constant(Input input, String name) {
        for (Enum<?> c : input.enumType().getEnumConstants()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
