package org.spinecds.fhir.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DataRequirement;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.GuidanceResponse;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RiskAssessment;
import org.spinecds.Assessment;
import org.spinecds.Category;
import org.spinecds.CriterionResult;
import org.spinecds.Evidence;
import org.spinecds.Finding;
import org.spinecds.KnowledgeBaseInfo;
import org.spinecds.MissingInput;
import org.spinecds.Source;
import org.spinecds.Verdict;
import org.spinecds.fhir.MappedPatient;
import org.spinecds.fhir.internal.CodeList.Entry;
import org.spinecds.fhir.internal.CodeList.Section;
import org.spinecds.patient.Input;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;

/** Renders one assessment as a GuidanceResponse; see {@code org.spinecds.fhir.FhirAssessment}. */
public final class GuidanceRendering {

    public static final String INPUT_EXTENSION = "https://spinecds.org/fhir/StructureDefinition/input";
    /** The verdict of the walk whose rank a missing input would settle (valueCoding). */
    public static final String SETTLES_EXTENSION = "https://spinecds.org/fhir/StructureDefinition/settles";
    /** A criterion a missing input concerns (valueCoding; one per criterion). */
    public static final String CRITERION_EXTENSION = "https://spinecds.org/fhir/StructureDefinition/criterion";
    static final String VERDICT_SYSTEM = "https://spinecds.org/fhir/CodeSystem/verdict";
    static final String FINDING_SYSTEM = "https://spinecds.org/fhir/CodeSystem/finding";
    static final String SOURCE_SYSTEM = "https://spinecds.org/fhir/CodeSystem/source";
    static final String CRITERION_SYSTEM = "https://spinecds.org/fhir/CodeSystem/criterion";
    static final String KNOWLEDGE_BASE = "https://spinecds.org/fhir/knowledge-base/";
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final CodeList codes;
    private final MappedPatient mapped;

    public GuidanceRendering(CodeList codes, MappedPatient mapped) {
        this.codes = codes;
        this.mapped = mapped;
    }

    public GuidanceResponse render(Assessment a) {
        GuidanceResponse g = new GuidanceResponse();
        g.setText(narrative(verdictNote(a)));
        KnowledgeBaseInfo kb = a.knowledgeBase();
        g.setModule(new org.hl7.fhir.r4.model.UriType(moduleUri(kb)));
        g.setStatus(status(a));
        Reference subject = subject(a);
        if (subject != null) {
            g.setSubject(subject);
        }
        g.setOccurrenceDateTimeElement(when(a));
        g.addReasonCode(verdict(a.verdict()));
        g.addNote(new Annotation().setText(verdictNote(a)));
        g.addNote(new Annotation().setText(String.format(java.util.Locale.ROOT,
                "Knowledge base %s, version %s, SHA-256 %s, %d rules, generation %d.", kb.name(), kb.version(),
                kb.sha256(), kb.ruleCount(), kb.generation())));
        g.addNote(new Annotation().setText("SpineCDS supports a clinician's decision; it does not make it."));
        if (mapped != null) {
            // inputs to collect although the record speaks of them, and resources not mapped: say why
            mapped.notes().forEach(n -> g.addNote(new Annotation().setText(n)));
        }

        Parameters out = new Parameters();
        out.setId("output");
        out.addParameter().setName("verdict").setValue(verdict(a.verdict()).getCodingFirstRep());
        for (Verdict v : a.possibleVerdicts()) {
            out.addParameter().setName("possibleVerdict").setValue(verdictCoding(v));
        }
        for (CriterionResult c : a.criteria()) {
            Parameters.ParametersParameterComponent p = out.addParameter().setName("criterion");
            p.addPart().setName("id").setValue(new Coding(CRITERION_SYSTEM, c.id(), c.title()));
            p.addPart().setName("status").setValue(new CodeType(c.status().name()));
            for (String input : c.toCollect()) {
                p.addPart().setName("toCollect").setValue(new CodeType(input));
            }
        }
        for (Finding f : a.findings()) {
            if (isIssue(f)) {
                out.addParameter().setName("detectedIssue").setResource(issue(a, f, subject));
            }
        }
        List<Finding> risks = a.findings().stream().filter(f -> f.category() == Category.PATIENT_RISK).toList();
        if (!risks.isEmpty()) {
            out.addParameter().setName("riskAssessment").setResource(risk(a, risks, subject));
        }
        g.addContained(out);
        g.setOutputParameters(new Reference("#output"));

        Set<String> listed = new LinkedHashSet<>();
        List<MissingInput> missing = new ArrayList<>(a.toSettle());
        for (String name : a.missingInputs()) {
            if (a.toSettle().stream().noneMatch(m -> m.input().equals(name))) {
                missing.add(new MissingInput(name, null, List.of()));
            }
        }
        missing.addAll(a.inputsToComplete());
        for (MissingInput m : missing) {
            if (!listed.add(m.input())) {
                continue;
            }
            List<DataRequirement> requirements = Input.byJsonName(m.input()).map(this::requirements)
                    .orElseGet(() -> List.of(requirement(m.input(), "Observation")));
            for (DataRequirement d : requirements) {
                if (m.verdict() != null) {
                    d.addExtension(SETTLES_EXTENSION, verdictCoding(m.verdict()));
                }
                for (String criterion : m.criteria()) {
                    d.addExtension(CRITERION_EXTENSION, new Coding(CRITERION_SYSTEM, criterion, null));
                }
                g.addDataRequirement(d);
            }
        }
        return g;
    }

    /** The findings given as a DetectedIssue: red flags, scope and open-surgery findings. */
    public static boolean isIssue(Finding f) {
        return f.category() == Category.RED_FLAG || f.category() == Category.SCOPE
                || f.category() == Category.OPEN_SURGERY;
    }

    // ---------------------------------------------------------------- the response

    static String moduleUri(KnowledgeBaseInfo kb) {
        return KNOWLEDGE_BASE + encode(kb.name()) + "/" + encode(kb.version()) + "/sha256/" + kb.sha256();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * {@code data-required} when the walk could not reach a verdict; {@code data-requested} when it did but
     * inputs that would complete the risk, setting or recovery picture are unknown; {@code success} otherwise.
     */
    private static GuidanceResponse.GuidanceResponseStatus status(Assessment a) {
        if (!a.verdict().isRanked()) {
            return GuidanceResponse.GuidanceResponseStatus.DATAREQUIRED;
        }
        return a.missingInputs().isEmpty() && a.inputsToComplete().isEmpty()
                ? GuidanceResponse.GuidanceResponseStatus.SUCCESS
                : GuidanceResponse.GuidanceResponseStatus.DATAREQUESTED;
    }

    private static Reference subject(Assessment a) {
        String id = a.patientId();
        if (id == null) {
            return null;
        }
        if (FHIR_ID.matcher(id).matches()) {
            return new Reference("Patient/" + id);
        }
        if (id.startsWith("urn:uuid:") || id.startsWith("urn:oid:")) {
            return new Reference(id);
        }
        return new Reference().setType("Patient").setIdentifier(new Identifier().setValue(id));
    }

    private static DateTimeType when(Assessment a) {
        return new DateTimeType(Date.from(a.assessedAt()), TemporalPrecisionEnum.MILLI, TimeZone.getTimeZone("UTC"));
    }

    private static CodeableConcept verdict(Verdict v) {
        return new CodeableConcept(verdictCoding(v)).setText("Verdict: " + v.title());
    }

    private static Coding verdictCoding(Verdict v) {
        return new Coding(VERDICT_SYSTEM, v.name(), v.title());
    }

    private static String verdictNote(Assessment a) {
        StringBuilder s = new StringBuilder("Verdict: ").append(a.verdict().title()).append('.');
        if (!a.decidedBy().isEmpty()) {
            s.append(" Decided by ").append(a.decidedBy().stream().map(f -> f.code() + " (" + f.summary() + ")")
                    .collect(Collectors.joining("; "))).append('.');
        }
        a.overridden().forEach(o -> s.append(' ').append(o.verdict().title()).append(": ")
                .append(o.reason()).append('.'));
        if (!a.verdict().isRanked() && !a.possibleVerdicts().isEmpty()) {
            s.append(" Still possible: ").append(a.possibleVerdicts().stream().map(Verdict::title)
                    .collect(Collectors.joining("; "))).append('.');
        }
        if (!a.missingInputs().isEmpty()) {
            s.append(" Inputs to collect: ").append(String.join(", ", a.missingInputs())).append('.');
        }
        if (!a.inputsToComplete().isEmpty()) {
            s.append(" Inputs that would complete the risk, setting or recovery picture: ")
                    .append(a.inputsToComplete().stream().map(MissingInput::input).collect(Collectors.joining(", ")))
                    .append('.');
        }
        return s.toString();
    }

    // ---------------------------------------------------------------- issues and risks

    private DetectedIssue issue(Assessment a, Finding f, Reference subject) {
        DetectedIssue d = new DetectedIssue();
        d.setText(narrative(f.summary() + ". " + detail(f)));
        d.setStatus(DetectedIssue.DetectedIssueStatus.FINAL);
        d.setCode(finding(f));
        d.setSeverity(switch (f.severity()) {
            case CRITICAL -> DetectedIssue.DetectedIssueSeverity.HIGH;
            case WARNING -> DetectedIssue.DetectedIssueSeverity.MODERATE;
            case INFO -> DetectedIssue.DetectedIssueSeverity.LOW;
        });
        if (subject != null) {
            d.setPatient(subject.copy());
        }
        d.setIdentified(when(a));
        resources(f.evidence()).forEach(r -> d.addImplicated(new Reference(r)));
        for (Evidence e : f.evidence()) {
            DetectedIssue.DetectedIssueEvidenceComponent ev = d.addEvidence();
            ev.addCode(evidence(e));
            resources(List.of(e)).forEach(r -> ev.addDetail(new Reference(r)));
        }
        for (Source s : f.sources()) {
            d.addEvidence().addCode(source(s));
        }
        f.sources().stream().map(Source::url).filter(u -> u != null && !u.isBlank()).findFirst()
                .ifPresent(d::setReference);
        d.setDetail(detail(f));
        return d;
    }

    private RiskAssessment risk(Assessment a, List<Finding> risks, Reference subject) {
        RiskAssessment r = new RiskAssessment();
        r.setText(narrative("Patient risk factors: " + risks.stream().map(Finding::summary)
                .collect(Collectors.joining("; ")) + "."));
        r.setStatus(RiskAssessment.RiskAssessmentStatus.FINAL);
        r.setSubject(subject != null ? subject.copy() : new Reference().setDisplay("The assessed patient"));
        r.setOccurrence(when(a));
        r.setCode(new CodeableConcept().setText("Patient risk factors for spine surgery"));
        r.setMethod(new CodeableConcept().setText(a.knowledgeBase().name() + " " + a.knowledgeBase().version()
                + ", patient-risk rules"));
        Set<String> basis = new LinkedHashSet<>();
        List<String> actions = new ArrayList<>();
        for (Finding f : risks) {
            RiskAssessment.RiskAssessmentPredictionComponent p = r.addPrediction();
            p.setOutcome(finding(f));
            p.setRationale(detail(f) + " Evidence: " + f.evidence().stream().map(Evidence::toString)
                    .collect(Collectors.joining("; ")) + ". Sources: " + citations(f) + ".");
            basis.addAll(resources(f.evidence()));
            if (f.action() != null) {
                actions.add(f.code() + ": " + f.action());
            }
        }
        basis.forEach(ref -> r.addBasis(new Reference(ref)));
        if (!actions.isEmpty()) {
            r.setMitigation(String.join("; ", actions));
        }
        Set<Source> sources = new LinkedHashSet<>();
        risks.forEach(f -> sources.addAll(f.sources()));
        sources.forEach(s -> r.addNote(new Annotation().setText("Source " + s.id() + ": " + s.citation()
                + (s.url() == null ? "" : " (" + s.url() + ")"))));
        return r;
    }

    /** A generated narrative of plain text, for systems that show only the narrative. */
    private static Narrative narrative(String text) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        Narrative n = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        n.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>" + escaped + "</p></div>");
        return n;
    }

    private static CodeableConcept finding(Finding f) {
        return new CodeableConcept(new Coding(FINDING_SYSTEM, f.code(), f.summary())).setText(f.summary());
    }

    private static CodeableConcept evidence(Evidence e) {
        return new CodeableConcept(new Coding(CodeList.SPINECDS_SYSTEM, e.input(), null)).setText(e.toString());
    }

    private static CodeableConcept source(Source s) {
        return new CodeableConcept(new Coding(SOURCE_SYSTEM, s.id(), null))
                .setText(s.citation() + (s.url() == null ? "" : " " + s.url()));
    }

    private static String detail(Finding f) {
        return f.detail() + (f.action() == null ? "" : " Action: " + f.action() + ".")
                + " Rule " + f.code() + " (" + f.criterion() + ").";
    }

    private static String citations(Finding f) {
        return f.sources().stream().map(s -> s.id() + ": " + s.citation()).collect(Collectors.joining("; "));
    }

    /** The FHIR resources behind the evidence's inputs, when the patient was mapped from FHIR. */
    private List<String> resources(List<Evidence> evidence) {
        if (mapped == null) {
            return List.of();
        }
        Set<String> refs = new LinkedHashSet<>();
        for (Evidence e : evidence) {
            Input.byJsonName(e.input()).map(mapped.provenance()::get).ifPresent(list -> list.stream()
                    .filter(r -> !r.contains("[")).forEach(refs::add));
        }
        return List.copyOf(refs);
    }

    // ---------------------------------------------------------------- data requirements

    /** Which resource types can supply an input beyond the code lists, and the elements that carry it. */
    private static final Map<Input, String[]> DERIVED = Map.of(
            Input.AGE, new String[] {"Patient", "birthDate"},
            Input.SEX, new String[] {"Patient", "gender"},
            Input.SYMPTOM_DURATION_WEEKS, new String[] {"Condition", "onset"},
            Input.SYMPTOMS_PERSIST, new String[] {"Condition", "clinicalStatus"},
            Input.CONSERVATIVE_CARE_WEEKS, new String[] {"Procedure", "performed"},
            Input.CONSERVATIVE_CARE_RELIEVED, new String[] {"Procedure", "outcome"},
            Input.LONG_TERM_CORTICOSTEROIDS, new String[] {"MedicationStatement", "effective"},
            Input.REGIONS, new String[] {"ServiceRequest", "bodySite"});

    private static final Map<Input, Input> CODES_OF = Map.of(
            Input.SYMPTOM_DURATION_WEEKS, Input.SYMPTOMS,
            Input.SYMPTOMS_PERSIST, Input.SYMPTOMS,
            Input.CONSERVATIVE_CARE_WEEKS, Input.CONSERVATIVE_CARE,
            Input.CONSERVATIVE_CARE_RELIEVED, Input.CONSERVATIVE_CARE);

    private List<DataRequirement> requirements(Input input) {
        Map<String, DataRequirement> byType = new LinkedHashMap<>();
        String[] derived = DERIVED.get(input);
        if (derived != null) {
            DataRequirement d = byType.computeIfAbsent(derived[0], t -> requirement(input.jsonName(), t));
            d.addMustSupport(derived[1]);
        }
        Input codesOf = CODES_OF.getOrDefault(input, input);
        for (Section s : Section.values()) {
            String type = switch (s) {
                case CONDITIONS -> "Condition";
                case MEDICATIONS -> "MedicationStatement";
                case PROCEDURES -> "Procedure";
                case PLANNED_PROCEDURES -> "ServiceRequest";
                case OBSERVATIONS -> "Observation";
                case REGIONS -> input == Input.REGIONS ? "ServiceRequest" : null;
                default -> null;
            };
            if (type == null) {
                continue;
            }
            for (Entry e : codes.section(s)) {
                boolean regionSite = s == Section.REGIONS && CodeList.SNOMED.equals(e.system());
                if (e.input() == codesOf || regionSite) {
                    DataRequirement d = byType.computeIfAbsent(type, t -> requirement(input.jsonName(), t));
                    filter(d, s == Section.REGIONS ? "bodySite" : "code")
                            .addCode(new Coding(e.system(), e.code(), e.display()));
                }
            }
        }
        DataRequirement observation = byType.computeIfAbsent("Observation", t -> requirement(input.jsonName(), t));
        filter(observation, "code").addCode(new Coding(CodeList.SPINECDS_SYSTEM, input.jsonName(), input.description()));
        return List.copyOf(byType.values());
    }

    private static DataRequirement requirement(String input, String type) {
        DataRequirement d = new DataRequirement();
        d.setType(type);
        d.addExtension(INPUT_EXTENSION, new CodeType(input));
        return d;
    }

    private static DataRequirement.DataRequirementCodeFilterComponent filter(DataRequirement d, String path) {
        for (DataRequirement.DataRequirementCodeFilterComponent f : d.getCodeFilter()) {
            if (path.equals(f.getPath())) {
                return f;
            }
        }
        return d.addCodeFilter().setPath(path);
    }
}
