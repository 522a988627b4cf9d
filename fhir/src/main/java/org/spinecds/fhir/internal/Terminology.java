package org.spinecds.fhir.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.HttpClientBuilder;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinecds.fhir.FhirJson;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;

/**
 * A site's FHIR terminology server, asked {@code CodeSystem/$subsumes} through HAPI's generic client. The
 * answers are cached (bounded, for a day); a call that fails or takes longer than the time limit gives no
 * answer ({@code null}), which leaves the code unclassified, never "not spinal". Failures are not cached.
 * Thread-safe; shared by the mappers built from one configuration.
 */
public final class Terminology {

    private static final Logger LOG = LoggerFactory.getLogger(Terminology.class);
    private static final long CACHE_ENTRIES = 50_000;

    private final URI base;
    private final Duration timeLimit;
    private final IGenericClient client;
    private final Cache<String, Boolean> cache;
    /**
     * Runs the calls, so that a mapping waits at most the time limit for one, whatever the HTTP stack does
     * with its own timeouts; a few daemon threads, and a call that finds them all busy gets no answer.
     */
    private final ThreadPoolExecutor calls;

    public Terminology(URI base, Duration timeLimit) {
        this.base = Objects.requireNonNull(base, "base");
        this.timeLimit = Objects.requireNonNull(timeLimit, "timeLimit");
        if (!base.isAbsolute() || !("http".equals(base.getScheme()) || "https".equals(base.getScheme()))) {
            throw new IllegalArgumentException("the terminology server must be an absolute http(s) URL");
        }
        if (timeLimit.isNegative() || timeLimit.isZero() || timeLimit.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("the time limit must be above 0 and at most 1 minute");
        }
        // A client factory of its own, so that the time limits are this server's and not the shared context's.
        ApacheRestfulClientFactory factory = new ApacheRestfulClientFactory(FhirJson.context());
        int ms = Math.toIntExact(timeLimit.toMillis());
        RequestConfig limits = RequestConfig.custom().setConnectTimeout(ms).setSocketTimeout(ms)
                .setConnectionRequestTimeout(ms).build();
        factory.setHttpClient(HttpClientBuilder.create().setDefaultRequestConfig(limits).disableAutomaticRetries()
                .disableCookieManagement().setMaxConnTotal(20).setMaxConnPerRoute(20).build());
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        this.client = factory.newGenericClient(base.toString());
        this.cache = Caffeine.newBuilder().maximumSize(CACHE_ENTRIES).expireAfterWrite(Duration.ofDays(1)).build();
        this.calls = new ThreadPoolExecutor(0, MAX_CALLS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "spinecds-terminology");
            t.setDaemon(true);
            return t;
        });
    }

    private static final int MAX_CALLS = 4;

    public URI base() {
        return base;
    }

    public Duration timeLimit() {
        return timeLimit;
    }

    /**
     * Whether {@code parent} subsumes (or is) {@code child} in {@code system}: {@code TRUE}, {@code FALSE},
     * or {@code null} when the server gave no answer (an error, a timeout, or the deadline passed before
     * the call could start).
     *
     * @param deadline {@link System#nanoTime()} after which no call is started
     */
    public Boolean subsumes(String system, String parent, String child, long deadline) {
        String key = system + "|" + parent + "|" + child;
        Boolean cached = cache.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        long remaining = Math.min(deadline - System.nanoTime(), timeLimit.toNanos());
        if (remaining <= 0) {
            return null;
        }
        Future<Boolean> call;
        try {
            call = calls.submit(() -> ask(system, parent, child));
        } catch (RejectedExecutionException e) {
            LOG.info("Terminology server busy (all calls waiting); the code stays unclassified");
            return null;
        }
        Boolean answer;
        try {
            answer = call.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            LOG.info("Terminology server gave no $subsumes answer within the time limit; the code stays unclassified");
            return null;
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null;
        }
        if (answer != null) {
            cache.put(key, answer);
        }
        return answer;
    }

    private Boolean ask(String system, String parent, String child) {
        Parameters in = new Parameters();
        in.addParameter().setName("codeA").setValue(new CodeType(parent));
        in.addParameter().setName("codeB").setValue(new CodeType(child));
        in.addParameter().setName("system").setValue(new UriType(system));
        try {
            Parameters out = client.operation().onType(CodeSystem.class).named("$subsumes").withParameters(in)
                    .returnResourceType(Parameters.class).execute();
            String outcome = out.getParameter().stream().filter(p -> "outcome".equals(p.getName()))
                    .map(p -> p.getValue() == null ? null : p.getValue().primitiveValue()).findFirst().orElse(null);
            if (outcome == null) {
                LOG.info("Terminology server answered $subsumes without an outcome; the code stays unclassified");
                return null;
            }
            return switch (outcome) {
                case "equivalent", "subsumes" -> Boolean.TRUE;
                case "subsumed-by", "not-subsumed" -> Boolean.FALSE;
                default -> null;
            };
        } catch (RuntimeException e) {
            // The exception's message may carry the codes; only its type is logged.
            LOG.info("Terminology server gave no $subsumes answer ({}); the code stays unclassified",
                    e.getClass().getSimpleName());
            return null;
        }
    }

    /** The server's address is configuration, not patient data. */
    @Override
    public String toString() {
        return "Terminology[" + base + ", " + timeLimit + "]";
    }
}
