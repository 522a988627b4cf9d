package org.spinecds.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.spinecds.cdshooks.internal.TestTokens;
import org.spinecds.rules.CapturingLogs;

/** The CDS Hooks "Trusting CDS Clients" rules, end to end: every endpoint needs a valid JWT bearer token. */
class AuthenticationTest {

    private static final String SERVICE = "/cds-services/spinecds-patient-view";

    private final TestServer server = TestServer.get();
    private final String request = TestServer.hookFile("lumbar-disc-herniation.patient-view.json");

    private static void assertRefused(HttpResponse<String> response, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(TestServer.json(response).get("error").asText()).contains(reason);
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString()
                .startsWith("Bearer realm=\"cds-services\"");
    }

    @Test
    void aValidTokenIsAccepted() {
        assertThat(server.post(SERVICE, request).statusCode()).isEqualTo(200);
    }

    @Test
    void noTokenIs401WithABearerChallenge() {
        HttpResponse<String> response = server.post(SERVICE, request, null);

        assertRefused(response, "no bearer token");
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"cds-services\"");
        assertRefused(server.get("/cds-services", null), "no bearer token");
        assertRefused(server.post(SERVICE + "/feedback", "{}", null), "no bearer token");
    }

    @Test
    void aRefusedCallWithItsBodySentAtOnceGetsItsAnswerNotAReset() {
        // the whole hook request is sent with the headers, as an EHR sends it: the service answers on the
        // headers and must read the rest before it closes, or the client may see a reset instead of the 401
        for (int i = 0; i < 200; i++) {
            assertRefused(server.post(SERVICE, request, null), "no bearer token");
        }
    }

    @Test
    void aBadSignatureIs401() {
        TestTokens impostor = new TestTokens("ehr-key-1");
        String token = impostor.bearer(TestTokens.claims(TestServer.AUDIENCE + SERVICE, Instant.now()).build());

        HttpResponse<String> response = server.post(SERVICE, request, token);

        assertRefused(response, "signature does not verify");
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString()
                .contains("error=\"invalid_token\"");
    }

    @Test
    void aLongIssuerIsShownShortInThe401AndTheWarning() {
        String issuer = "https://evil.example/" + "zq".repeat(400) + "\nINFO forged line";
        String token = TestServer.EHR.bearer(TestTokens.claims(TestServer.AUDIENCE + SERVICE, Instant.now())
                .issuer(issuer).build());

        CapturingLogs.start();
        HttpResponse<String> response = server.post(SERVICE, request, token);
        List<String> warnings = CapturingLogs.stop().stream().filter(l -> l.startsWith("WARN")).toList();

        assertRefused(response, "is not trusted");
        assertThat(TestServer.json(response).get("error").asText()).hasSizeLessThan(120).doesNotContain("forged");
        assertThat(warnings).singleElement().satisfies(l -> assertThat(l).contains("is not trusted")
                .hasSizeLessThan(200).doesNotContain("forged").doesNotContain("zq".repeat(40)));
    }

    @Test
    void anExpiredTokenIs401() {
        Instant past = Instant.now().minusSeconds(3600);
        String token = TestServer.EHR.bearer(TestTokens.claims(TestServer.AUDIENCE + SERVICE, past)
                .expirationTime(Date.from(past.plusSeconds(300))).build());

        assertRefused(server.post(SERVICE, request, token), "expired");
    }

    @Test
    void aTokenForAnotherEndpointIs401() {
        String forDiscovery = TestServer.token("/cds-services");
        String forOtherService = TestServer.token("/cds-services/spinecds-order-select");
        String forOtherHost = TestServer.EHR.bearer(TestTokens.claims("https://elsewhere.example" + SERVICE,
                Instant.now()).build());

        assertRefused(server.post(SERVICE, request, forDiscovery), "does not name this endpoint");
        assertRefused(server.post(SERVICE, request, forOtherService), "does not name this endpoint");
        assertRefused(server.post(SERVICE, request, forOtherHost), "does not name this endpoint");
        assertRefused(server.post(SERVICE + "/feedback", "{}", TestServer.token(SERVICE)), "does not name");
    }

    @Test
    void anUnknownIssuerIs401() {
        String token = TestServer.EHR.bearer(TestTokens.claims(TestServer.AUDIENCE + SERVICE, Instant.now())
                .issuer("https://unknown-ehr.example").build());

        assertRefused(server.post(SERVICE, request, token), "issuer \"https://unknown-ehr.example\" is not trusted");
    }

    @Test
    void aReplayedTokenIs401() {
        String token = TestServer.token(SERVICE);

        assertThat(server.post(SERVICE, request, token).statusCode()).isEqualTo(200);
        assertRefused(server.post(SERVICE, request, token), "used before");
    }

    @Test
    void tokensWithoutAKeyIdOrSignedWithASharedSecretAre401() throws Exception {
        com.nimbusds.jwt.JWTClaimsSet claims = TestTokens.claims(TestServer.AUDIENCE + SERVICE, Instant.now()).build();
        var hmac = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS384),
                claims);
        hmac.sign(new com.nimbusds.jose.crypto.MACSigner(new byte[48]));

        assertRefused(server.post(SERVICE, request, "Bearer " + hmac.serialize()), "\"HS384\" is not accepted");
        assertRefused(server.post(SERVICE, request, "Bearer e30.e30.sig"), "not a signed JWT");
    }

    @Test
    void discoveryListsTheServicesWithTheirPrefetch() {
        HttpResponse<String> response = server.get("/cds-services", TestServer.token("/cds-services"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        JsonNode services = TestServer.json(response).get("services");
        assertThat(services).hasSize(3);
        assertThat(services).extracting(s -> s.get("id").asText() + " " + s.get("hook").asText())
                .containsExactly("spinecds-patient-view patient-view", "spinecds-order-select order-select",
                        "spinecds-order-sign order-sign");
        for (JsonNode s : services) {
            assertThat(s.get("title").asText()).startsWith("SpineCDS");
            assertThat(s.get("description").asText()).isNotBlank();
            assertThat(s.get("prefetch").get("patient").asText()).isEqualTo("Patient/{{context.patientId}}");
            assertThat(s.get("prefetch").fieldNames()).toIterable().containsExactly("patient", "conditions",
                    "observations", "medicationStatements", "medicationRequests", "procedures", "serviceRequests",
                    "questionnaireResponses");
            assertThat(s.get("prefetch").get("serviceRequests").asText())
                    .isEqualTo("ServiceRequest?patient={{context.patientId}}");
        }
    }

    @Test
    void browsersMayCallFromAnotherOriginAndPreflightNeedsNoToken() {
        HttpResponse<String> preflight = server.send(HttpRequest.newBuilder(server.uri(SERVICE))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://ehr.example.org")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type").build());
        HttpResponse<String> discovery = server.send(HttpRequest.newBuilder(server.uri("/cds-services"))
                .header("Origin", "https://ehr.example.org")
                .header("Authorization", TestServer.token("/cds-services")).build());

        assertThat(preflight.statusCode()).isBetween(200, 204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("https://ehr.example.org");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).get().asString().contains("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("authorization").contains("content-type");
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.headers().firstValue("Access-Control-Allow-Origin")).contains("https://ehr.example.org");
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsSent() throws Exception {
        // A raw request, so that the body need not be sent at all: the server answers on the headers.
        java.net.URI uri = server.uri(SERVICE);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST " + SERVICE + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n"
                    + "Authorization: " + TestServer.token(SERVICE) + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (9 * 1024 * 1024) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);

            assertThat(response).isEqualTo("HTTP/1.1 413");
        }
    }

    @Test
    void unknownServicesMethodsAndMediaTypesAreRefused() {
        String unknown = "/cds-services/no-such-service";
        HttpResponse<String> notFound = server.post(unknown, request, TestServer.token(unknown));
        HttpResponse<String> get = server.get(SERVICE, TestServer.token(SERVICE));
        HttpResponse<String> text = server.send(HttpRequest.newBuilder(server.uri(SERVICE))
                .header("Authorization", TestServer.token(SERVICE)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(request)).build());
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(TestServer.json(notFound).get("error").asText()).contains("spinecds-patient-view");
        assertThat(server.get("/elsewhere", null).statusCode()).isEqualTo(404);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(List.of(notFound, get, text))
                .allSatisfy(r -> assertThat(TestServer.json(r).get("error").asText()).isNotBlank());
    }
}
