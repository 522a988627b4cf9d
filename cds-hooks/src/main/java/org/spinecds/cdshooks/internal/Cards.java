package org.spinecds.cdshooks.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.spinecds.Assessment;
import org.spinecds.Category;
import org.spinecds.CriterionResult;
import org.spinecds.Evidence;
import org.spinecds.Finding;
import org.spinecds.KnowledgeBaseInfo;
import org.spinecds.MissingInput;
import org.spinecds.OverriddenVerdict;
import org.spinecds.Severity;
import org.spinecds.Source;
import org.spinecds.Verdict;
import org.spinecds.patient.Input;
import org.spinecds.rule.RuleKit;

/**
 * Turns an assessment into CDS Hooks cards: the verdict card first; then, when inputs are unknown or
 * prefetch data were not sent, a card naming the inputs to collect; then one card per significant
 * finding.
 *
 * <p><b>The verdict card</b> states the verdict, the findings that decided it (with their evidence,
 * where in the record each input came from, their actions and sources), what it outranked, the
 * candidacy checklist and the informational findings. Its {@linkplain #indicator indicator} follows
 * the verdict, as the clinician in front of the chart would weigh it: urgent evaluation is
 * {@code critical}; insufficient information is a {@code warning} (no verdict can be trusted yet, and
 * a red flag may be among what was not asked); every other verdict is guidance for the plan, not an
 * alarm, and is {@code info}, except that on order-select a verdict that does not support the spine
 * procedure being ordered (outside scope, surgery not indicated, conservative care or further
 * evaluation first) is a {@code warning}.
 *
 * <p><b>The inputs card</b>, for INSUFFICIENT_INFORMATION, lists the inputs that would settle the
 * verdict in the assessment's order (the verdict order, red-flag screen first), each with the verdict
 * and criteria it would settle, the verdicts still possible, and what the unsettled checks ask to be
 * done; then, apart and in one line, the other unknown inputs, which only complete the risk, setting
 * or recovery picture (but for an input whose being unknown a finding card already states, such as
 * RISK-9's unknown surgeon experience); then the prefetch keys the client did not send. For a
 * definitive verdict it holds only the latter two, as information: the verdict holds whatever they
 * turn out to be.
 *
 * <p>A finding is <em>significant</em>, and gets a card of its own, when its severity is
 * {@code warning} or {@code critical}, it is not a candidacy finding (those are the checklist), and no
 * other card already says it: the findings that decided the verdict are stated in the verdict card,
 * and the findings that only say a screen is incomplete (URG-S, SCOPE-U) are the inputs card's items.
 * So red flags, scope findings, open-surgery findings, risk factors (RISK-ASA-CRITICAL among them)
 * and procedure risks that a higher verdict outranked, or that stand beside the verdict, get cards.
 * Informational findings (the procedure risks listed for consent, setting, recovery) are named in the
 * verdict card so that the chart is not flooded with cards nobody needs to act on.
 */
public final class Cards {

    /** The coding system of the reasons a clinician may give for dismissing a card. */
    public static final String OVERRIDE_REASON_SYSTEM = "urn:spinecds:override-reason";
    /** The coding system of the card topics: the finding categories. */
    public static final String TOPIC_SYSTEM = "urn:spinecds:finding-category";
    /** The coding system of the verdict card's topic: the verdict. */
    public static final String VERDICT_TOPIC_SYSTEM = "urn:spinecds:verdict";
    /** The prefix of the card extension properties. */
    public static final String EXTENSION_PREFIX = "org.spinecds.";

    /** The reasons offered for dismissing any card. */
    public static final List<Card.Coding> OVERRIDE_REASONS = List.of(
            new Card.Coding(OVERRIDE_REASON_SYSTEM, "data-incorrect", "Patient data behind this card is wrong or out of date"),
            new Card.Coding(OVERRIDE_REASON_SYSTEM, "clinical-judgement", "Clinical judgement differs; reason documented in the record"),
            new Card.Coding(OVERRIDE_REASON_SYSTEM, "already-addressed", "Already addressed or planned"),
            new Card.Coding(OVERRIDE_REASON_SYSTEM, "patient-preference", "Patient's informed preference"));

    /**
     * The criteria whose findings only say that a screen is incomplete (the red-flag screen, the
     * scope): what they ask is to record the inputs that the inputs card lists.
     */
    static final Set<String> SCREEN_GAP_CRITERIA = Set.of("URG-S", "SCOPE-U");

    private static final int MAX_LABEL = 100;
    private static final String DISCLAIMER = "SpineCDS supports the clinician's decision; it does not make it.";

    private final Supplier<UUID> uuids;
    /** The URL of the Questionnaire of the inputs named, or {@code null} for no such link. */
    private final java.util.function.Function<List<String>, String> questionnaireLink;

    /** Cards with random (version 4) uuids. */
    public Cards() {
        this(UUID::randomUUID);
    }

    /**
     * Cards whose inputs card, for INSUFFICIENT_INFORMATION, links to the Questionnaire of its inputs
     * at the URL {@code questionnaireLink} gives for their JSON names.
     */
    public Cards(java.util.function.Function<List<String>, String> questionnaireLink) {
        this(UUID::randomUUID, questionnaireLink);
    }

    Cards(Supplier<UUID> uuids) {
        this(uuids, null);
    }

    Cards(Supplier<UUID> uuids, java.util.function.Function<List<String>, String> questionnaireLink) {
        this.uuids = uuids;
        this.questionnaireLink = questionnaireLink;
    }

    /**
     * What the cards are made of: the assessment, where each input came from (e.g. {@code bmi} from
     * {@code Observation/bmi-1}), the prefetch keys the client did not send, those whose lists it sent
     * incomplete (a page of a search, a failed prefetch; their inputs are unknown), what the mapping
     * says of the record ({@link org.spinecds.fhir.MappedPatient#notes()}: inputs it left unknown and
     * why, resources it did not map), and whether the patient was assessed for a spine procedure being
     * ordered (order-select, order-sign).
     */
    public record CardInput(Assessment assessment, Map<Input, List<String>> provenance, List<String> prefetchNotSent,
                            List<String> prefetchIncomplete, List<String> recordNotes, boolean ordering) {
        public CardInput {
            java.util.Objects.requireNonNull(assessment, "assessment");
            provenance = Map.copyOf(provenance);
            prefetchNotSent = List.copyOf(prefetchNotSent);
            prefetchIncomplete = List.copyOf(prefetchIncomplete);
            recordNotes = List.copyOf(recordNotes);
        }

        /** The cards of a call with nothing to say of the record's mapping. */
        public CardInput(Assessment assessment, Map<Input, List<String>> provenance, List<String> prefetchNotSent,
                         List<String> prefetchIncomplete, boolean ordering) {
            this(assessment, provenance, prefetchNotSent, prefetchIncomplete, List.of(), ordering);
        }

        /** Names the assessment (verdict and codes) and the inputs: never the resources they came from. */
        @Override
        public String toString() {
            return "CardInput[" + assessment + ", inputs " + provenance.keySet().stream().sorted().toList()
                    + ", prefetch not sent " + prefetchNotSent + ", incomplete " + prefetchIncomplete
                    + (ordering ? ", ordering" : "") + "]";
        }

        /** The cards of a call whose prefetch lists were complete. */
        public CardInput(Assessment assessment, Map<Input, List<String>> provenance, List<String> prefetchNotSent,
                         boolean ordering) {
            this(assessment, provenance, prefetchNotSent, List.of(), ordering);
        }

        /** The cards of a patient-view call. */
        public CardInput(Assessment assessment, Map<Input, List<String>> provenance, List<String> prefetchNotSent) {
            this(assessment, provenance, prefetchNotSent, List.of(), false);
        }
    }

    /**
     * The cards, in order: verdict, inputs to collect (if any: one card for all of them), significant
     * findings. A significant finding whose evidence holds an unknown input (RISK-9: the surgeon's
     * experience is not recorded) asks for that input, and is a line of the inputs card rather than a
     * card of its own.
     */
    public List<Card> render(CardInput in) {
        Assessment a = in.assessment();
        List<Card> cards = new ArrayList<>();
        cards.add(verdictCard(in));
        List<Finding> significant = distinct(a.findings()).stream()
                .filter(f -> isSignificant(f) && !a.decidedBy().contains(f)).toList();
        List<Finding> waiting = significant.stream().filter(Cards::waitsOnAnInput).toList();
        List<Finding> own = significant.stream().filter(f -> !waitsOnAnInput(f)).toList();
        // an input a waiting finding names (RISK-9: the surgeon's experience) is its line, not listed again
        Set<String> statedUnknown = waiting.stream().flatMap(f -> f.evidence().stream())
                .filter(e -> e.value() == null).map(Evidence::input).collect(Collectors.toSet());
        List<MissingInput> toComplete = a.inputsToComplete().stream()
                .filter(m -> !statedUnknown.contains(m.input())).toList();
        boolean inputsCard = !a.toSettle().isEmpty() || !toComplete.isEmpty() || !in.prefetchNotSent().isEmpty()
                || !in.prefetchIncomplete().isEmpty() || !waiting.isEmpty() || !in.recordNotes().isEmpty();
        if (inputsCard) {
            cards.add(inputsCard(in, toComplete, waiting));
        }
        for (Finding f : own) {
            if (!(inputsCard && SCREEN_GAP_CRITERIA.contains(f.criterion()))) {
                cards.add(findingCard(f, in));
            }
        }
        return cards;
    }

    /** Whether a finding's evidence holds an input that is unknown: what it asks is to record it. */
    static boolean waitsOnAnInput(Finding f) {
        return f.evidence().stream().anyMatch(e -> e.value() == null);
    }

    /** Whether a finding is worth a card: a warning or critical finding outside the candidacy checklist. */
    public static boolean isSignificant(Finding f) {
        return f.severity() != Severity.INFO && f.category() != Category.CANDIDACY;
    }

    /** The verdict card's indicator (see the class comment). */
    public static Severity indicator(Verdict v, boolean ordering) {
        return switch (v) {
            case URGENT_EVALUATION -> Severity.CRITICAL;
            case INSUFFICIENT_INFORMATION -> Severity.WARNING;
            case OUTSIDE_SCOPE, SURGERY_NOT_INDICATED, CONSERVATIVE_CARE_FIRST, FURTHER_EVALUATION ->
                    ordering ? Severity.WARNING : Severity.INFO;
            case OPEN_SURGERY_PREFERRED, MINIMALLY_INVASIVE_CANDIDATE -> Severity.INFO;
        };
    }

    /** Shortens a text to a card summary: whole words, under 140 characters, an ellipsis when cut. */
    public static String summary(String text) {
        return shorten(text.strip().replaceAll("\\s+", " "), Card.MAX_SUMMARY);
    }

    // ---------------------------------------------------------------- the verdict card

    private Card verdictCard(CardInput in) {
        Assessment a = in.assessment();
        Verdict v = a.verdict();
        List<Finding> decidedBy = distinct(a.decidedBy());
        StringBuilder d = new StringBuilder();
        d.append("**").append(md(v.title())).append("** (").append(code(v.name())).append(")");
        if (v == Verdict.INSUFFICIENT_INFORMATION) {
            d.append(": no verdict can be given yet. Still possible, in verdict order: ")
                    .append(verdictList(a.possibleVerdicts()))
                    .append(". The next card names the inputs that would settle them")
                    .append(redFlagsFirst(a) ? ", red-flag screen first.\n" : ".\n");
            if (!decidedBy.isEmpty()) {
                d.append("\nNot yet settled:\n\n");
                decidedBy.forEach(f -> d.append("- ").append(md(f.summary())).append(" (").append(code(f.code()))
                        .append(", ").append(md(f.criterion())).append(")\n"));
            }
        } else if (v == Verdict.MINIMALLY_INVASIVE_CANDIDATE) {
            d.append(": every candidacy criterion is MET (the checklist below) and no verdict above it applies.\n");
        } else if (decidedBy.isEmpty()) {
            d.append('\n');
        } else {
            d.append(", decided by:\n\n");
            decidedBy.forEach(f -> decidingFinding(d, f, in));
            List<String> actions = decidedBy.stream().map(Finding::action).filter(java.util.Objects::nonNull)
                    .distinct().toList();
            if (actions.size() == 1) {
                d.append("\n**Action:** ").append(md(actions.get(0))).append('\n');
            } else if (!actions.isEmpty()) {
                d.append("\n**Actions:**\n\n");
                actions.forEach(action -> d.append("- ").append(md(action)).append('\n'));
            }
        }
        for (OverriddenVerdict o : a.overridden()) {
            d.append("\n**Outranked:** ").append(md(o.verdict().title())).append(" (").append(code(o.verdict().name()))
                    .append(") from ").append(codes(o.findingCodes().stream().distinct().toList())).append(": ")
                    .append(md(o.reason())).append('\n');
        }
        checklist(d, a, decidedBy);
        List<String> informational = a.findings().stream()
                .filter(f -> f.category() != Category.CANDIDACY && f.severity() == Severity.INFO)
                .map(f -> md(f.summary()) + " (" + code(f.code()) + ")").distinct().toList();
        if (!informational.isEmpty()) {
            d.append("\n**Also in this assessment** (information, no card of its own):\n\n");
            informational.forEach(line -> d.append("- ").append(line).append('\n'));
        }
        List<Source> sources = decidedBy.stream().flatMap(f -> f.sources().stream()).distinct().toList();
        if (v != Verdict.MINIMALLY_INVASIVE_CANDIDATE && !sources.isEmpty()) {
            sourceList(d.append('\n'), sources);
        }
        d.append('\n').append(ruleBase(a.knowledgeBase())).append(' ').append(DISCLAIMER);

        Map<String, Object> ext = new LinkedHashMap<>();
        extend(ext, "verdict", v.name());
        extend(ext, "decidedBy", decidedBy.stream().map(Finding::code).distinct().toList());
        extend(ext, "possibleVerdicts", a.possibleVerdicts().stream().map(Verdict::name).toList());
        Map<String, Object> ruleBase = new LinkedHashMap<>();
        ruleBase.put("name", a.knowledgeBase().name());
        ruleBase.put("version", a.knowledgeBase().version());
        ruleBase.put("sha256", a.knowledgeBase().sha256());
        ruleBase.put("generation", a.knowledgeBase().generation());
        extend(ext, "ruleBase", ruleBase);
        return new Card(uuids.get().toString(), summary(verdictSummary(a, decidedBy)), d.toString(),
                indicator(v, in.ordering()).id(),
                source(sources, a.knowledgeBase(), new Card.Coding(VERDICT_TOPIC_SYSTEM, v.name(), v.title())),
                links(sources), OVERRIDE_REASONS, ext);
    }

    private static String verdictSummary(Assessment a, List<Finding> decidedBy) {
        Verdict v = a.verdict();
        if (v == Verdict.MINIMALLY_INVASIVE_CANDIDATE) {
            return v.title() + ": all " + a.criteria().size() + " candidacy criteria met";
        }
        if (v == Verdict.INSUFFICIENT_INFORMATION) {
            List<Verdict> possible = a.possibleVerdicts();
            if (possible.isEmpty()) {
                return v.title();
            }
            String listed = v.title() + ": " + orList(possible) + " still possible";
            if (possible.size() <= 3 && listed.length() <= Card.MAX_SUMMARY) {
                return listed;
            }
            return v.title() + ": " + possible.size() + " verdicts still possible, from "
                    + possible.get(0).title() + " to " + possible.get(possible.size() - 1).title();
        }
        if (decidedBy.isEmpty()) {
            return v.title();
        }
        return v.title() + ": " + withoutRepeatedLabel(v.title(), decidedBy.get(0).summary())
                + (decidedBy.size() > 1 ? " (and " + (decidedBy.size() - 1) + " more)" : "");
    }

    /**
     * A finding summary without a leading label that only repeats the verdict title: "Outside scope:
     * age 15, under 18" after "Outside the scope of these criteria" reads "age 15, under 18".
     */
    static String withoutRepeatedLabel(String title, String summary) {
        int colon = summary.indexOf(": ");
        if (colon <= 0 || colon > 40) {
            return summary;
        }
        Set<String> titleWords = Set.of(title.toLowerCase(java.util.Locale.ROOT).split("[^a-z]+"));
        boolean repeats = java.util.Arrays.stream(summary.substring(0, colon).toLowerCase(java.util.Locale.ROOT)
                .split("[^a-z]+")).filter(w -> !w.isEmpty()).allMatch(titleWords::contains);
        return repeats ? summary.substring(colon + 2) : summary;
    }

    /** One deciding finding: summary, detail, evidence and where its inputs came from. */
    private static void decidingFinding(StringBuilder d, Finding f, CardInput in) {
        d.append("- **").append(md(f.summary())).append("** (").append(code(f.code())).append(", ")
                .append(md(f.criterion())).append("): ").append(md(f.detail())).append('\n');
        for (Evidence e : f.evidence()) {
            d.append("  - ").append(evidenceLine(e)).append('\n');
        }
        String from = fromTheRecord(f, in);
        if (!from.isEmpty()) {
            d.append("  - From the record: ").append(from).append('\n');
        }
    }

    /** The checklist CAND-1 to CAND-8, then the candidacy warnings that no checklist row states. */
    private static void checklist(StringBuilder d, Assessment a, List<Finding> decidedBy) {
        d.append("\n**Candidacy checklist** (all must be MET for a minimally invasive candidate)\n\n");
        d.append("| Criterion | Status | Evidence |\n| --- | --- | --- |\n");
        Set<String> inRows = new LinkedHashSet<>();
        for (CriterionResult c : a.criteria()) {
            inRows.addAll(c.findingCodes());
            String evidence = c.decidedBy().stream().map(Cards::evidenceLine).distinct()
                    .collect(Collectors.joining("; "));
            if (!c.toCollect().isEmpty()) {
                evidence = (evidence.isEmpty() ? "" : evidence + "; ") + "collect: " + codes(c.toCollect());
            }
            d.append("| ").append(c.id()).append(": ").append(md(c.title())).append(" | ").append(c.status())
                    .append(" | ").append(evidence.isEmpty() ? "-" : evidence).append(" |\n");
        }
        List<Finding> beside = distinct(a.findings()).stream()
                .filter(f -> f.category() == Category.CANDIDACY && f.severity() != Severity.INFO)
                .filter(f -> !inRows.contains(f.code()) && !decidedBy.contains(f)).toList();
        if (!beside.isEmpty()) {
            d.append("\n**Beside the checklist:**\n\n");
            for (Finding f : beside) {
                d.append("- **").append(md(f.summary())).append("** (").append(code(f.code())).append(", ")
                        .append(md(f.criterion())).append("): ").append(md(f.detail()));
                if (f.action() != null) {
                    d.append(" **Action:** ").append(md(f.action()));
                }
                d.append('\n');
            }
        }
    }

    // ---------------------------------------------------------------- the inputs card

    private Card inputsCard(CardInput in, List<MissingInput> toComplete, List<Finding> waiting) {
        Assessment a = in.assessment();
        List<MissingInput> toSettle = a.toSettle();
        boolean undecided = a.verdict() == Verdict.INSUFFICIENT_INFORMATION && !toSettle.isEmpty();
        StringBuilder d = new StringBuilder();
        if (!toSettle.isEmpty()) {
            d.append("No verdict until these are recorded. Still possible: ").append(verdictList(a.possibleVerdicts()))
                    .append(".\n\nRecord them in this order, the verdict order")
                    .append(redFlagsFirst(a) ? " (red-flag screen first)" : "")
                    .append("; each settles whether the verdict named applies, by the criteria named:\n\n");
            d.append("| # | Input | What to record | Settles whether |\n| --- | --- | --- | --- |\n");
            int n = 0;
            for (MissingInput m : toSettle) {
                d.append("| ").append(++n).append(" | ").append(code(m.input())).append(" | ")
                        .append(md(description(m.input()))).append(" | ")
                        .append(m.verdict() == null ? "-" : md(m.verdict().title()))
                        .append(m.criteria().isEmpty() ? "" : " (" + md(String.join(", ", m.criteria())) + ")")
                        .append(" |\n");
            }
        }
        List<Finding> asking = distinct(a.findings()).stream()
                .filter(f -> f.action() != null)
                .filter(f -> SCREEN_GAP_CRITERIA.contains(f.criterion()) || undecided && a.decidedBy().contains(f))
                .toList();
        if (!asking.isEmpty()) {
            d.append(d.length() == 0 ? "" : "\n").append("**What the unsettled checks ask:**\n\n");
            asking.forEach(f -> d.append("- ").append(md(f.action())).append(" (").append(code(f.code())).append(")\n"));
        }
        if (!toComplete.isEmpty()) {
            d.append(d.length() == 0 ? "" : "\n")
                    .append(toSettle.isEmpty() ? "The verdict holds whatever these inputs turn out to be; recording "
                            + "them completes the findings named: " : "**Also unknown**, not needed for the verdict "
                            + "(they complete the findings named): ")
                    .append(toComplete.stream().map(m -> code(m.input())
                            + (m.criteria().isEmpty() ? "" : " (" + md(String.join(", ", m.criteria())) + ")"))
                            .collect(Collectors.joining(", ")))
                    .append(". A finding that needs one of them is not made, and no risk is claimed absent.\n");
        }
        if (!waiting.isEmpty()) {
            d.append(d.length() == 0 ? "" : "\n").append("**Findings that wait on an input:**\n\n");
            for (Finding f : waiting) {
                d.append("- **").append(md(f.summary())).append("** (").append(code(f.code())).append(", ")
                        .append(md(f.criterion())).append(", ").append(f.severity().id()).append(")");
                if (f.action() != null) {
                    d.append(": ").append(md(f.action()));
                }
                d.append('\n');
            }
        }
        if (!in.prefetchIncomplete().isEmpty()) {
            d.append(d.length() == 0 ? "" : "\n").append("The EHR sent only part of these prefetch data: ")
                    .append(codes(in.prefetchIncomplete()))
                    .append(" (one page of a search, a failed prefetch, or a resource that is not valid FHIR). "
                            + "What the rest would say stays unknown, so the inputs they gave are unknown again.\n");
        }
        for (String note : in.recordNotes()) {
            d.append(d.length() == 0 ? "" : "\n").append(md(note)).append('\n');
        }
        if (!in.prefetchNotSent().isEmpty()) {
            d.append(d.length() == 0 ? "" : "\n").append("The EHR did not send these prefetch data: ")
                    .append(codes(in.prefetchNotSent()))
                    .append(". What they would have said stays unknown; it is never read as \"no\".\n");
        }
        d.append('\n').append(ruleBase(a.knowledgeBase()));

        Map<String, Object> ext = new LinkedHashMap<>();
        extend(ext, "possibleVerdicts", a.possibleVerdicts().stream().map(Verdict::name).toList());
        extend(ext, "missingInputs", a.missingInputs());
        extend(ext, "toSettle", toSettle.stream().map(Cards::settles).toList());
        extend(ext, "inputsToComplete", toComplete.stream().map(Cards::completes).toList());
        extend(ext, "prefetchNotSent", in.prefetchNotSent());
        extend(ext, "prefetchIncomplete", in.prefetchIncomplete());
        extend(ext, "findingsWaiting", waiting.stream().map(Finding::code).toList());
        Severity indicator = undecided ? Severity.WARNING : Severity.INFO;
        return new Card(uuids.get().toString(), summary(inputsSummary(a, toComplete, waiting, in)), d.toString(),
                indicator.id(), source(List.of(), a.knowledgeBase(), topic(inputsTopic(a))), questionnaireLinks(a),
                OVERRIDE_REASONS, ext);
    }

    /** The link to the Questionnaire of the inputs an INSUFFICIENT_INFORMATION verdict still needs. */
    private List<Card.Link> questionnaireLinks(Assessment a) {
        List<String> inputs = org.spinecds.fhir.FhirQuestionnaire.inputNames(a);
        String url = questionnaireLink == null || a.verdict() != Verdict.INSUFFICIENT_INFORMATION || inputs.isEmpty()
                ? null : questionnaireLink.apply(inputs);
        return url == null ? List.of() : List.of(new Card.Link(
                "Questionnaire of these inputs (FHIR R4, to fill in and send back)", url, "absolute"));
    }

    private static String inputsSummary(Assessment a, List<MissingInput> toComplete, List<Finding> waiting,
                                        CardInput in) {
        if (!a.toSettle().isEmpty()) {
            int n = a.toSettle().size();
            long redFlags = a.toSettle().stream().filter(m -> m.verdict() == Verdict.URGENT_EVALUATION).count();
            String names = a.toSettle().stream().map(MissingInput::input).collect(Collectors.joining(", "));
            if (redFlags == n) {
                return "Complete the red-flag screen: record " + names;
            }
            return "Collect " + n + " inputs" + (redFlags > 0 ? ", red-flag screen first: " : " to settle the verdict: ")
                    + names;
        }
        if (!toComplete.isEmpty()) {
            int n = toComplete.size();
            return "Record " + n + " input" + (n == 1 ? "" : "s") + " to complete the findings (the verdict holds "
                    + "whatever they are): " + toComplete.stream().map(MissingInput::input)
                    .collect(Collectors.joining(", "));
        }
        if (!waiting.isEmpty()) {
            return "Record what " + waiting.stream().map(Finding::code).collect(Collectors.joining(", "))
                    + " waits on: " + waiting.stream().flatMap(f -> f.evidence().stream())
                    .filter(e -> e.value() == null).map(Evidence::input).distinct().collect(Collectors.joining(", "));
        }
        if (!in.prefetchIncomplete().isEmpty()) {
            return "Prefetch data sent in part: " + String.join(", ", in.prefetchIncomplete());
        }
        if (!in.prefetchNotSent().isEmpty()) {
            return "Prefetch data not sent: " + String.join(", ", in.prefetchNotSent());
        }
        return "Parts of the record could not be used: see the details";
    }

    /** Whether the first inputs to collect are those of the red-flag screen. */
    private static boolean redFlagsFirst(Assessment a) {
        return !a.toSettle().isEmpty() && a.toSettle().get(0).verdict() == Verdict.URGENT_EVALUATION;
    }

    /** The topic of the inputs card: what the first input to collect is about. */
    private static Category inputsTopic(Assessment a) {
        if (a.toSettle().isEmpty()) {
            return Category.PATIENT_RISK;
        }
        Verdict first = a.toSettle().get(0).verdict();
        return first == Verdict.URGENT_EVALUATION ? Category.RED_FLAG
                : first == Verdict.OUTSIDE_SCOPE ? Category.SCOPE : Category.CANDIDACY;
    }

    private static Map<String, Object> settles(MissingInput m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("input", m.input());
        if (m.verdict() != null) {
            out.put("verdict", m.verdict().name());
        }
        if (!m.criteria().isEmpty()) {
            out.put("criteria", m.criteria());
        }
        return out;
    }

    private static Map<String, Object> completes(MissingInput m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("input", m.input());
        if (!m.criteria().isEmpty()) {
            out.put("criteria", m.criteria());
        }
        return out;
    }

    /**
     * Adds an extension property, leaving out an empty list: the specification allows no empty values in
     * a card.
     */
    private static void extend(Map<String, Object> ext, String name, Object value) {
        if (!(value instanceof Collection<?> c && c.isEmpty())) {
            ext.put(EXTENSION_PREFIX + name, value);
        }
    }

    private static String description(String input) {
        return Input.byJsonName(input).map(Input::description).orElse(input);
    }

    // ---------------------------------------------------------------- finding cards

    private Card findingCard(Finding f, CardInput in) {
        StringBuilder d = new StringBuilder(md(f.detail())).append("\n\n");
        if (!f.evidence().isEmpty()) {
            d.append("| Input | Value | Test | Threshold |\n| --- | --- | --- | --- |\n");
            for (Evidence e : f.evidence()) {
                d.append("| ").append(code(e.input())).append(" | ").append(value(e.value(), e.unit())).append(" | ")
                        .append(code(e.operator())).append(" | ").append(threshold(e)).append(" |\n");
            }
            d.append('\n');
        }
        if (f.action() != null) {
            d.append("**Action:** ").append(md(f.action())).append("\n\n");
        }
        String from = fromTheRecord(f, in);
        if (!from.isEmpty()) {
            d.append("**From the record:** ").append(from).append("\n\n");
        }
        if (!f.sources().isEmpty()) {
            sourceList(d, f.sources());
            d.append('\n');
        }
        d.append("Rule ").append(code(f.code())).append(" (criterion ").append(md(f.criterion())).append(", ")
                .append(f.category().id()).append(", ").append(f.severity().id()).append(") in ")
                .append(code(f.rule().file())).append(". ").append(ruleBase(in.assessment().knowledgeBase()));
        Map<String, Object> ext = new LinkedHashMap<>();
        extend(ext, "finding", f.code());
        extend(ext, "criterion", f.criterion());
        extend(ext, "category", f.category().id());
        return new Card(uuids.get().toString(), summary(f.summary()), d.toString(), f.severity().id(),
                source(f.sources(), in.assessment().knowledgeBase(), topic(f.category())), links(f.sources()),
                OVERRIDE_REASONS, ext);
    }

    // ---------------------------------------------------------------- shared pieces

    /** Where the inputs of a finding's evidence came from: {@code `bmi` from Observation/bmi-1}; or "". */
    private static String fromTheRecord(Finding f, CardInput in) {
        return f.evidence().stream().map(Evidence::input).distinct()
                .flatMap(name -> Input.byJsonName(name).stream())
                .filter(in.provenance()::containsKey)
                .map(i -> code(i.jsonName()) + " from " + md(String.join(", ", in.provenance().get(i))))
                .collect(Collectors.joining("; "));
    }

    private static void sourceList(StringBuilder d, List<Source> sources) {
        d.append("**Sources:**\n\n");
        sources.forEach(s -> d.append("- ").append(s.id()).append(": ").append(md(s.citation())).append('\n'));
    }

    /** Verdict titles with their codes: {@code Urgent evaluation (`URGENT_EVALUATION`), ...}. */
    private static String verdictList(List<Verdict> verdicts) {
        return verdicts.stream().map(v -> md(v.title()) + " (" + code(v.name()) + ")").collect(Collectors.joining(", "));
    }

    /** Verdict titles joined for a sentence: "A, B or C". */
    private static String orList(List<Verdict> verdicts) {
        List<String> titles = verdicts.stream().map(Verdict::title).toList();
        if (titles.size() == 1) {
            return titles.get(0);
        }
        return String.join(", ", titles.subList(0, titles.size() - 1)) + " or " + titles.get(titles.size() - 1);
    }

    /** The findings without repeats, in order (a finding may decide more than one rank). */
    private static List<Finding> distinct(List<Finding> findings) {
        return findings.stream().distinct().toList();
    }

    private static Card.Coding topic(Category category) {
        return new Card.Coding(TOPIC_SYSTEM, category.id(), category.title());
    }

    /** The card's source: the first source document, or the rule base when the rules cite none. */
    private static Card.Source source(List<Source> sources, KnowledgeBaseInfo kb, Card.Coding coding) {
        if (sources.isEmpty()) {
            return new Card.Source("SpineCDS rule base " + kb.name() + " " + kb.version(), null, coding);
        }
        Source first = sources.get(0);
        return new Card.Source(shorten(first.citation(), MAX_LABEL), first.url(), coding);
    }

    /** Links to the further sources that have a URL. */
    private static List<Card.Link> links(List<Source> sources) {
        return sources.stream().skip(1).filter(s -> s.url() != null && !s.url().isBlank())
                .map(s -> new Card.Link(shorten(s.citation(), MAX_LABEL), s.url(), "absolute")).toList();
    }

    private static String ruleBase(KnowledgeBaseInfo kb) {
        return "Rule base " + code(kb.name()) + " " + md(kb.version()) + ", generation " + kb.generation()
                + ", SHA-256 " + code(kb.sha256()) + ".";
    }

    /** One piece of evidence on a line: {@code `bmi` = 31.2 kg/m2 (>= 30 kg/m2, `obesityBmi`)}. */
    static String evidenceLine(Evidence e) {
        String line = code(e.input()) + " = " + value(e.value(), e.unit());
        if (e.operator().equals("==") && java.util.Objects.equals(e.value(), e.threshold())) {
            return line;
        }
        return line + " (" + code(e.operator()) + " " + threshold(e) + ")";
    }

    private static String threshold(Evidence e) {
        String t = e.threshold() == null ? "-" : value(e.threshold(), e.unit());
        return e.thresholdName() == null ? t : t + " (" + code(e.thresholdName()) + ")";
    }

    /** A value or threshold: a number with its unit, a flag, or a code (a list of codes sorted) as code. */
    private static String value(Object v, String unit) {
        if (v == null) {
            return "unknown";
        }
        if (v instanceof Collection<?> c) {
            return code(c.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ", "[", "]")));
        }
        if (v instanceof Number n) {
            String text = v instanceof Double || v instanceof Float ? RuleKit.plain(n.doubleValue()) : String.valueOf(v);
            return text + (unit == null ? "" : " " + md(unit));
        }
        return v instanceof Boolean ? String.valueOf(v) : code(String.valueOf(v));
    }

    private static String codes(Collection<String> codes) {
        return codes.stream().map(Cards::code).collect(Collectors.joining(", "));
    }

    /** A code span; a backtick inside (which would end it) becomes a quote. */
    static String code(String text) {
        return "`" + text.replace('`', '\'').replace('\n', ' ') + "`";
    }

    /** Escapes the characters that markdown (and the HTML it may contain) would interpret. */
    static String md(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '|', '#', '~', '<', '>' -> s.append('\\').append(c);
                case '\n', '\r' -> s.append(' ');
                default -> s.append(c);
            }
        }
        return s.toString();
    }

    private static String shorten(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        String cut = text.substring(0, text.offsetByCodePoints(0, max - 1));
        int space = cut.lastIndexOf(' ');
        if (space > max / 2) {
            cut = cut.substring(0, space);
        }
        return cut.replaceAll("[\\s,;:]+$", "") + "…";
    }
}
