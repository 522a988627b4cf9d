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
import org.spinecds.OverriddenVerdict;
import org.spinecds.Severity;
import org.spinecds.Source;
import org.spinecds.Verdict;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;
import org.spinecds.rule.RuleKit;

/**
 * Turns an assessment into CDS Hooks cards: the verdict card first; then, when inputs are missing, a
 * card naming the inputs to collect; then one card per significant finding.
 *
 * <p>A finding is <em>significant</em>, and gets a card of its own, when its severity is
 * {@code warning} or {@code critical} and it is not a candidacy finding: red flags, open-surgery
 * findings, patient risk factors and procedure risks that need attention. Candidacy findings are the
 * checklist in the verdict card (and the inputs to collect in their own card); informational findings
 * (the procedure risks listed for consent, setting, recovery) are named in the verdict card so that
 * the chart is not flooded with cards nobody needs to act on.
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

    private static final int MAX_LABEL = 100;
    private static final String DISCLAIMER = "SpineCDS supports the clinician's decision; it does not make it.";

    private final Supplier<UUID> uuids;

    /** Cards with random (version 4) uuids. */
    public Cards() {
        this(UUID::randomUUID);
    }

    Cards(Supplier<UUID> uuids) {
        this.uuids = uuids;
    }

    /**
     * What the cards are made of: the assessment, the patient it assessed, where each input came from
     * (e.g. {@code bmi} from {@code Observation/bmi-1}) and the prefetch keys the client did not send.
     */
    public record CardInput(Assessment assessment, Patient patient, Map<Input, List<String>> provenance,
                              List<String> prefetchNotSent) {
        public CardInput {
            provenance = Map.copyOf(provenance);
            prefetchNotSent = List.copyOf(prefetchNotSent);
        }
    }

    /** The cards, in order: verdict, inputs to collect (if any), significant findings. */
    public List<Card> render(CardInput in) {
        List<Card> cards = new ArrayList<>();
        cards.add(verdictCard(in));
        List<Input> unknown = unknownInputs(in);
        if (!in.assessment().missingInputs().isEmpty() || !in.prefetchNotSent().isEmpty()) {
            cards.add(collectCard(in, unknown));
        }
        for (Finding f : in.assessment().findings()) {
            if (isSignificant(f)) {
                cards.add(findingCard(f, in));
            }
        }
        return cards;
    }

    /** Whether a finding gets a card of its own (see the class comment). */
    public static boolean isSignificant(Finding f) {
        return f.severity() != Severity.INFO && f.category() != Category.CANDIDACY;
    }

    /** Shortens a text to a card summary: whole words, under 140 characters, an ellipsis when cut. */
    public static String summary(String text) {
        return shorten(text.strip().replaceAll("\\s+", " "), Card.MAX_SUMMARY);
    }

    private Card verdictCard(CardInput in) {
        Assessment a = in.assessment();
        Verdict v = a.verdict();
        StringBuilder d = new StringBuilder();
        d.append("**").append(md(v.title())).append("** (").append(code(v.name())).append(")");
        if (!a.decidedBy().isEmpty()) {
            d.append(", decided by:\n\n");
            for (Finding f : a.decidedBy()) {
                d.append("- **").append(md(f.summary())).append("** (").append(code(f.code())).append(", ")
                        .append(md(f.criterion())).append("): ").append(md(f.detail())).append('\n');
                for (Evidence e : f.evidence()) {
                    d.append("  - ").append(evidenceLine(e)).append('\n');
                }
            }
        } else {
            d.append("\n");
        }
        for (OverriddenVerdict o : a.overridden()) {
            d.append("\n**Outranked:** ").append(md(o.verdict().title())).append(" (").append(code(o.verdict().name()))
                    .append(") from ").append(codes(o.findingCodes())).append(": ").append(md(o.reason())).append('\n');
        }
        d.append("\n**Candidacy checklist** (all must be MET for a minimally invasive candidate)\n\n");
        d.append("| Criterion | Status | Evidence |\n| --- | --- | --- |\n");
        for (CriterionResult c : a.criteria()) {
            String evidence = c.decidedBy().stream().map(Cards::evidenceLine).collect(Collectors.joining("; "));
            if (!c.toCollect().isEmpty()) {
                evidence = (evidence.isEmpty() ? "" : evidence + "; ") + "collect: " + codes(c.toCollect());
            }
            d.append("| ").append(c.id()).append(": ").append(md(c.title())).append(" | ").append(c.status())
                    .append(" | ").append(evidence.isEmpty() ? "-" : evidence).append(" |\n");
        }
        List<String> informational = a.findings().stream()
                .filter(f -> f.category() != Category.CANDIDACY && !isSignificant(f))
                .map(f -> md(f.summary()) + " (" + code(f.code()) + ")").distinct().toList();
        if (!informational.isEmpty()) {
            d.append("\n**Also in this assessment** (information, no card of its own):\n\n");
            informational.forEach(line -> d.append("- ").append(line).append('\n'));
        }
        d.append('\n').append(ruleBase(a.knowledgeBase())).append(' ').append(DISCLAIMER);

        String summary = switch (v) {
            case MINIMALLY_INVASIVE_CANDIDATE -> v.title() + ": all " + a.criteria().size() + " candidacy criteria met";
            case INSUFFICIENT_INFORMATION -> v.title() + ": collect " + String.join(", ", a.missingInputs());
            default -> a.decidedBy().isEmpty() ? v.title()
                    : v.title() + ": " + a.decidedBy().get(0).summary()
                            + (a.decidedBy().size() > 1 ? " (and " + (a.decidedBy().size() - 1) + " more)" : "");
        };
        Severity indicator = a.decidedBy().stream().map(Finding::severity).max(Enum::compareTo).orElse(Severity.INFO);
        List<Source> sources = a.decidedBy().stream().flatMap(f -> f.sources().stream()).distinct().toList();
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put(EXTENSION_PREFIX + "verdict", v.name());
        ext.put(EXTENSION_PREFIX + "decidedBy", a.decidedBy().stream().map(Finding::code).toList());
        Map<String, Object> ruleBase = new LinkedHashMap<>();
        ruleBase.put("name", a.knowledgeBase().name());
        ruleBase.put("version", a.knowledgeBase().version());
        ruleBase.put("sha256", a.knowledgeBase().sha256());
        ruleBase.put("generation", a.knowledgeBase().generation());
        ext.put(EXTENSION_PREFIX + "ruleBase", ruleBase);
        return new Card(uuids.get().toString(), summary(summary), d.toString(), indicator.id(),
                source(sources, a.knowledgeBase(), new Card.Coding(VERDICT_TOPIC_SYSTEM, v.name(), v.title())),
                links(sources), OVERRIDE_REASONS, ext);
    }

    private Card collectCard(CardInput in, List<Input> unknown) {
        Assessment a = in.assessment();
        StringBuilder d = new StringBuilder();
        if (!a.missingInputs().isEmpty()) {
            d.append("SpineCDS could not judge every candidacy criterion: the record the EHR sent does not "
                    + "state these inputs. Record them to complete the assessment.\n\n");
            d.append("| Input | What to record | Needed for |\n| --- | --- | --- |\n");
            for (String name : a.missingInputs()) {
                String description = Input.byJsonName(name).map(Input::description).orElse(name);
                String criteria = a.criteria().stream().filter(c -> c.toCollect().contains(name))
                        .map(CriterionResult::id).collect(Collectors.joining(", "));
                d.append("| ").append(code(name)).append(" | ").append(md(description)).append(" | ")
                        .append(criteria.isEmpty() ? "-" : criteria).append(" |\n");
            }
        }
        if (!in.prefetchNotSent().isEmpty()) {
            d.append(d.length() == 0 ? "" : "\n").append("The EHR did not send these prefetch data: ")
                    .append(codes(in.prefetchNotSent()))
                    .append(". What they would have said stays unknown; it is never read as \"no\".\n");
        }
        Set<String> listed = new LinkedHashSet<>(a.missingInputs());
        List<String> otherUnknown = unknown.stream().map(Input::jsonName).filter(n -> !listed.contains(n)).toList();
        if (!otherUnknown.isEmpty()) {
            d.append("\nAlso unknown (findings that need them cannot be made): ").append(codes(otherUnknown))
                    .append(".\n");
        }
        String summary = a.missingInputs().isEmpty()
                ? "Prefetch data not sent: " + String.join(", ", in.prefetchNotSent())
                : "Collect " + a.missingInputs().size() + " input" + (a.missingInputs().size() == 1 ? "" : "s")
                        + " to complete the assessment: " + String.join(", ", a.missingInputs());
        Severity indicator = a.verdict() == Verdict.INSUFFICIENT_INFORMATION ? Severity.WARNING : Severity.INFO;
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put(EXTENSION_PREFIX + "missingInputs", a.missingInputs());
        ext.put(EXTENSION_PREFIX + "prefetchNotSent", in.prefetchNotSent());
        return new Card(uuids.get().toString(), summary(summary), d.toString(), indicator.id(),
                source(List.of(), a.knowledgeBase(), topic(Category.CANDIDACY)), List.of(), OVERRIDE_REASONS, ext);
    }

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
        List<String> from = f.evidence().stream().map(Evidence::input).distinct()
                .flatMap(name -> Input.byJsonName(name).stream())
                .filter(in.provenance()::containsKey)
                .map(i -> code(i.jsonName()) + " from " + md(String.join(", ", in.provenance().get(i))))
                .toList();
        if (!from.isEmpty()) {
            d.append("**From the record:** ").append(String.join("; ", from)).append("\n\n");
        }
        if (!f.sources().isEmpty()) {
            d.append("**Sources:**\n\n");
            f.sources().forEach(s -> d.append("- ").append(s.id()).append(": ").append(md(s.citation())).append('\n'));
            d.append('\n');
        }
        d.append("Rule ").append(code(f.code())).append(" (criterion ").append(md(f.criterion())).append(", ")
                .append(f.category().id()).append(", ").append(f.severity().id()).append(") in ")
                .append(code(f.rule().file())).append(". ").append(ruleBase(in.assessment().knowledgeBase()));
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put(EXTENSION_PREFIX + "finding", f.code());
        ext.put(EXTENSION_PREFIX + "criterion", f.criterion());
        ext.put(EXTENSION_PREFIX + "category", f.category().id());
        return new Card(uuids.get().toString(), summary(f.summary()), d.toString(), f.severity().id(),
                source(f.sources(), in.assessment().knowledgeBase(), topic(f.category())), links(f.sources()),
                OVERRIDE_REASONS, ext);
    }

    /** The card's source: the first source document, or the rule base when the rules cite none. */
    private static Card.Coding topic(Category category) {
        return new Card.Coding(TOPIC_SYSTEM, category.id(), category.title());
    }

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

    private static List<Input> unknownInputs(CardInput in) {
        return java.util.Arrays.stream(Input.values()).filter(i -> !in.patient().isKnown(i)).toList();
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
        return cut.stripTrailing() + "…";
    }
}
