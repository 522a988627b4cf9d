package org.spinecds.examples.cli;

import static org.spinecds.batch.ExitCodes.OK;
import static org.spinecds.batch.ExitCodes.USAGE;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.spinecds.SpineCds;
import org.spinecds.cdshooks.CdsHooksServer;
import org.spinecds.cdshooks.ClientAuthentication;
import org.spinecds.cdshooks.FhirServerAccess;
import org.spinecds.cdshooks.RelevanceGate;
import org.spinecds.cdshooks.internal.WarmUp;
import org.spinecds.fhir.CodeListException;
import org.spinecds.fhir.FhirPatientMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve",
        description = "Run the CDS Hooks service (patient-view, order-select and order-sign, with discovery at /cds-services "
                + "and feedback) until stopped. Clients authenticate with JWT bearer tokens signed by a key of "
                + "--keys, issued by an --issuer, for the --audience URL; put the service behind a proxy that "
                + "terminates TLS.")
final class ServeCommand extends EngineCommand {

    @Option(names = "--port", required = true, paramLabel = "P", description = "The port (0 for a free one).")
    int port;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "The address to listen on (0.0.0.0 for every interface). Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--keys", paramLabel = "JWKS_FILE",
            description = "The CDS clients' public keys, a JSON Web Key Set, each key with a kid.")
    Path keys;

    @Option(names = "--issuer", paramLabel = "ISS", description = "A trusted token issuer, iss (repeatable).")
    List<String> issuers = new ArrayList<>();

    @Option(names = "--audience", paramLabel = "URL",
            description = "The service's public base URL, e.g. https://cds.example.org: a token's aud must be it "
                    + "followed by the path called, e.g. https://cds.example.org/cds-services/spinecds-patient-view.")
    URI audience;

    @Option(names = "--feedback-log", paramLabel = "FILE", defaultValue = "spinecds-feedback.jsonl",
            description = "The audit log card feedback is appended to, one JSON line per item. "
                    + "Default: ${DEFAULT-VALUE}.")
    Path feedbackLog;

    @Mixin
    CodesOption codes = new CodesOption();

    @Option(names = "--allow-origin", paramLabel = "ORIGIN",
            description = "A browser origin allowed to call the service, e.g. https://ehr.example.org (repeatable; "
                    + "default: any, as every call needs a bearer token).")
    List<String> origins = new ArrayList<>();

    @Option(names = "--fhir-server", paramLabel = "URL",
            description = "A FHIR server base URL the service may query, with a call's fhirAuthorization token, for "
                    + "what its prefetch lacks (repeatable; default: none, no server is contacted).")
    List<URI> fhirServers = new ArrayList<>();

    @Option(names = "--relevance-gate", paramLabel = "on|off", defaultValue = "on",
            description = "on: patient-view answers cards only for a spinal chart of a patient not known to be a "
                    + "child; off: for every chart. Default: ${DEFAULT-VALUE}.")
    String relevanceGate;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            defaultValue = "" + CdsHooksServer.DEFAULT_IDLE_TIMEOUT_SECONDS,
            description = "Close a connection silent this long (1 to 3600). Default: ${DEFAULT-VALUE}.")
    long idleTimeoutSeconds;

    @Option(names = "--request-head-timeout", paramLabel = "SECONDS",
            defaultValue = "" + CdsHooksServer.DEFAULT_REQUEST_HEAD_TIMEOUT_SECONDS,
            description = "Close a connection whose request line and headers take longer than this to arrive "
                    + "(1 to 600). Default: ${DEFAULT-VALUE}.")
    long requestHeadTimeoutSeconds;

    @Option(names = "--min-request-rate", paramLabel = "BYTES_PER_S",
            defaultValue = "" + CdsHooksServer.DEFAULT_MIN_REQUEST_DATA_RATE,
            description = "Answer 408 to a request body arriving slower than this, on average. Default: ${DEFAULT-VALUE}.")
    long minRequestRate;

    @Option(names = "--max-connections", paramLabel = "N",
            defaultValue = "" + CdsHooksServer.DEFAULT_MAX_CONNECTIONS,
            description = "The most connections open at once. Default: ${DEFAULT-VALUE}.")
    int maxConnections;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "The service's public base URL, for the cards' links to the inputs Questionnaire "
                    + "(default: --audience, else the listening address).")
    URI publicUrl;

    @Option(names = "--insecure-no-auth",
            description = "Accept calls without a token. For local trials with made-up patients ONLY.")
    boolean insecureNoAuth;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = out();
        PrintWriter err = err();
        ClientAuthentication authentication = null;
        FhirPatientMapper mapper = null;
        CdsHooksServer.Builder builder;
        // The rule base compiles on another core while this thread makes the FHIR side (the code lists,
        // HAPI's FHIR context, the parser and the mapping), which takes seconds too and needs no rules.
        FutureTask<SpineCds> rules = new FutureTask<>(engineOptions::engine);
        Thread compiling = new Thread(rules, "spinecds-rules");
        compiling.setDaemon(true);
        compiling.start();
        RuntimeException usage = null;
        try {
            authentication = authentication();
            mapper = codes.mapper();
            WarmUp.fhir(mapper);
        } catch (IllegalArgumentException | CodeListException e) {
            usage = e;
        }
        // the rules' failure first, as when they were compiled before the options were read
        SpineCds engine = built(rules);
        try {
            if (usage != null) {
                throw usage;
            }
            builder = CdsHooksServer.builder(engine, mapper)
                    .host(host).port(port).authentication(authentication).feedbackLog(feedbackLog)
                    .idleTimeout(java.time.Duration.ofSeconds(idleTimeoutSeconds))
                    .minRequestDataRate(minRequestRate).maxConnections(maxConnections)
                    .requestHeadTimeout(java.time.Duration.ofSeconds(requestHeadTimeoutSeconds));
            if (publicUrl != null) {
                builder.publicBaseUri(publicUrl);
            }
            if (!origins.isEmpty()) {
                builder.allowedOrigins(origins);
            }
            if (!fhirServers.isEmpty()) {
                builder.fhirServers(FhirServerAccess.allowing(fhirServers));
            }
            if (!relevanceGate.equals("on") && !relevanceGate.equals("off")) {
                throw new IllegalArgumentException("--relevance-gate: on or off, got " + relevanceGate);
            }
            builder.relevanceGate(relevanceGate.equals("on") ? RelevanceGate.defaults() : RelevanceGate.off());
        } catch (IllegalArgumentException | CodeListException e) {
            err.println("spinecds: " + e.getMessage());
            err.flush();
            return USAGE;
        }
        CdsHooksServer server = builder.start();
        try {
            out.println("spinecds: CDS Hooks service at " + server.discoveryUri() + ", feedback to " + feedbackLog
                    + (insecureNoAuth ? ", WITHOUT AUTHENTICATION (local trials only)" : ""));
            out.flush();
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                server.close();
            } catch (IOException | RuntimeException e) {
                err.println("spinecds: stopping the service: " + e.getMessage());
                err.flush();
            }
        }
        return OK;
    }

    /** The engine the task built, or the task's failure, thrown as it was. */
    private static SpineCds built(FutureTask<SpineCds> rules) {
        try {
            return rules.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the rules compiled", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private ClientAuthentication authentication() {
        if (insecureNoAuth) {
            if (keys != null || !issuers.isEmpty() || audience != null) {
                throw new IllegalArgumentException("--insecure-no-auth turns authentication off; do not combine it "
                        + "with --keys, --issuer or --audience");
            }
            return ClientAuthentication.insecureNoAuthentication();
        }
        if (keys == null || issuers.isEmpty() || audience == null) {
            throw new IllegalArgumentException("clients must authenticate: give --keys JWKS_FILE, --issuer ISS and "
                    + "--audience URL (or, for a local trial with made-up patients only, --insecure-no-auth)");
        }
        if (!Files.exists(keys)) {
            throw new IllegalArgumentException("--keys " + keys + ": no such file");
        }
        if (!Files.isRegularFile(keys)) {
            throw new IllegalArgumentException("--keys " + keys + ": not a file (give the JSON Web Key Set file)");
        }
        try {
            return ClientAuthentication.jwt(keys, issuers, audience);
        } catch (IOException e) {
            throw new IllegalArgumentException("--keys " + keys + ": cannot be read ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        } catch (IllegalArgumentException e) {
            // The message starts with the file name and says what is wrong with it.
            throw new IllegalArgumentException("--keys " + e.getMessage(), e);
        }
    }
}
