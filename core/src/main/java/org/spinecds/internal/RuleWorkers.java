package org.spinecds.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that rule sessions run on, so that a rule that never ends cannot hold the caller's
 * thread. The caller hands a {@link Job} to an idle worker (or a new one), waits for it up to the
 * time limit, and on time-out abandons it: the job is asked to halt, its worker is interrupted and,
 * if it is still running a quarter of a second later in the rules' own code (a consequence or a DRL
 * function, and what they call), stopped ({@link Thread#stop()}, which works on Java 17; where the
 * JVM refuses, the worker is left to run and counted). A worker that is inside the rule engine instead
 * (a slow assessment, e.g. the first of a rule base on a loaded machine) is left to end at the next
 * firing, which the halt ensures: stopping it there could leave the shared rule base half-initialised.
 * A worker whose job was abandoned is never used again, so neither an interrupt nor a stop can reach
 * another job.
 *
 * <p>Workers are daemon threads named {@code spinecds-rules-N}, shared by every engine of the JVM
 * (the time limit is per engine), created on demand, one per concurrent assessment, and ended after
 * a minute idle. They do not inherit the caller's inheritable thread-locals; each job runs with its
 * caller's context class loader, as it would on the caller's thread.
 */
final class RuleWorkers {

    /** How long an abandoned job may take to end on its own (halt, interrupt) before its worker is stopped. */
    static final Duration GRACE = Duration.ofMillis(250);
    /** How many grace periods a worker inside the rule engine is given before it is reported as running on. */
    private static final int PATIENCE = 40;
    private static final long IDLE_SECONDS = 60;

    private static final Logger LOG = LoggerFactory.getLogger(RuleWorkers.class);
    private static final SynchronousQueue<Job> IDLE = new SynchronousQueue<>();
    private static final AtomicInteger NUMBER = new AtomicInteger();
    private static final AtomicInteger UNSTOPPED = new AtomicInteger();
    private static final ClassLoader OWN_LOADER = RuleWorkers.class.getClassLoader();
    private static final ScheduledThreadPoolExecutor REAPER = reaper();

    private RuleWorkers() {
    }

    /**
     * One piece of rule work, handed from the waiting caller to a worker. The worker runs
     * {@link #work()}, which must end by calling {@link #finish()} to learn whether its result is
     * still wanted (and whether it still owns its rule session); the caller reads the job's result
     * only after {@link RuleWorkers#run} returned true.
     */
    abstract static class Job {
        private static final int RUNNING = 0;
        private static final int DONE = 1;
        private static final int ABANDONED = 2;

        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private final Thread caller = Thread.currentThread();
        private final ClassLoader loader = caller.getContextClassLoader();
        private volatile Thread worker;
        private volatile boolean ended;

        /** Runs on the worker. Throwables it lets escape are dropped: it reports through its own fields. */
        protected abstract void work();

        /**
         * Runs on the caller once the time limit has passed, while the work may still run: note where it
         * is, then ask it to stop (the worker is interrupted next, and stopped after the grace period).
         */
        protected abstract void abandoned();

        /** Runs on the reaper when the worker had to be stopped: a description of the job for the log. */
        protected abstract String describe();

        /**
         * Whether a stack of the worker shows it in the rules' own code (and what it calls) rather than in
         * the rule engine, so that stopping it can harm only its own, abandoned, session.
         */
        protected abstract boolean inRuleCode(StackTraceElement[] stack);

        /**
         * Called by {@link #work()} when it is done: true if the caller still waits for the result (which
         * it may then read), false if the job was abandoned (its result and its session must be dropped).
         */
        protected final boolean finish() {
            if (state.compareAndSet(RUNNING, DONE)) {
                LockSupport.unpark(caller);
                return true;
            }
            return false;
        }

        /** The worker running this job (its stack tells where a job that ran out of time was), or null. */
        protected final Thread worker() {
            return worker;
        }
    }

    /**
     * Runs {@code job} on a worker and waits for it for up to {@code limitNanos}; an interrupt of the
     * caller is kept for later and does not end the wait (the job runs to its end or its limit, as it
     * would on the caller's own thread).
     *
     * @return true if the job finished in time; false if it was abandoned ({@link Job#abandoned()} has
     *     been called and its worker interrupted; it is stopped after the grace period)
     */
    static boolean run(Job job, long limitNanos) {
        if (!IDLE.offer(job)) {
            Thread t = new Thread(null, new Worker(job), "spinecds-rules-" + NUMBER.incrementAndGet(), 0, false);
            t.setDaemon(true);
            t.setContextClassLoader(OWN_LOADER);
            t.setUncaughtExceptionHandler((thread, e) -> { }); // a late stop of a worker that is ending anyway
            t.start();
        }
        long deadline = System.nanoTime() + limitNanos;
        boolean interrupted = false;
        try {
            while (job.state.get() == Job.RUNNING) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    if (job.state.compareAndSet(Job.RUNNING, Job.ABANDONED)) {
                        abandon(job);
                        return false;
                    }
                    break;
                }
                LockSupport.parkNanos(job, left);
                if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A worker's first job, handed over once: the thread keeps its Runnable, which must not keep the job. */
    private static final class Worker implements Runnable {
        private Job first;

        Worker(Job first) {
            this.first = first;
        }

        @Override
        public void run() {
            Job job = first;
            first = null;
            work(job);
        }
    }

    /** A worker's life: jobs one after the other until one is abandoned or none comes for a minute. */
    private static void work(Job job) {
        Thread me = Thread.currentThread();
        while (job != null) {
            job.worker = me;
            if (job.state.get() != Job.RUNNING) {
                job.ended = true;
                return; // abandoned before it started: the caller may have interrupted, do not go on
            }
            me.setContextClassLoader(job.loader);
            try {
                job.work();
            } catch (Throwable e) {
                // work() reports through its own fields; anything else (a late stop) ends the job
            } finally {
                job.ended = true;
            }
            if (job.state.get() != Job.DONE) {
                return; // abandoned: this thread may have been interrupted, and may be stopped
            }
            me.setContextClassLoader(OWN_LOADER);
            job = null; // an idle worker must not keep the last job, and through it a replaced rule base
            try {
                job = IDLE.poll(IDLE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void abandon(Job job) {
        try {
            job.abandoned();
        } catch (RuntimeException e) {
            // halting is a courtesy; the worker is interrupted and stopped anyway
        }
        Thread worker = job.worker;
        if (worker != null) {
            worker.interrupt();
        }
        REAPER.schedule(() -> reap(job, 1), GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void reap(Job job, int round) {
        Thread worker = job.worker;
        if (job.ended || worker == null) {
            return;
        }
        if (!job.inRuleCode(worker.getStackTrace())) {
            if (round < PATIENCE) {
                REAPER.schedule(() -> reap(job, round + 1), GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                LOG.warn("Worker {} runs on inside the rule engine {} ms after its time limit and is not stopped "
                        + "({} such so far): {}", worker.getName(), PATIENCE * GRACE.toMillis(),
                        UNSTOPPED.incrementAndGet(), job.describe());
            }
            return;
        }
        try {
            worker.stop();
            LOG.info("Stopped worker {}, still running {} ms after its time limit: {}", worker.getName(),
                    round * GRACE.toMillis(), job.describe());
            REAPER.schedule(() -> confirmStopped(job, worker), GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (UnsupportedOperationException e) {
            LOG.warn("Worker {} cannot be stopped on this JVM and runs on past its time limit ({} such so far): {}",
                    worker.getName(), UNSTOPPED.incrementAndGet(), job.describe());
        }
    }

    /** A rule that catches what stops it runs on: say so, once, rather than let the log claim it stopped. */
    private static void confirmStopped(Job job, Thread worker) {
        if (!job.ended && worker.isAlive()) {
            LOG.warn("Worker {} survived being stopped (a rule catches Throwable?) and runs on past its time limit "
                    + "({} such so far): {}", worker.getName(), UNSTOPPED.incrementAndGet(), job.describe());
        }
    }

    private static ScheduledThreadPoolExecutor reaper() {
        ScheduledThreadPoolExecutor reaper = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(null, r, "spinecds-rules-reaper", 0, false);
            t.setDaemon(true);
            t.setContextClassLoader(OWN_LOADER);
            return t;
        });
        reaper.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
        reaper.allowCoreThreadTimeOut(true);
        return reaper;
    }
}
