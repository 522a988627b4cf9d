package org.spinecds.cdshooks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinecds.SpineCds;
import org.spinecds.cdshooks.internal.Cards;
import org.spinecds.cdshooks.internal.FeedbackLog;
import org.spinecds.cdshooks.internal.FhirFetcher;
import org.spinecds.cdshooks.internal.HookService;
import org.spinecds.cdshooks.internal.HttpServer;
import org.spinecds.cdshooks.internal.Router;
import org.spinecds.cdshooks.internal.ServiceDefinition;
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
 * <p>Each assessment is bound by the time limit of the engine the service is given
 * ({@link SpineCds.Builder#assessmentTimeLimit}, 10 s by default). A call whose rules fail on the
 * patient (a rule that throws, recurses without end, runs out of memory, or runs past the limit) is
 * answered {@code 500} with {@code {"error": "the rules failed on this patient: ..."}} naming the rule
 * and never the patient, and logged in one WARN line; the engine stops a looping consequence's thread,
 * so that it holds a server thread only until the limit.
 */
public final class CdsHooksServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CdsHooksServer.class);

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
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: must be 0 to 65535, got " + port);
            }
            this.port = port;
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
         * When {@code patient-view} answers cards ({@link RelevanceGate#defaults()}: for a spinal chart of a
         * patient not known to be a child; {@link RelevanceGate#off()} answers every chart).
         */
        public Builder relevanceGate(RelevanceGate gate) {
            this.relevanceGate = Objects.requireNonNull(gate, "relevanceGate");
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
            Cards cards = new Cards();
            FhirFetcher fetcher = fhirServers.isEnabled() ? new FhirFetcher(fhirServers) : null;
            for (ServiceDefinition s : ServiceDefinition.ALL) {
                hooks.put(s.id(), new HookService(s, engine, mapper, cards, fetcher, relevanceGate));
            }
            HttpServer http;
            try {
                http = new HttpServer(host, port, allowedOrigins,
                        new Router(hooks, authentication.verifier(), feedback));
            } catch (Exception e) {
                feedback.close();
                throw new IOException("cannot serve on " + host + ":" + port + ": " + e.getMessage(), e);
            }
            CdsHooksServer server = new CdsHooksServer(http, feedback);
            LOG.info("CDS Hooks service listening at {} ({}), feedback to {}", server.discoveryUri(),
                    String.join(", ", hooks.keySet()), feedbackLog);
            if (!authentication.isRequired()) {
                LOG.warn("!!! CLIENT AUTHENTICATION IS OFF: any caller can use this service. For local trials "
                        + "with made-up patients only; never expose it or send it patient data. !!!");
            }
            return server;
        }
    }
}
