package org.spinecds.cdshooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.spinecds.SpineCds;
import org.spinecds.cdshooks.internal.TestTokens;

/**
 * One CDS Hooks server for all the tests of a run, on a free loopback port, with JWT authentication
 * as a deployment behind a proxy would have it (the tokens' audience is the public URL
 * {@link #AUDIENCE}), and a real HTTP client to call it.
 */
final class TestServer {

    static final URI AUDIENCE = URI.create("https://cds.example.org");
    static final TestTokens EHR = new TestTokens("ehr-key-1");
    static final ObjectMapper JSON = new ObjectMapper();

    private static TestServer instance;
    private static SpineCds engine;

    final CdsHooksServer server;
    final Path feedbackLog;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private TestServer(CdsHooksServer server, Path feedbackLog) {
        this.server = server;
        this.feedbackLog = feedbackLog;
    }

    static synchronized SpineCds engine() {
        if (engine == null) {
            engine = SpineCds.withDefaultRules();
        }
        return engine;
    }

    static synchronized TestServer get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("spinecds-cds-hooks-test");
                dir.toFile().deleteOnExit();
                Path keys = EHR.writePublicKeys(dir);
                Path log = dir.resolve("feedback.jsonl");
                CdsHooksServer server = CdsHooksServer.builder(engine(), HookExamples.MAPPER)
                        .authentication(ClientAuthentication.jwt(keys, List.of(TestTokens.ISSUER), AUDIENCE))
                        .feedbackLog(log)
                        .start();
                instance = new TestServer(server, log);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException | RuntimeException e) {
                        // the JVM is ending
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /**
     * Another service on a free loopback port, configured by {@code settings} beside the JWT
     * authentication and a feedback log of its own; the caller closes it.
     */
    static CdsHooksServer start(java.util.function.UnaryOperator<CdsHooksServer.Builder> settings) {
        try {
            Path dir = Files.createTempDirectory("spinecds-cds-hooks-test");
            dir.toFile().deleteOnExit();
            return settings.apply(CdsHooksServer.builder(engine(), HookExamples.MAPPER)
                    .authentication(ClientAuthentication.jwt(EHR.writePublicKeys(dir), List.of(TestTokens.ISSUER),
                            AUDIENCE))
                    .feedbackLog(dir.resolve("feedback.jsonl"))).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POSTs JSON to {@code path} of another service, with a fresh token for it. */
    HttpResponse<String> post(CdsHooksServer other, String path, String body) {
        URI uri = URI.create(other.discoveryUri().toString().replace("/cds-services", "") + path);
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Authorization", token(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A fresh bearer token for a request to {@code path}. */
    static String token(String path) {
        return EHR.bearer(TestTokens.claims(AUDIENCE + path, Instant.now()).build());
    }

    URI uri(String path) {
        return URI.create(server.discoveryUri().toString().replace("/cds-services", "") + path);
    }

    HttpResponse<String> get(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    /** POSTs JSON to {@code path} with a fresh token for it. */
    HttpResponse<String> post(String path, String body) {
        return post(path, body, token(path));
    }

    HttpResponse<String> post(String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hookFile(String name) {
        try {
            return Files.readString(HookExamples.hooksDir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
