package org.spinecds.cdshooks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinecds.SpineCds;
import org.spinecds.cdshooks.internal.Cards;
import org.spinecds.cdshooks.internal.FeedbackLog;
import org.spinecds.cdshooks.internal.FhirFetcher;
import org.spinecds.cdshooks.internal.HookService;
import org.spinecds.cdshooks.internal.HttpServer;
import org.spinecds.cdshooks.internal.Questionnaires;
import org.spinecds.cdshooks.internal.Router;
import org.spinecds.cdshooks.internal.ServiceDefinition;
import org.spinecds.cdshooks.internal.WarmUp;
import org.spinecds.fhir.FhirPatientMapper;

/**
 * A running CDS Hooks service: discovery at {@code /cds-services}, the services
 * {@value ServiceDefinition#PATIENT_VIEW_ID} ({@code patient-view}),
 * {@value ServiceDefinition#ORDER_SELECT_ID} ({@code order-select}) and
 * {@value ServiceDefinition#ORDER_SIGN_ID} ({@code order-sign}), and their feedback endpoints.
 * {@link Builder#relevanceGate} says when patient-view answers cards, {@link Builder#fhirServers} which
 * FHIR servers may be queried for what a prefetch lacks.
 *
 * <pre>{@code
 * try (CdsHooksServer server = CdsHooksServer.builder(SpineCds.withDefaultRules(), FhirPatientMapper.withDefaultCodes())
 *         .port(8080)
 *         .authentication(ClientAuthentication.jwt(jwks, List.of("https://ehr.example.org"), URI.create("https://cds.example.org")))
 *         .feedbackLog(Path.of("feedback.jsonl"))
 *         .start()) {
 *     server.join();
 * }
 * }</pre>
 *
 * <p>The server speaks plain HTTP on the address it is given (loopback by default): put it behind a
 * reverse proxy that terminates TLS, as the CDS Hooks specification requires HTTPS.
 *
 * <p>Slow and hostile clients are bounded: a request body is read only after the call is authenticated
 * (a call refused on its headers is answered at once, and its body, never parsed, is dropped for at
 * most five seconds, so that the answer is not lost to a connection reset; a body declared over the
 * limit is not), without holding a
 * thread, and at {@linkplain Builder#minRequestDataRate a minimum rate}; a silent connection is closed
 * after {@linkplain Builder#idleTimeout the idle timeout}; {@linkplain Builder#maxConnections the open
 * connections} are limited. Every error is answered as JSON, Jetty's own (such as 431 for a header over
 * 8 KiB) too. {@link Builder#start()} answers a bundled made-up call before the port opens, so that the
 * first client's call is as fast as any.
 *
 * <p>{@code GET /cds-services/questionnaires/spinecds-inputs?input=...} serves the FHIR Questionnaire of
 * the inputs named ({@link org.spinecds.fhir.FhirQuestionnaire}) without a token: it holds no patient
 * data. The INSUFFICIENT_INFORMATION inputs card links to it on the {@linkplain Builder#publicBaseUri
 * public base URL}, and answers are accepted in the prefetch key {@code questionnaireResponses}.
 *
 * <p>Each assessment is bound by the time limit of the engine the service is given
 * ({@link SpineCds.Builder#assessmentTimeLimit}, 10 s by default). A call whose rules fail on the
 * patient (a rule that throws, recurses without end, runs out of memory, or runs past the limit) is
 * answered {@code 500} with {@code {"error": "the rules failed on this patient: ..."}} naming the rule
 * and never the patient, and logged in one WARN line; the engine stops a looping consequence's thread,
 * so that it holds a server thread only until the limit.
 */
public final class CdsHooksServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CdsHooksServer.class);

    /** The default {@linkplain Builder#idleTimeout idle timeout}, in seconds. */
    public static final long DEFAULT_IDLE_TIMEOUT_SECONDS = 30;
    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(DEFAULT_IDLE_TIMEOUT_SECONDS);
    /** The default {@linkplain Builder#minRequestDataRate minimum request data rate}, in bytes per second. */
    public static final long DEFAULT_MIN_REQUEST_DATA_RATE = 1024;
    /** The default {@linkplain Builder#maxConnections limit on open connections}. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;
    /** The default time a request's line and headers may take to arrive, from their first byte. */
    public static final long DEFAULT_REQUEST_HEAD_TIMEOUT_SECONDS = 10;
    static final Duration DEFAULT_REQUEST_HEAD_TIMEOUT = Duration.ofSeconds(DEFAULT_REQUEST_HEAD_TIMEOUT_SECONDS);

    private final HttpServer http;
    private final FeedbackLog feedback;

    private CdsHooksServer(HttpServer http, FeedbackLog feedback) {
        this.http = http;
        this.feedback = feedback;
    }

    /**
     * A builder for a service that assesses with {@code engine} the patients {@code mapper} reads; the
     * engine's {@linkplain SpineCds#assessmentTimeLimit() time limit} bounds each assessment.
     */
    public static Builder builder(SpineCds engine, FhirPatientMapper mapper) {
        return new Builder(engine, mapper);
    }

    /** The port the service listens on. */
    public int port() {
        return http.port();
    }

    /** The URL of the discovery endpoint on the listening address, e.g. {@code http://127.0.0.1:8080/cds-services}. */
    public URI discoveryUri() {
        return URI.create(http.baseUri() + "/cds-services");
    }

    /** Waits until the service stops. */
    public void join() throws InterruptedException {
        http.join();
    }

    /** Stops the service and closes the feedback log. */
    @Override
    public void close() throws IOException {
        try {
            http.close();
        } finally {
            feedback.close();
        }
    }

    /** Configures and starts a {@link CdsHooksServer}. */
    public static final class Builder {
        private final SpineCds engine;
        private final FhirPatientMapper mapper;
        private String host = "127.0.0.1";
        private int port = 0;
        private ClientAuthentication authentication;
        private Path feedbackLog;
        private Set<String> allowedOrigins = Set.of("*");
        private Clock clock = Clock.systemUTC();
        private FhirServerAccess fhirServers = FhirServerAccess.none();
        private RelevanceGate relevanceGate = RelevanceGate.defaults();
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private long minRequestDataRate = DEFAULT_MIN_REQUEST_DATA_RATE;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration requestHeadTimeout = DEFAULT_REQUEST_HEAD_TIMEOUT;
        private URI publicBaseUri;

        private Builder(SpineCds engine, FhirPatientMapper mapper) {
            this.engine = Objects.requireNonNull(engine, "engine");
            this.mapper = Objects.requireNonNull(mapper, "mapper");
        }

        /** The address to listen on; {@code 127.0.0.1} by default, {@code 0.0.0.0} for every interface. */
        public Builder host(String host) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host: give an address, e.g. 127.0.0.1");
            }
            this.host = host;
            return this;
        }

        /** The port to listen on; 0 (the default) for a free one, see {@link CdsHooksServer#port()}. */
        public Builder port(int port) {
            this.port = (int) within("port", port, 0, 65535, "");
            return this;
        }

        /** How clients are authenticated (required: there is no default). */
        public Builder authentication(ClientAuthentication authentication) {
            this.authentication = Objects.requireNonNull(authentication, "authentication");
            return this;
        }

        /** The file card feedback is appended to, one JSON line per item (required). */
        public Builder feedbackLog(Path file) {
            this.feedbackLog = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * The browser origins allowed to call the service (CORS), e.g. {@code https://ehr.example.org};
         * any origin ({@code *}) by default, which is safe because every call must carry a bearer token
         * (no cookies are accepted).
         */
        public Builder allowedOrigins(List<String> origins) {
            if (origins == null || origins.isEmpty() || origins.stream().anyMatch(o -> o == null || o.isBlank())) {
                throw new IllegalArgumentException("allowedOrigins: give at least one origin, or * for any");
            }
            this.allowedOrigins = Set.copyOf(origins);
            return this;
        }

        /**
         * The FHIR servers that may be queried for what a call's prefetch lacks, with the call's
         * {@code fhirAuthorization} token ({@link FhirServerAccess#none()} by default: none is contacted,
         * whatever {@code fhirServer} a call names).
         */
        public Builder fhirServers(FhirServerAccess access) {
            this.fhirServers = Objects.requireNonNull(access, "fhirServers");
            return this;
        }

        /**
         * How long a connection may stay silent (no byte arriving or leaving) before it is closed;
         * {@value #DEFAULT_IDLE_TIMEOUT_SECONDS} s by default, 1 s to 1 hour. It bounds a client that opens a
         * connection and sends nothing, or stops in the middle of a request.
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = within("idleTimeout", timeout, Duration.ofSeconds(1), Duration.ofHours(1), "1 s to 1 h");
            return this;
        }

        /**
         * When {@code patient-view} answers cards ({@link RelevanceGate#defaults()}: for a spinal chart of a
         * patient not known to be a child; {@link RelevanceGate#off()} answers every chart).
         */
        public Builder relevanceGate(RelevanceGate gate) {
            this.relevanceGate = Objects.requireNonNull(gate, "relevanceGate");
            return this;
        }

        /**
         * The slowest a request body may arrive, in bytes per second on average from the start of its read
         * (after a grace second); {@value #DEFAULT_MIN_REQUEST_DATA_RATE} by default, 1 to 10,000,000. A
         * slower body is answered 408 and its connection closed. No body is read before its call is
         * authenticated, and no thread is held while one arrives.
         */
        public Builder minRequestDataRate(long bytesPerSecond) {
            this.minRequestDataRate = within("minRequestDataRate", bytesPerSecond, 1, 10_000_000, " bytes per second");
            return this;
        }

        /**
         * How long a request's line and headers may take to arrive, from their first byte;
         * {@value #DEFAULT_REQUEST_HEAD_TIMEOUT_SECONDS} s by default, 1 s to 10 minutes. A connection
         * whose request head takes longer is closed, so that clients trickling their headers cannot hold
         * every connection (the idle timeout restarts at each byte).
         */
        public Builder requestHeadTimeout(Duration timeout) {
            this.requestHeadTimeout = within("requestHeadTimeout", timeout, Duration.ofSeconds(1),
                    Duration.ofMinutes(10), "1 s to 10 min");
            return this;
        }

        /** The most connections open at once ({@value #DEFAULT_MAX_CONNECTIONS} by default, 1 to 100,000); more wait to be accepted. */
        public Builder maxConnections(int connections) {
            this.maxConnections = (int) within("maxConnections", connections, 1, 100_000, "");
            return this;
        }

        /** {@code value} if it is from {@code min} to {@code max}, else an error naming the setting and range. */
        private static long within(String setting, long value, long min, long max, String unit) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(setting + ": must be " + min + " to " + max + unit + ", got "
                        + value);
            }
            return value;
        }

        /** {@code value} if it is from {@code min} to {@code max} ({@code range} in words), else an error naming it. */
        private static Duration within(String setting, Duration value, Duration min, Duration max, String range) {
            Objects.requireNonNull(value, "timeout");
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException(setting + ": must be " + range + ", got " + value);
            }
            return value;
        }

        /**
         * The service's public base URL, e.g. {@code https://cds.example.org}, from which the links of the
         * cards to the inputs Questionnaire are made; by default the audience of JWT authentication (the
         * same URL), else the listening address.
         */
        public Builder publicBaseUri(URI base) {
            Objects.requireNonNull(base, "base");
            if (!base.isAbsolute() || !("https".equals(base.getScheme()) || "http".equals(base.getScheme()))
                    || base.getHost() == null || base.getQuery() != null || base.getFragment() != null) {
                throw new IllegalArgumentException("publicBaseUri: must be an absolute http(s) URL without query, "
                        + "e.g. https://cds.example.org, got " + base);
            }
            this.publicBaseUri = base;
            return this;
        }

        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Starts the service.
         *
         * @throws IllegalStateException if no authentication or feedback log was set
         * @throws IOException if the feedback log cannot be opened or the address cannot be bound
         */
        public CdsHooksServer start() throws IOException {
            if (authentication == null) {
                throw new IllegalStateException("authentication: choose ClientAuthentication.jwt(...) or, for local "
                        + "trials only, ClientAuthentication.insecureNoAuthentication()");
            }
            if (feedbackLog == null) {
                throw new IllegalStateException("feedbackLog: name the file card feedback is appended to");
            }
            FeedbackLog feedback = new FeedbackLog(feedbackLog, clock);
            Map<String, Router.Hook> hooks = new LinkedHashMap<>();
            AtomicReference<String> questionnaireUrl = new AtomicReference<>(publicBaseUri != null
                    ? stripSlash(publicBaseUri) + Router.QUESTIONNAIRE_PATH
                    : authentication.isRequired() ? authentication.verifier().audienceFor(Router.QUESTIONNAIRE_PATH)
                    : null);
            Cards cards = new Cards(inputs -> questionnaireUrl.get() == null ? null
                    : questionnaireUrl.get() + Questionnaires.query(inputs));
            FhirFetcher fetcher = fhirServers.isEnabled() ? new FhirFetcher(fhirServers) : null;
            for (ServiceDefinition s : ServiceDefinition.ALL) {
                hooks.put(s.id(), new HookService(s, engine, mapper, cards, fetcher, relevanceGate));
            }
            WarmUp.run(hooks.get(ServiceDefinition.PATIENT_VIEW_ID));
            HttpServer http;
            try {
                http = new HttpServer(host, port, allowedOrigins,
                        new Router(hooks, authentication.verifier(), feedback, minRequestDataRate),
                        idleTimeout, maxConnections, requestHeadTimeout);
            } catch (Exception e) {
                feedback.close();
                throw new IOException("cannot serve on " + host + ":" + port + ": " + e.getMessage(), e);
            }
            questionnaireUrl.compareAndSet(null, http.baseUri() + Router.QUESTIONNAIRE_PATH);
            CdsHooksServer server = new CdsHooksServer(http, feedback);
            LOG.info("CDS Hooks service listening at {} ({}), feedback to {}", server.discoveryUri(),
                    String.join(", ", hooks.keySet()), feedbackLog);
            if (!authentication.isRequired()) {
                LOG.warn("!!! CLIENT AUTHENTICATION IS OFF: any caller can use this service. For local trials "
                        + "with made-up patients only; never expose it or send it patient data. !!!");
            }
            return server;
        }

        private static String stripSlash(URI base) {
            String s = base.toString();
            return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        }
    }
}
