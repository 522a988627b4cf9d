package org.spinecds.spark.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.spinecds.RuleLoadException;
import org.spinecds.SpineCds;
import org.spinecds.spark.RuleSources;

/**
 * One engine per rule configuration per JVM: built on first use by whichever task asks first (the others
 * wait), then shared by every task, partition and job of that JVM. Compiling the rules takes seconds and
 * the engine holds about 15 MB, so neither may happen per record or per partition.
 */
public final class EngineHolder {

    private static final Map<String, Slot> ENGINES = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> BUILDS = new ConcurrentHashMap<>();

    /**
     * The engine of one rule configuration, built by the first task that asks; the others wait for it.
     * A build that fails leaves the slot empty, so that a retried task builds again. Building outside the
     * map's own lock keeps other configurations free meanwhile.
     */
    private static final class Slot {
        private SpineCds engine;

        synchronized SpineCds engine(RuleSources sources) {
            if (engine == null) {
                BUILDS.computeIfAbsent(sources.key(), k -> new AtomicInteger()).incrementAndGet();
                engine = sources.build();
            }
            return engine;
        }
    }

    private EngineHolder() {
    }

    /**
     * The engine for these rule sources, built once per JVM.
     *
     * @throws RuleLoadException if the rules fail to load, or the sources require a SHA-256 that this JVM's
     *     rule base does not have
     */
    public static SpineCds engine(RuleSources sources) {
        SpineCds engine = ENGINES.computeIfAbsent(sources.key(), key -> new Slot()).engine(sources);
        String required = sources.requiredSha256();
        if (required != null && !required.equalsIgnoreCase(engine.knowledgeBase().sha256())) {
            throw RuleLoadException.of("(the rules shipped with the job)", "this JVM's rule base has SHA-256 %s "
                    + "but the job was planned with %s: are the same spinecds jars on every node?",
                    engine.knowledgeBase().sha256(), required);
        }
        return engine;
    }

    /** How many times this JVM has built an engine for these sources (0 or 1, unless building failed). */
    public static int builds(RuleSources sources) {
        AtomicInteger n = BUILDS.get(sources.key());
        return n == null ? 0 : n.get();
    }
}
