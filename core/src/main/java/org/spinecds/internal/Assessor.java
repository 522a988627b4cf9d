package org.spinecds.internal;

import java.time.Clock;
import java.time.Duration;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.reteoo.ObjectTypeNode;
import org.drools.core.common.ReteEvaluator;
import org.drools.core.rule.consequence.InternalMatch;
import org.drools.core.rule.consequence.KnowledgeHelper;

import org.kie.api.definition.KiePackage;
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
import org.spinecds.rule.Catalogue;
import org.spinecds.rule.CriterionOrder;
import org.spinecds.rule.Decision;
import org.spinecds.rule.FindingFact;
import org.spinecds.rule.PictureGap;
import org.spinecds.rule.Rank;
import org.spinecds.rule.Threshold;
import org.spinecds.rule.Thresholds;

/**
 * Runs the rules on one patient in a session of its own and turns what they left in working memory
 * into an {@link Assessment}. Thread-safe: it shares only the immutable {@link LoadedRules} and its
 * pool of reset sessions.
 *
 * <p>A rule's failure is contained to the one assessment: the session runs on a worker thread
 * ({@link RuleWorkers}) while the caller waits up to the time limit, so that neither a consequence
 * that loops, nor a function that recurses without end, nor an {@link Error} reaches the caller as
 * anything but an {@link AssessmentException} naming the rule and the kind of failure. A session that
 * ended in an {@code Error} or ran out of time is never reset for reuse: its whole pool is dropped
 * (the sessions still in use finish on it), a fresh one takes its place, and the dropped pool is shut
 * down once its last session is back (which disposes them all: the rule base keeps a register of its
 * sessions until then).
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
    /** How Drools reports a constraint that threw: the constraint, the rule and its file. */
    private static final Pattern CONSTRAINT_FAILURE = Pattern.compile(
            "Error evaluating constraint '(.*)' in \\[Rule \"(.*)\" in (.*)\\]", Pattern.DOTALL);

    private final LoadedRules rules;
    private final Clock clock;
    private final Duration timeLimit;
    private final long timeLimitNanos;
    /**
     * Sessions are reset and reused rather than built anew for every assessment; the pool is replaced
     * when a session cannot be trusted to reset (see the class comment).
     */
    private final AtomicReference<Sessions> sessions;
    /** Every finding rule by its code (codes are unique in a loaded rule base). */
    private final Map<String, RuleInfo> rulesByCode;
    /** The checklist criteria (the candidacy criteria), each of which every assessment reports. */
    private final List<Catalogues.Criterion> candidacy;
    /** The DRL functions by the class Drools compiles each into, to name one on a stack. */
    private final Map<String, String> functionsByClass;
    /** The packages of the rules, in which Drools compiles each consequence into a class {@code Rule_...}. */
    private final Set<String> rulePackages;
    /** The thresholds as the one value the rules read through the global {@code thresholds}. */
    private final Thresholds thresholds;
    /** Whether a rule declares the global {@code thresholds}: then every session gets it. */
    private final boolean thresholdsGlobal;
    /** Whether a rule declares the global {@code catalogue}: then every session gets it. */
    private final boolean catalogueGlobal;
    /**
     * Whether a rule matches {@link Threshold} facts (a rule set written before the global): only then
     * are they inserted into every session, as they were for every rule set before.
     */
    private final boolean thresholdFacts;

    public Assessor(LoadedRules rules, Clock clock, Duration timeLimit) {
        this.rules = rules;
        this.clock = clock;
        this.timeLimit = timeLimit;
        this.timeLimitNanos = timeLimit.toNanos();
        this.sessions = new AtomicReference<>(new Sessions(Runtime.getRuntime().availableProcessors()));
        this.rulesByCode = rules.rules().stream().filter(r -> r.code() != null)
                .collect(Collectors.toUnmodifiableMap(RuleInfo::code, r -> r));
        this.candidacy = rules.catalogues().criteria().values().stream()
                .filter(Catalogues.Criterion::checklist).toList();
        Map<String, String> functions = new HashMap<>();
        Set<String> packages = new java.util.HashSet<>();
        for (KiePackage p : rules.kieBase().getKiePackages()) {
            packages.add(p.getName());
            for (String f : p.getFunctionNames()) {
                functions.put(p.getName() + "." + Character.toUpperCase(f.charAt(0)) + f.substring(1), f);
            }
        }
        this.functionsByClass = Map.copyOf(functions);
        this.rulePackages = Set.copyOf(packages);
        this.thresholds = new Thresholds(rules.thresholds());
        this.thresholdsGlobal = KnowledgeBaseLoader.declaresGlobal(rules.kieBase(), Thresholds.GLOBAL);
        this.catalogueGlobal = KnowledgeBaseLoader.declaresGlobal(rules.kieBase(), Catalogue.GLOBAL);
        this.thresholdFacts = matchesThresholdFacts(rules.kieBase());
    }

    /**
     * Whether a pattern of the rule base can match a {@link Threshold}: an object type of the network
     * that the class is assignable to (or, if the network cannot be read, true).
     */
    private static boolean matchesThresholdFacts(org.kie.api.KieBase kieBase) {
        if (!(kieBase instanceof InternalRuleBase base)) {
            return true;
        }
        for (ObjectTypeNode node : base.getRete().getObjectTypeNodes()) {
            if (!(node.getObjectType() instanceof ClassObjectType type) || type.isAssignableFrom(Threshold.class)) {
                return true;
            }
        }
        return false;
    }

    /** The rule base this assessor serves. */
    public LoadedRules rules() {
        return rules;
    }

    /** The longest one assessment may take. */
    public Duration timeLimit() {
        return timeLimit;
    }

    public Assessment assess(Patient patient) {
        return assess(patient, null);
    }

    /**
     * Assesses a patient and, when {@code fired} is not null, adds to it the code of every rule that
     * fired (derivation rules included).
     *
     * @throws AssessmentException if a rule fails, the rules do not finish within the time limit, or
     *     they leave the assessment inconsistent
     */
    public Assessment assess(Patient patient, Set<String> fired) {
        Run run = new Run(patient, fired);
        if (!RuleWorkers.run(run, timeLimitNanos)) {
            discard(run.pool);
            throw run.timedOut != null ? run.timedOut : AssessmentException.of(AssessmentException.Kind.TIME_LIMIT,
                    null, null, null, "the rules did not finish within the time limit of %s", format(timeLimit));
        }
        if (run.failure != null) {
            throw run.failure;
        }
        return assemble(run.facts, run.ranks, run.gaps, run.decisions, patient.getPatientId());
    }

    /** The rule session of one assessment, on a worker thread; what it found is read once it finished. */
    private final class Run extends RuleWorkers.Job {
        private final Patient patient;
        private final Set<String> fired;
        private final List<FindingFact> facts = new ArrayList<>();
        private final List<Rank> ranks = new ArrayList<>();
        private final List<PictureGap> gaps = new ArrayList<>();
        private final Set<Verdict> decisions = new LinkedHashSet<>();
        private AssessmentException failure;
        private volatile Sessions pool;
        private volatile KieSession session;
        /** Set by the caller when the run ran out of time; with the rule to blame, for the reaper's log line. */
        private volatile AssessmentException timedOut;
        private volatile String culprit = "an assessment";

        Run(Patient patient, Set<String> fired) {
            this.patient = patient;
            this.fired = fired;
        }

        @Override
        protected void work() {
            Sessions from = acquire();
            pool = from;
            KieSession s = null;
            DefaultAgendaEventListener listener = null;
            boolean reusable = true;
            try {
                s = from.pool.newKieSession();
                session = s;
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
                    s.addEventListener(listener);
                }
                fire(s);
            } catch (AssessmentException e) {
                failure = e;
            } catch (ConsequenceException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                reusable = errorIn(cause) == null;
                failure = describeSafely(() -> ruleFailed(e.getRule(), cause));
            } catch (RuntimeException e) {
                reusable = errorIn(e) == null;
                failure = describeSafely(() -> failed(e));
            } catch (Throwable e) {
                // an Error (out of a consequence, or of the matching); a ThreadDeath if stopped
                reusable = false;
                KieSession in = s;
                failure = describeSafely(() -> ruleFailed(consequenceRunning(in), e));
            }
            if (!finish()) {
                // abandoned: the session is never reused; its pool is dropped here too, as the caller may
                // have given up before this worker had taken it (then the caller could not drop it)
                discard(from);
                from.release();
                return;
            }
            if (!reusable) {
                discard(from);
            } else if (s != null) {
                if (listener != null) {
                    s.removeEventListener(listener);
                }
                s.dispose(); // back to the pool, reset
            }
            from.release();
        }

        private void fire(KieSession s) {
            if (thresholdsGlobal) {
                s.setGlobal(Thresholds.GLOBAL, thresholds);
            }
            if (catalogueGlobal) {
                s.setGlobal(Catalogue.GLOBAL, rules.catalogue());
            }
            s.insert(patient);
            if (thresholdFacts) {
                for (Threshold t : rules.thresholds()) {
                    s.insert(t);
                }
            }
            int firings = s.fireAllRules(MAX_FIRINGS);
            if (firings >= MAX_FIRINGS) {
                throw AssessmentException.of(AssessmentException.Kind.RUNAWAY, null, null, null,
                        "the rules fired %d times without coming to rest; a rule re-activates itself endlessly",
                        firings);
            }
            // a rule that halted the session (drools.halt()) leaves it short of rest, and the assessment
            // would lack what the rules not yet fired would have found: a risk shown absent for no reason
            if (s.fireAllRules(1) > 0) {
                throw AssessmentException.of(AssessmentException.Kind.INCONSISTENT, null, null, null,
                        "the rules stopped before coming to rest (a rule halted the session)");
            }
            for (Object o : s.getObjects()) {
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
        }

        @Override
        protected void abandoned() {
            timedOut = timedOut(this);
            KieSession s = session;
            if (s != null) {
                s.halt();
            }
        }

        @Override
        protected String describe() {
            return culprit;
        }

        @Override
        protected boolean inRuleCode(StackTraceElement[] stack) {
            return Assessor.this.inRuleCode(stack);
        }
    }

    /**
     * The failure as {@code describe} puts it, or a bare one if describing it fails too (an Error such
     * as running out of memory can strike again): the caller must get an answer either way.
     */
    private static AssessmentException describeSafely(java.util.function.Supplier<AssessmentException> describe) {
        try {
            return describe.get();
        } catch (Throwable e) {
            return AssessmentException.of(AssessmentException.Kind.ERROR, null, null, null,
                    "the rules failed, and describing the failure failed too: %s", e.getClass().getSimpleName());
        }
    }

    /**
     * A pool of sessions and the count of the assessments using it, so that a dropped pool can be shut
     * down (its sessions disposed) once none is.
     */
    private final class Sessions {
        private final KieSessionsPool pool;
        private final AtomicInteger users = new AtomicInteger();
        private final AtomicBoolean shut = new AtomicBoolean();
        private volatile boolean dropped;

        Sessions(int initialSize) {
            this.pool = rules.kieBase().newKieSessionsPool(initialSize);
        }

        void release() {
            if (users.decrementAndGet() == 0 && dropped) {
                shutdown();
            }
        }

        void drop() {
            dropped = true;
            if (users.get() == 0) {
                shutdown();
            }
        }

        private void shutdown() {
            if (shut.compareAndSet(false, true)) {
                try {
                    pool.shutdown();
                } catch (RuntimeException e) {
                    // a session that failed may not dispose cleanly; the pool is unreachable either way
                }
            }
        }
    }

    /** The pool in force, counted as used until {@link Sessions#release()}. */
    private Sessions acquire() {
        while (true) {
            Sessions s = sessions.get();
            s.users.incrementAndGet();
            if (!s.dropped) {
                return s;
            }
            s.release();
        }
    }

    /**
     * Drops a pool whose session cannot be reused: the next assessments take sessions from a fresh one
     * (which creates them as needed), and the dropped one is shut down when its last user releases it.
     */
    private void discard(Sessions pool) {
        if (pool != null) {
            if (sessions.get() == pool) {
                Sessions fresh = new Sessions(1);
                if (!sessions.compareAndSet(pool, fresh)) {
                    fresh.drop(); // another failure replaced the pool first: this one was never in force
                }
            }
            pool.drop();
        }
    }

    /**
     * Where a run that ran out of time is: the rule whose consequence runs (read from another thread,
     * which is good enough for a consequence that does not end), and the DRL function on its stack.
     */
    private AssessmentException timedOut(Run run) {
        RuleImpl rule = consequenceRunning(run.session);
        Thread worker = run.worker();
        String function = worker == null ? null : functionOn(worker.getStackTrace());
        String limit = format(timeLimit);
        String in = function == null ? "" : " (in function " + function + ")";
        if (rule == null) {
            run.culprit = "the rules, while evaluating conditions" + in;
            return AssessmentException.of(AssessmentException.Kind.TIME_LIMIT, null, null, null,
                    "the rules did not finish within the time limit of %s, while evaluating conditions%s", limit, in);
        }
        RuleInfo info = info(rule);
        run.culprit = describe(rule.getName(), info);
        return AssessmentException.of(AssessmentException.Kind.TIME_LIMIT, rule.getName(),
                info == null ? null : info.code(), null, "%s did not finish within the time limit of %s%s",
                run.culprit, limit, in);
    }

    /**
     * A rule's failure: an exception or an Error out of its consequence, or of its condition if given.
     * The cause kept is the failure's type and stack trace only: its message, and its own causes' messages,
     * may hold patient values, and an AssessmentException may be logged.
     */
    private AssessmentException ruleFailed(String ruleName, RuleInfo info, String condition, Throwable e) {
        Throwable error = errorIn(e);
        Throwable shown = error != null ? error : condition != null ? rootCause(e) : e;
        String function = functionOn(shown.getStackTrace());
        AssessmentException.Kind kind = error != null ? AssessmentException.Kind.ERROR
                : AssessmentException.Kind.EXCEPTION;
        String what = shown.getClass().getSimpleName() + (function == null ? "" : " in function " + function);
        if (ruleName == null) {
            return AssessmentException.of(kind, null, null, withoutMessages(e), "the rules failed: %s", what);
        }
        return AssessmentException.of(kind, ruleName, info == null ? null : info.code(), withoutMessages(e),
                "%s failed%s: %s",
                describe(ruleName, info), condition == null ? "" : " in the condition '" + condition + "'", what);
    }

    /** A copy of a chain of throwables with each one's type and stack trace, and no message. */
    static Throwable withoutMessages(Throwable t) {
        if (t == null) {
            return null;
        }
        Throwable copy = new RuleFailure(t.getClass(), withoutMessages(t.getCause()));
        copy.setStackTrace(t.getStackTrace());
        return copy;
    }

    /** A rule's failure as its type (the message) and stack trace, without the original's message. */
    static final class RuleFailure extends RuntimeException {
        RuleFailure(Class<? extends Throwable> type, Throwable cause) {
            super(type.getName() + " (its message is left out: it may hold patient values)", cause);
        }
    }

    private AssessmentException ruleFailed(Rule rule, Throwable e) {
        return rule == null ? ruleFailed(null, null, null, e)
                : ruleFailed(rule.getName(), info(rule), null, e);
    }

    /**
     * An exception out of the engine outside a consequence: a constraint that threw (Drools names the
     * constraint, the rule and its file) or another fault. Another exception's message could carry
     * data, so only its type is reported.
     */
    private AssessmentException failed(RuntimeException e) {
        Matcher m = e.getMessage() == null ? null : CONSTRAINT_FAILURE.matcher(e.getMessage());
        if (m != null && m.matches()) {
            RuleInfo info = infoByNameAndFile(m.group(2), m.group(3));
            return ruleFailed(m.group(2), info, m.group(1), e.getCause() == null ? e : e.getCause());
        }
        Throwable error = errorIn(e);
        if (error != null) {
            return ruleFailed(null, e);
        }
        boolean engine = e.getClass().getName().startsWith("org.drools.");
        return AssessmentException.of(AssessmentException.Kind.EXCEPTION, null, null, withoutMessages(e),
                "the rules failed: %s%s", e.getClass().getSimpleName(), engine ? ": " + e.getMessage() : "");
    }

    private RuleInfo info(Rule rule) {
        return rules.rulesByKey().get(LoadedRules.key(rule.getPackageName(), rule.getName()));
    }

    /** The rule of this name whose rule-set file the Drools source path ends with (or the only one of the name). */
    private RuleInfo infoByNameAndFile(String name, String sourcePath) {
        List<RuleInfo> named = rules.rules().stream().filter(r -> r.rule().name().equals(name)).toList();
        return named.stream()
                .filter(r -> sourcePath.equals(r.rule().file()) || sourcePath.endsWith("/" + r.rule().file()))
                .findFirst().orElse(named.size() == 1 ? named.get(0) : null);
    }

    /** {@code rule "NAME" (CODE, FILE)}: how a message names a rule. */
    private static String describe(String name, RuleInfo info) {
        return "rule \"" + name + "\"" + (info == null ? "" : " (" + info.code() + ", " + info.rule().file() + ")");
    }

    /**
     * Whether the top of a stack is the rules' own code: from the top, a consequence (the class Drools
     * compiles a Java one into, or the MVEL interpreter running an MVEL one) or a DRL function of this
     * rule base comes before any other frame of the engine (Drools, SpineCDS's own). JDK and library
     * frames above it are what the rule code calls.
     */
    private boolean inRuleCode(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String c = frame.getClassName();
            int dot = c.lastIndexOf('.');
            if (functionsByClass.containsKey(c) || c.equals("org.drools.mvel.expr.MVELConsequence")
                    || dot > 0 && c.startsWith("Rule_", dot + 1) && rulePackages.contains(c.substring(0, dot))
                    || dot > 0 && c.startsWith("LambdaConsequence", dot + 1) && inRulePackage(c)) {
                return true;
            }
            boolean interpreter = c.startsWith("org.mvel2.") || c.startsWith("org.drools.mvel.util.")
                    || c.equals("org.drools.mvel.expr.MvelEvaluator");
            if (!interpreter && (c.startsWith("org.drools.") || c.startsWith("org.kie.")
                    || c.startsWith("org.spinecds.internal."))) {
                return false;
            }
        }
        return false;
    }

    /**
     * Whether a class is of a rule package or below it, as the consequences of the executable model
     * (the pre-built rule base) are.
     */
    private boolean inRulePackage(String className) {
        for (String p : rulePackages) {
            if (className.startsWith(p + ".")) {
                return true;
            }
        }
        return false;
    }

    /** The first DRL function on a stack, from the top, or null. */
    private String functionOn(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String function = functionsByClass.get(frame.getClassName());
            if (function != null && function.equals(frame.getMethodName())) {
                return function;
            }
        }
        return null;
    }

    /**
     * The rule whose consequence is running in the session (Drools clears it when a consequence ends,
     * and leaves it when one ends in an Error), or null.
     */
    private static RuleImpl consequenceRunning(KieSession session) {
        try {
            if (session instanceof ReteEvaluator evaluator) {
                KnowledgeHelper helper = evaluator.getActivationsManager().getKnowledgeHelper();
                InternalMatch match = helper == null ? null : helper.getActivation();
                return match == null ? null : match.getRule();
            }
        } catch (RuntimeException e) {
            // only a name for a message is lost
        }
        return null;
    }

    private static Throwable errorIn(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof Error) {
                return c;
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    /** A time limit as messages show it: {@code 10 s}, {@code 200 ms}. */
    public static String format(Duration limit) {
        long ms = limit.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
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
                    List<String> codes = new ArrayList<>(mine.size());
                    for (Finding f : mine) {
                        if (!codes.contains(f.code())) {
                            codes.add(f.code());
                        }
                    }
                    overridden.add(new OverriddenVerdict(v, codes,
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
                    addAbsent(decidedBy, mine);
                }
            } else {
                addAbsent(decidedBy, mine);
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
        // each list in order of first appearance, without repeats (CriterionResult copies them)
        List<Evidence> evidence = new ArrayList<>(mine.size() * 2);
        List<String> toCollect = new ArrayList<>(2);
        List<String> codes = new ArrayList<>(mine.size());
        for (FindingFact f : mine) {
            addAbsent(evidence, f.getEvidence());
            addAbsent(toCollect, f.getToCollect());
            if (!codes.contains(f.getCode())) {
                codes.add(f.getCode());
            }
            if (status == CriterionStatus.UNKNOWN && f.getToCollect().isEmpty()) {
                throw AssessmentException.of(f.getRule().getName(),
                        "rule \"%s\" left %s UNKNOWN without naming an input to collect", f.getRule().getName(), c.id());
            }
        }
        return new CriterionResult(c.id(), c.title(), status, evidence, toCollect, codes);
    }

    /** Adds those of the items the list does not hold yet, in their order. */
    private static <T> void addAbsent(List<T> list, List<? extends T> items) {
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            if (!list.contains(item)) {
                list.add(item);
            }
        }
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
