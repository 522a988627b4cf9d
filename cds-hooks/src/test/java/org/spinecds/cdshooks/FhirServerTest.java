package org.spinecds.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spinecds.cdshooks.internal.TestTokens;
import org.spinecds.json.PatientJson;
import org.spinecds.rules.CapturingLogs;

/**
 * {@code fhirServer} with {@code fhirAuthorization}, against a real FHIR server on loopback (HAPI's
 * plain server in Jetty, {@link LoopbackFhirServer}): what the prefetch lacks is read from an allowed
 * server with the client's bearer token, page by page up to the site's page cap and within the time
 * limits; a server the site does not allow is never contacted.
 */
class FhirServerTest {

    private static final String PATIENT_VIEW = "/cds-services/spinecds-patient-view";
    private static final String TOKEN = "tok-zq-9431-opaque";

    private static LoopbackFhirServer fhir;
    private static JsonNode recorded;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * The log lines of the service: without the test's own FHIR server ({@code ca.uhn.fhir.rest.server}),
     * and without the DEBUG and TRACE output of the HTTP libraries, which a host must not turn on in
     * production: Jetty's dumps raw requests, Apache HttpClient's ({@code org.apache.http}, under HAPI's
     * client) logs request lines, headers and bodies, and HAPI's client logs each response body at TRACE
     * ({@code ca.uhn.fhir.rest.client}), the token and the patient's data among them (docs/cds-hooks.md says so).
     */
    private static List<String> serviceLogs(List<String> lines) {
        return lines.stream().filter(l -> !l.matches("(DEBUG|TRACE) org\\.eclipse\\.jetty\\..*")
                && !l.matches("(DEBUG|TRACE) org\\.apache\\.http\\..*")
                && !l.matches("(?s)TRACE ca\\.uhn\\.fhir\\.rest\\.client\\.impl\\.BaseClient - FHIR response:.*")
                && !l.matches("[A-Z]+ ca\\.uhn\\.fhir\\.rest\\.server\\..*")).toList();
    }

    @BeforeAll
    static void startFhirServer() throws Exception {
        fhir = new LoopbackFhirServer();
        recorded = RecordedPatients.patientView(RecordedPatients.candidate());
        List<String> resources = new ArrayList<>();
        resources.add(recorded.get("prefetch").get("patient").toString());
        resources.add(recorded.get("prefetch").get("observations").get("entry").get(0).get("resource").toString());
        // seven heart rates beside the spine record: the observations fill four pages of two
        for (int i = 1; i <= 7; i++) {
            resources.add("{\"resourceType\": \"Observation\", \"id\": \"hr-" + i + "\", \"status\": \"final\", "
                    + "\"code\": {\"coding\": [{\"system\": \"http://loinc.org\", \"code\": \"8867-4\", \"display\": "
                    + "\"Heart rate\"}]}, \"subject\": {\"reference\": \"Patient/" + RecordedPatients.PATIENT_ID
                    + "\"}, \"effectiveDateTime\": \"2026-05-2" + i + "T09:00:00Z\", \"valueQuantity\": {\"value\": "
                    + (60 + i) + ", \"unit\": \"beats/minute\", \"system\": \"http://unitsofmeasure.org\", "
                    + "\"code\": \"/min\"}}");
        }
        fhir.put(resources);
    }

    @AfterAll
    static void stopFhirServer() throws Exception {
        fhir.close();
    }

    @BeforeEach
    void forgetRequests() {
        fhir.forget();
    }

    private static CdsHooksServer service(UnaryOperator<FhirServerAccess> limits) throws Exception {
        Path dir = Files.createTempDirectory("spinecds-fhir-server-test");
        dir.toFile().deleteOnExit();
        return CdsHooksServer.builder(TestServer.engine(), HookExamples.MAPPER)
                .authentication(ClientAuthentication.jwt(TestServer.EHR.writePublicKeys(dir),
                        List.of(TestTokens.ISSUER), TestServer.AUDIENCE))
                .feedbackLog(dir.resolve("feedback.jsonl"))
                .fhirServers(limits.apply(FhirServerAccess.allowing(List.of(fhir.base("fhir")))))
                .start();
    }

    /** A patient-view call for the recorded patient naming {@code fhirServer}, with the prefetch given. */
    private static ObjectNode call(URI fhirServer, JsonNode prefetch) {
        ObjectNode request = recorded.deepCopy();
        request.remove("prefetch");
        if (prefetch != null) {
            request.set("prefetch", prefetch);
        }
        request.put("fhirServer", fhirServer.toString());
        ObjectNode auth = request.putObject("fhirAuthorization");
        auth.put("access_token", TOKEN).put("token_type", "Bearer").put("expires_in", 300)
                .put("scope", "patient/*.read").put("subject", "spinecds");
        return request;
    }

    private HttpResponse<String> post(CdsHooksServer server, JsonNode body) throws Exception {
        URI uri = URI.create(server.discoveryUri().toString().replace("/cds-services", "") + PATIENT_VIEW);
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Authorization", TestServer.EHR.bearer(TestTokens.claims(TestServer.AUDIENCE + PATIENT_VIEW,
                        Instant.now()).build()))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode cards(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestServer.json(response).get("cards");
    }

    private static JsonNode inputsExtension(JsonNode cards) {
        assertThat(cards.size()).as(cards.toString()).isGreaterThanOrEqualTo(2);
        return cards.get(1).get("extension");
    }

    @Test
    void whatThePrefetchLacksIsReadFromTheAllowedServerWithTheBearerToken() throws Exception {
        String expected = TestServer.engine().assess(PatientJson.fromTree(RecordedPatients.candidate())).verdict().name();
        CapturingLogs.start();
        JsonNode cards;
        try (CdsHooksServer server = service(a -> a)) {
            cards = cards(post(server, call(fhir.base("fhir"), null)));
        } finally {
            List<String> logs = serviceLogs(CapturingLogs.stop());
            assertThat(logs).anySatisfy(l -> assertThat(l).startsWith("DEBUG org.spinecds.cdshooks.internal.Router"));
            assertThat(logs).noneSatisfy(l -> assertThat(l).contains(TOKEN));
            assertThat(logs).noneSatisfy(l -> assertThat(l).contains(RecordedPatients.PATIENT_ID));
        }

        assertThat(cards.get(0).get("extension").get("org.spinecds.verdict").asText()).isEqualTo(expected);
        assertThat(cards.toString()).doesNotContain("prefetchNotSent").doesNotContain("prefetchIncomplete");
        List<LoopbackFhirServer.Seen> seen = fhir.seen();
        assertThat(seen).isNotEmpty().allSatisfy(s -> assertThat(s.authorization()).isEqualTo("Bearer " + TOKEN));
        assertThat(seen).allSatisfy(s -> assertThat(s.path()).startsWith("/fhir"));
        // the Patient, seven searches (the answers to the inputs Questionnaire too), and three more pages of
        // observations (eight, two a page)
        assertThat(seen).filteredOn(s -> s.query() != null && s.query().contains("_getpages")).hasSize(3);
        assertThat(seen).hasSize(1 + 7 + 3);
    }

    @Test
    void aPrefetchOfOnePageIsCompletedFromTheAllowedServer() throws Exception {
        ObjectNode prefetch = recorded.get("prefetch").deepCopy();
        ((ObjectNode) prefetch.get("observations")).put("total", 8).putArray("link").addObject()
                .put("relation", "next").put("url", fhir.base("fhir") + "?_getpages=from-the-client");
        JsonNode cards;
        try (CdsHooksServer server = service(a -> a)) {
            cards = cards(post(server, call(fhir.base("fhir"), prefetch)));
        }

        assertThat(cards.get(0).get("extension").get("org.spinecds.verdict").asText())
                .isEqualTo("MINIMALLY_INVASIVE_CANDIDATE");
        assertThat(cards.toString()).doesNotContain("prefetchIncomplete");
        // only the list sent in part is read again, from its first page: the client's next link is not used
        assertThat(fhir.seen()).filteredOn(s -> s.path().equals("/fhir/Observation")).hasSize(1);
        assertThat(fhir.seen()).noneSatisfy(s -> assertThat(String.valueOf(s.query())).contains("from-the-client"));
        assertThat(fhir.seen()).filteredOn(s -> !s.path().equals("/fhir/Observation") && s.query() != null
                && !s.query().contains("_getpages")).isEmpty();
    }

    @Test
    void aSearchLongerThanThePageCapStaysIncomplete() throws Exception {
        JsonNode cards;
        try (CdsHooksServer server = service(a -> a.withMaxPages(2))) {
            cards = cards(post(server, call(fhir.base("fhir"), null)));
        }

        assertThat(fhir.seen()).filteredOn(s -> s.query() != null && s.query().contains("_getpages")).hasSize(1);
        assertThat(cards.get(0).get("extension").get("org.spinecds.verdict").asText())
                .isEqualTo("INSUFFICIENT_INFORMATION");
        assertThat(inputsExtension(cards).get("org.spinecds.prefetchIncomplete").toString())
                .isEqualTo("[\"observations\"]");
    }

    @Test
    void aServerSlowerThanTheReadTimeoutLeavesItsListIncompleteAndTheCallAnswers() throws Exception {
        fhir.delay("MedicationRequest", 3_000);
        JsonNode cards;
        long took;
        try (CdsHooksServer server = service(a -> a.withReadTimeout(Duration.ofMillis(400)))) {
            long start = System.nanoTime();
            cards = cards(post(server, call(fhir.base("fhir"), null)));
            took = (System.nanoTime() - start) / 1_000_000;
        } finally {
            fhir.delay("MedicationRequest", 0);
        }

        assertThat(took).as("ms").isLessThan(2_500);
        assertThat(inputsExtension(cards).get("org.spinecds.prefetchIncomplete").toString())
                .isEqualTo("[\"medicationRequests\"]");
    }

    @Test
    void aServerTheSiteDoesNotAllowIsNeverContacted() throws Exception {
        JsonNode prefetch = recorded.get("prefetch");
        CapturingLogs.start();
        JsonNode cards;
        HttpResponse<String> noPrefetch;
        try (CdsHooksServer server = service(a -> a)) {
            cards = cards(post(server, call(fhir.base("other"), prefetch)));
            noPrefetch = post(server, call(URI.create(fhir.base("fhir") + "/../other"), null));
        } finally {
            List<String> logs = serviceLogs(CapturingLogs.stop());
            assertThat(logs).anySatisfy(l -> assertThat(l).contains("fhirServer is not one this site allows"));
            assertThat(logs).noneSatisfy(l -> assertThat(l).contains("/other").contains(TOKEN)
                    .contains(RecordedPatients.PATIENT_ID));
        }

        assertThat(fhir.seen()).isEmpty();
        assertThat(cards.get(0).get("extension").get("org.spinecds.verdict").asText())
                .isEqualTo("MINIMALLY_INVASIVE_CANDIDATE");
        assertThat(noPrefetch.statusCode()).isEqualTo(412);
    }

    @Test
    void aTokenIssuedToAnotherClientOrExpiredIsNotUsed() throws Exception {
        ObjectNode otherClient = call(fhir.base("fhir"), recorded.get("prefetch"));
        ((ObjectNode) otherClient.get("fhirAuthorization")).put("subject", "another-service");
        ObjectNode expired = call(fhir.base("fhir"), recorded.get("prefetch"));
        ((ObjectNode) expired.get("fhirAuthorization")).put("expires_in", 0);
        ObjectNode ours = call(fhir.base("fhir"), null);
        ObjectNode noLifetime = call(fhir.base("fhir"), null);
        ((ObjectNode) noLifetime.get("fhirAuthorization")).remove("expires_in");
        HttpResponse<String> refused;
        try (CdsHooksServer server = service(a -> a.withClientId("spinecds"))) {
            cards(post(server, otherClient));
            cards(post(server, expired));
            assertThat(fhir.seen()).isEmpty();
            cards(post(server, ours));
            assertThat(fhir.seen()).isNotEmpty();
            refused = post(server, noLifetime);
        }

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(refused).get("error").asText()).startsWith("fhirAuthorization.expires_in: required");
    }

    @Test
    void theLimitsAreCheckedWhenTheyAreSet() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FhirServerAccess.allowing(List.of(
                URI.create("ftp://ehr.example.org/fhir")))).hasMessageStartingWith("fhirServers: ftp://ehr.example.org");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FhirServerAccess.none().withMaxPages(0))
                .hasMessageStartingWith("maxPages:");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FhirServerAccess.none()
                .withReadTimeout(Duration.ofMinutes(5))).hasMessageStartingWith("readTimeout:");
        assertThat(FhirServerAccess.allowing(List.of(URI.create("HTTPS://EHR.example.org:443/fhir/")))
                .match("https://ehr.example.org/fhir")).isNotNull();
    }
}
