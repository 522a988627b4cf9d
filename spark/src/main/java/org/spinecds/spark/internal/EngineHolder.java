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

    private static final Map<String, SpineCds> ENGINES = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> BUILDS = new ConcurrentHashMap<>();

    private EngineHolder() {
    }

    /**
     * The engine for these rule sources, built once per JVM.
     *
     * @throws RuleLoadException if the sources require a SHA-256 that this JVM's rule base does not have
     */
    public static SpineCds engine(RuleSources sources) {
        SpineCds engine = ENGINES.computeIfAbsent(sources.key(), key -> {
            BUILDS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            return sources.build();
        });
        String required = sources.requiredSha256();
        if (required != null && !required.equalsIgnoreCase(engine.knowledgeBase().sha256())) {
            throw RuleLoadException.of("(the rules shipped with the job)", "this JVM's rule base has SHA-256 %s but the job was planned "
                    + "with %s: are the same spinecds jars on every node?", engine.knowledgeBase().sha256(), required);
        }
        return engine;
    }

    /** How many times this JVM has built an engine for these sources (0 or 1, unless building failed). */
    public static int builds(RuleSources sources) {
        AtomicInteger n = BUILDS.get(sources.key());
        return n == null ? 0 : n.get();
    }
}
