package org.spinecds.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecds.examples.cli.SpineCdsCli;
import org.spinecds.json.AssessmentJson;

/** {@code spinecds serve}, driven over HTTP: each example hook request gets the verdict {@code spinecds assess} gives. */
class ServeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theServedVerdictOfEachExampleIsTheVerdictOfAssess() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Path log = dir.resolve("feedback.jsonl");
        Thread serve = new Thread(() -> exit.set(SpineCdsCli.run(new PrintWriter(out), new PrintWriter(err),
                "serve", "--port", "0", "--insecure-no-auth", "--relevance-gate", "off", "--feedback-log",
                log.toString())));
        serve.start();
        try {
            URI discovery = awaitDiscovery(serve, out, err);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

            assertThat(http.send(HttpRequest.newBuilder(discovery).build(), HttpResponse.BodyHandlers.ofString())
                    .body()).contains("spinecds-patient-view", "spinecds-order-select");
            List<Path> hooks;
            try (Stream<Path> files = Files.list(Path.of("fhir/hooks"))) {
                hooks = files.filter(f -> f.toString().endsWith(".patient-view.json")).sorted().toList();
            }
            try (Stream<Path> patients = Files.list(Path.of("patients"))) {
                assertThat(hooks).as("a patient-view request for every example patient")
                        .hasSize((int) patients.filter(f -> f.toString().endsWith(".json")).count());
            }
            for (Path hook : hooks) {
                String name = hook.getFileName().toString().replace(".patient-view.json", "");
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(discovery
                                + "/spinecds-patient-view")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofFile(hook)).build(), HttpResponse.BodyHandlers.ofString());
                CliTest.Run assess = CliTest.spinecds("assess", "patients/" + name + ".json", "--format", "json");

                assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(200);
                JsonNode verdictCard = JSON.readTree(response.body()).get("cards").get(0);
                assertThat(verdictCard.get("extension").get("org.spinecds.verdict").asText()).as(name)
                        .isEqualTo(AssessmentJson.parse(assess.out()).get("verdict").asText());
            }
        } finally {
            serve.interrupt();
            serve.join(10_000);
        }
        assertThat(exit.get()).as(err.toString()).isZero();
        assertThat(Files.exists(log)).isTrue();
    }

    private static URI awaitDiscovery(Thread serve, StringWriter out, StringWriter err) throws InterruptedException {
        Pattern started = Pattern.compile("CDS Hooks service at (http://\\S+/cds-services),");
        for (int i = 0; i < 600; i++) {
            Matcher m = started.matcher(out.toString());
            if (m.find()) {
                return URI.create(m.group(1));
            }
            if (!serve.isAlive()) {
                break; // it exited without starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("spinecds serve did not start: " + out + err);
    }

    @Test
    void withKeysIssuerAndAudienceEveryCallNeedsAToken() throws Exception {
        ECKey ehr = new ECKeyGenerator(Curve.P_384).keyID("ehr-1").generate();
        Path keys = Files.writeString(dir.resolve("ehr-keys.json"), new JWKSet(ehr.toPublicJWK()).toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Thread serve = new Thread(() -> SpineCdsCli.run(new PrintWriter(out), new PrintWriter(err), "serve",
                "--port", "0", "--keys", keys.toString(), "--issuer", "https://ehr.example.org",
                "--audience", "https://cds.example.org", "--feedback-log", dir.resolve("f.jsonl").toString()));
        serve.start();
        try {
            URI discovery = awaitDiscovery(serve, out, err);
            SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID("ehr-1").build(),
                    new JWTClaimsSet.Builder().issuer("https://ehr.example.org")
                            .audience("https://cds.example.org/cds-services").issueTime(new Date())
                            .expirationTime(new Date(System.currentTimeMillis() + 300_000))
                            .jwtID(UUID.randomUUID().toString()).build());
            token.sign(new ECDSASigner(ehr));
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> without = http.send(HttpRequest.newBuilder(discovery).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> with = http.send(HttpRequest.newBuilder(discovery)
                    .header("Authorization", "Bearer " + token.serialize()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(without.statusCode()).isEqualTo(401);
            assertThat(with.statusCode()).as(with.body()).isEqualTo(200);
            assertThat(out.toString()).doesNotContain("WITHOUT AUTHENTICATION");
        } finally {
            serve.interrupt();
            serve.join(10_000);
        }
    }

    @Test
    void serveRefusesToRunWithoutAuthenticationUnlessTold() {
        CliTest.Run none = CliTest.spinecds("serve", "--port", "0");
        CliTest.Run mixed = CliTest.spinecds("serve", "--port", "0", "--insecure-no-auth", "--issuer", "x");
        CliTest.Run badKeys = CliTest.spinecds("serve", "--port", "0", "--keys", CliTest.FIXTURES.resolve("axial-pain.json").toString(),
                "--issuer", "https://ehr.example.org", "--audience", "https://cds.example.org");

        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("give --keys JWKS_FILE, --issuer ISS and --audience URL");
        assertThat(mixed.exit()).isEqualTo(2);
        assertThat(mixed.err()).contains("do not combine it");
        assertThat(badKeys.exit()).isEqualTo(2);
        assertThat(badKeys.err()).contains("axial-pain.json").contains("not a JSON Web Key Set");
    }

    @Test
    void aBadRelevanceGateOrFhirServerIsAUsageErrorNamingTheOption() {
        CliTest.Run gate = CliTest.spinecds("serve", "--port", "0", "--insecure-no-auth", "--relevance-gate", "maybe");
        CliTest.Run server = CliTest.spinecds("serve", "--port", "0", "--insecure-no-auth", "--fhir-server",
                "ftp://ehr.example.org/fhir");

        assertThat(gate.exit()).isEqualTo(2);
        assertThat(gate.err()).contains("--relevance-gate: on or off, got maybe");
        assertThat(server.exit()).isEqualTo(2);
        assertThat(server.err()).contains("fhirServers: ftp://ehr.example.org/fhir is not an absolute http(s) base URL");
    }

    @Test
    void unsafeTransportLimitsAreUsageErrorsNamingTheSetting() {
        CliTest.Run rate = CliTest.spinecds("serve", "--port", "0", "--insecure-no-auth", "--min-request-rate", "0");
        CliTest.Run idle = CliTest.spinecds("serve", "--port", "0", "--insecure-no-auth", "--idle-timeout", "0");
        CliTest.Run url = CliTest.spinecds("serve", "--port", "0", "--insecure-no-auth", "--public-url", "cds.example.org");

        assertThat(rate.exit()).isEqualTo(2);
        assertThat(rate.err()).contains("minRequestDataRate: must be 1 to");
        assertThat(idle.exit()).isEqualTo(2);
        assertThat(idle.err()).contains("idleTimeout: must be 1 s to 1 h");
        assertThat(url.exit()).isEqualTo(2);
        assertThat(url.err()).contains("publicBaseUri:");
    }

    @Test
    void aMissingKeysFileIsAUsageErrorNamingTheOption() {
        CliTest.Run missing = CliTest.spinecds("serve", "--port", "0", "--keys", "no-such-keys.json",
                "--issuer", "https://ehr.example.org", "--audience", "https://cds.example.org");
        CliTest.Run directory = CliTest.spinecds("serve", "--port", "0", "--keys", "patients",
                "--issuer", "https://ehr.example.org", "--audience", "https://cds.example.org");

        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--keys no-such-keys.json: no such file").doesNotContain("Exception");
        assertThat(directory.exit()).isEqualTo(2);
        assertThat(directory.err()).contains("--keys patients");
    }
}
