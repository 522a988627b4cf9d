package org.spinecds.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.TreeSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.rule.ConsequenceException;
import org.spinecds.Assessment;
import org.spinecds.AssessmentException;
import org.spinecds.CriterionResult;
import org.spinecds.CriterionStatus;
import org.spinecds.Evidence;
import org.spinecds.Finding;
import org.spinecds.OverriddenVerdict;
import org.spinecds.RuleInfo;
import org.spinecds.Verdict;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;
import org.spinecds.MissingInput;
import org.spinecds.rule.CriterionOrder;
import org.spinecds.rule.Decision;
import org.spinecds.rule.FindingFact;
import org.spinecds.rule.PictureGap;
import org.spinecds.rule.Rank;
import org.spinecds.rule.Threshold;

/**
 * Runs the rules on one patient in a session of its own and turns what they left in working memory
 * into an {@link Assessment}. Thread-safe: it shares only the immutable {@link LoadedRules}.
 */
public final class Assessor {

    /**
     * The most rule firings one assessment may take. The default rule base fires well under a
     * hundred times; reaching this limit means a rule re-activates itself endlessly.
     */
    public static final int MAX_FIRINGS = 10_000;

    private static final Comparator<Finding> FINDING_ORDER = Comparator.comparing(Finding::category)
            .thenComparing(Finding::criterion, CriterionOrder.INSTANCE)
            .thenComparing(Finding::code)
            .thenComparing(Finding::detail);
    private static final Comparator<FindingFact> FACT_ORDER = Comparator.comparing(FindingFact::getCode)
            .thenComparing(FindingFact::getSummary).thenComparing(FindingFact::getDetail);

    private final LoadedRules rules;
    private final Clock clock;
    /** Sessions are reset and reused rather than built anew for every assessment. */
    private final KieSessionsPool sessions;
    /** Every finding rule by its code (codes are unique in a loaded rule base). */
    private final Map<String, RuleInfo> rulesByCode;
    /** The candidacy criteria, each of which every assessment reports. */
    private final List<Catalogues.Criterion> candidacy;

    public Assessor(LoadedRules rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
        this.sessions = rules.kieBase().newKieSessionsPool(Runtime.getRuntime().availableProcessors());
        this.rulesByCode = rules.rules().stream().filter(r -> r.code() != null)
                .collect(Collectors.toUnmodifiableMap(RuleInfo::code, r -> r));
        this.candidacy = rules.catalogues().criteria().values().stream()
                .filter(c -> c.id().startsWith("CAND-")).toList();
    }

    /** The rule base this assessor serves. */
    public LoadedRules rules() {
        return rules;
    }

    public Assessment assess(Patient patient) {
        return assess(patient, null);
    }

    /**
     * Assesses a patient and, when {@code fired} is not null, adds to it the code of every rule that
     * fired (derivation rules included).
     */
    public Assessment assess(Patient patient, Set<String> fired) {
        List<FindingFact> facts = new ArrayList<>();
        List<Rank> ranks = new ArrayList<>();
        List<PictureGap> gaps = new ArrayList<>();
        Set<Verdict> decisions = new LinkedHashSet<>();
        KieSession session = sessions.newKieSession();
        DefaultAgendaEventListener listener = null;
        if (fired != null) {
            listener = new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    Rule r = event.getMatch().getRule();
                    RuleInfo info = rules.rulesByKey().get(LoadedRules.key(r.getPackageName(), r.getName()));
                    if (info != null && info.code() != null) {
                        fired.add(info.code());
                    }
                }
            };
            session.addEventListener(listener);
        }
        try {
            session.insert(patient);
            for (Threshold t : rules.thresholds()) {
                session.insert(t);
            }
            int firings = session.fireAllRules(MAX_FIRINGS);
            if (firings >= MAX_FIRINGS) {
                throw AssessmentException.of(null, "the rules fired %d times without coming to rest; "
                        + "a rule re-activates itself endlessly", firings);
            }
            for (Object o : session.getObjects()) {
                if (o instanceof FindingFact f) {
                    facts.add(f);
                } else if (o instanceof Rank r) {
                    ranks.add(r);
                } else if (o instanceof PictureGap g) {
                    gaps.add(g);
                } else if (o instanceof Decision d) {
                    decisions.add(d.getVerdict());
                }
            }
        } catch (ConsequenceException e) {
            String rule = e.getRule() == null ? null : e.getRule().getName();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw AssessmentException.ofCause(rule, cause, "rule \"%s\" failed: %s", rule,
                    cause.getClass().getSimpleName());
        } catch (AssessmentException e) {
            throw e;
        } catch (RuntimeException e) {
            // e.g. a constraint that fails on a null: the engine's message names the constraint and the
            // rule; any other exception's message could carry data, so only its type is reported
            boolean engine = e.getClass().getName().startsWith("org.drools.");
            throw AssessmentException.ofCause(null, e, "the rules failed: %s%s", e.getClass().getSimpleName(),
                    engine ? ": " + e.getMessage() : "");
        } finally {
            if (listener != null) {
                session.removeEventListener(listener);
            }
            session.dispose(); // back to the pool, reset
        }
        return assemble(facts, ranks, gaps, decisions, patient.getPatientId());
    }

    private Assessment assemble(List<FindingFact> facts, List<Rank> ranks, List<PictureGap> gaps,
                                Set<Verdict> decisions, String patientId) {
        Map<FindingFact, Finding> findingOf = new IdentityHashMap<>();
        for (FindingFact f : facts) {
            findingOf.put(f, toFinding(f));
        }
        List<Finding> findings = new ArrayList<>(findingOf.values());
        findings.sort(FINDING_ORDER);

        Map<String, List<FindingFact>> byCriterion = new HashMap<>();
        for (FindingFact f : facts) {
            if (f.getStatus() != null) {
                byCriterion.computeIfAbsent(f.getCriterion(), c -> new ArrayList<>(2)).add(f);
            }
        }
        List<CriterionResult> criteria = new ArrayList<>(candidacy.size());
        for (Catalogues.Criterion c : candidacy) {
            criteria.add(criterion(c, byCriterion.getOrDefault(c.id(), List.of())));
        }

        Map<Finding, FindingFact> factOf = new IdentityHashMap<>();
        findingOf.forEach((fact, finding) -> factOf.put(finding, fact));
        Walk walk = walk(ranks, findingOf, factOf);
        if (decisions.size() != 1 || decisions.iterator().next() != walk.verdict) {
            throw AssessmentException.of(null, "the rules decided %s, but the verdict walk gives %s",
                    decisions, walk.verdict);
        }
        List<String> missingNames = walk.toSettle.stream().map(MissingInput::input).toList();
        Map<String, Set<String>> picture = new LinkedHashMap<>();
        gaps.sort(Comparator.comparing(PictureGap::getCriterion, CriterionOrder.INSTANCE));
        for (PictureGap g : gaps) {
            for (String input : g.getInputs()) {
                if (!missingNames.contains(input)) {
                    picture.computeIfAbsent(input, i -> new TreeSet<>(CriterionOrder.INSTANCE)).add(g.getCriterion());
                }
            }
        }
        List<MissingInput> toComplete = new ArrayList<>(picture.size());
        for (Input input : Input.values()) {
            Set<String> of = picture.get(input.jsonName());
            if (of != null) {
                toComplete.add(new MissingInput(input.jsonName(), null, List.copyOf(of)));
            }
        }
        return new Assessment(walk.verdict, walk.decidedBy, walk.overridden, walk.possible, criteria, findings,
                missingNames, walk.toSettle, toComplete, rules.info(), clock.instant(), patientId);
    }

    /** The result of walking the verdict order. */
    private record Walk(Verdict verdict, List<Finding> decidedBy, List<OverriddenVerdict> overridden,
                        List<Verdict> possible, List<MissingInput> toSettle) {
    }

    /**
     * Walks the verdict order from the top (criteria catalogue, "Verdict"): the first rank that is not
     * excluded decides, with its verdict if it holds and INSUFFICIENT_INFORMATION if it is
     * undetermined. Every rank must have exactly one state; anything else is a fault of the rule base.
     */
    private Walk walk(List<Rank> ranks, Map<FindingFact, Finding> findingOf, Map<Finding, FindingFact> factOf) {
        Map<Verdict, Rank.State> state = new EnumMap<>(Verdict.class);
        Map<Verdict, List<Finding>> because = new EnumMap<>(Verdict.class);
        for (Rank r : ranks) {
            Rank.State previous = state.put(r.getVerdict(), r.getState());
            if (previous != null && previous != r.getState()) {
                throw AssessmentException.of(null, "the rules gave rank %d (%s) the conflicting states %s and %s",
                        r.getNumber(), r.getVerdict(), previous, r.getState());
            }
            List<Finding> list = because.computeIfAbsent(r.getVerdict(), v -> new ArrayList<>());
            for (FindingFact f : r.getBecause()) {
                Finding finding = findingOf.get(f);
                if (finding != null && !list.contains(finding)) {
                    list.add(finding);
                }
            }
        }
        List<Verdict> possible = new ArrayList<>();
        List<Finding> decidedBy = new ArrayList<>();
        List<OverriddenVerdict> overridden = new ArrayList<>();
        Map<String, MissingInput> toSettle = new LinkedHashMap<>();
        Verdict verdict = null;
        Verdict firstHolding = null;
        for (Verdict v : Verdict.values()) {
            if (!v.isRanked()) {
                continue;
            }
            Rank.State s = state.get(v);
            if (s == null) {
                throw AssessmentException.of(null, "no rule gave rank %d (%s) a state", v.rank(), v);
            }
            if (s == Rank.State.EXCLUDED) {
                continue;
            }
            List<Finding> mine = sortedCopy(because.getOrDefault(v, List.of()));
            if (firstHolding != null) {
                if (s == Rank.State.HOLDS) {
                    overridden.add(new OverriddenVerdict(v, mine.stream().map(Finding::code).distinct().toList(),
                            "yields to " + firstHolding + ", which comes before it in the verdict order ("
                                    + firstHolding.rank() + " before " + v.rank() + ")"));
                }
                continue;
            }
            possible.add(v);
            if (verdict == null) {
                verdict = s == Rank.State.HOLDS ? v : Verdict.INSUFFICIENT_INFORMATION;
            }
            if (s == Rank.State.HOLDS) {
                firstHolding = v;
                if (verdict == v) {
                    mine.stream().filter(f -> !decidedBy.contains(f)).forEach(decidedBy::add);
                }
            } else {
                mine.stream().filter(f -> !decidedBy.contains(f)).forEach(decidedBy::add);
                for (Finding f : mine) {
                    FindingFact fact = factOf.get(f);
                    for (String input : fact.getToCollect()) {
                        MissingInput known = toSettle.get(input);
                        Set<String> criteria = new TreeSet<>(CriterionOrder.INSTANCE);
                        criteria.addAll(fact.getSettles(input));
                        if (known != null) {
                            criteria.addAll(known.criteria());
                        }
                        toSettle.put(input, new MissingInput(input, known == null ? v : known.verdict(),
                                List.copyOf(criteria)));
                    }
                }
            }
        }
        if (verdict == null) {
            throw AssessmentException.of(null, "every rank of the verdict walk is excluded; the rule base "
                    + "must give one of them");
        }
        if (verdict == Verdict.INSUFFICIENT_INFORMATION && toSettle.isEmpty()) {
            throw AssessmentException.of(null, "an undetermined rank names no input to collect");
        }
        return new Walk(verdict, sortedCopy(decidedBy), overridden, possible, List.copyOf(toSettle.values()));
    }

    private CriterionResult criterion(Catalogues.Criterion c, List<FindingFact> mine) {
        if (mine.size() > 1) {
            mine.sort(FACT_ORDER);
        }
        Set<CriterionStatus> statuses = EnumSet.noneOf(CriterionStatus.class);
        for (FindingFact f : mine) {
            statuses.add(f.getStatus());
        }
        if (statuses.isEmpty()) {
            throw AssessmentException.of(null, "no rule gave criterion %s a status", c.id());
        }
        if (statuses.size() > 1) {
            throw AssessmentException.of(mine.get(0).getRule().getName(),
                    "the rules gave criterion %s conflicting statuses: %s", c.id(),
                    mine.stream().map(f -> f.getCode() + "=" + f.getStatus()).toList());
        }
        CriterionStatus status = statuses.iterator().next();
        List<Evidence> evidence = new ArrayList<>();
        Set<String> toCollect = new LinkedHashSet<>();
        for (FindingFact f : mine) {
            f.getEvidence().stream().filter(e -> !evidence.contains(e)).forEach(evidence::add);
            toCollect.addAll(f.getToCollect());
            if (status == CriterionStatus.UNKNOWN && f.getToCollect().isEmpty()) {
                throw AssessmentException.of(f.getRule().getName(),
                        "rule \"%s\" left %s UNKNOWN without naming an input to collect", f.getRule().getName(), c.id());
            }
        }
        return new CriterionResult(c.id(), c.title(), status, evidence, List.copyOf(toCollect),
                mine.stream().map(FindingFact::getCode).distinct().toList());
    }

    private Finding toFinding(FindingFact f) {
        Rule rule = f.getRule();
        RuleInfo info = rulesByCode.get(f.getCode());
        if (info == null || !info.rule().name().equals(rule.getName())) {
            throw AssessmentException.of(rule.getName(), "rule \"%s\" is not in the loaded rule base", rule.getName());
        }
        if (f.getSummary() == null || f.getDetail() == null) {
            throw AssessmentException.of(rule.getName(), "rule \"%s\" recorded a finding without %s",
                    rule.getName(), f.getSummary() == null ? "a summary" : "a detail");
        }
        return new Finding(f.getCode(), f.getCriterion(), f.getCategory(), f.getSeverity(), f.getSummary(),
                f.getDetail(), f.getEvidence(), info.sources(), info.rule(), f.getAction());
    }

    private static List<Finding> sortedCopy(List<Finding> findings) {
        List<Finding> copy = new ArrayList<>(findings);
        copy.sort(FINDING_ORDER);
        return Collections.unmodifiableList(copy);
    }
}
