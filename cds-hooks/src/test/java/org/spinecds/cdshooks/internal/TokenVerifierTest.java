package org.spinecds.cdshooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import org.junit.jupiter.api.Test;

class TokenVerifierTest {

    private static final String PATH = "/cds-services/spinecds-patient-view";
    private static final String AUD = "https://cds.example.org" + PATH;
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private final TestTokens ehr = new TestTokens("ehr-key-1");
    private Instant now = NOW;
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    };
    private final TokenVerifier verifier = new TokenVerifier(ehr.publicKeys(), Set.of(TestTokens.ISSUER),
            URI.create("https://cds.example.org/"), clock);

    private String reason(String authorization) {
        try {
            verifier.verify(authorization, PATH);
        } catch (TokenVerifier.Rejected e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void aValidTokenNamesItsClient() throws Exception {
        TokenVerifier.Client client = verifier.verify(ehr.bearer(TestTokens.claims(AUD, NOW)
                .claim("tenant", "north-hospital").build()), PATH);

        assertThat(client).isEqualTo(new TokenVerifier.Client(TestTokens.ISSUER, "north-hospital"));
    }

    @Test
    void theAudienceMayBeAnArrayAndIsTheEndpointCalled() throws Exception {
        String token = ehr.bearer(TestTokens.claims(AUD, NOW).audience(List.of("https://other.example", AUD)).build());

        assertThat(verifier.verify(token, PATH).issuer()).isEqualTo(TestTokens.ISSUER);
        assertThat(verifier.audienceFor("/cds-services")).isEqualTo("https://cds.example.org/cds-services");
    }

    @Test
    void aMissingOrMalformedHeaderIsRefused() {
        assertThatThrownBy(() -> verifier.verify(null, PATH)).isInstanceOf(TokenVerifier.Rejected.class)
                .hasMessageContaining("no bearer token")
                .satisfies(e -> assertThat(((TokenVerifier.Rejected) e).tokenPresent()).isFalse());
        assertThat(reason("Basic dXNlcjpwYXNz")).contains("Bearer <JWT>");
        assertThat(reason("Bearer not-a-jwt")).contains("not a signed JWT");
    }

    @Test
    void unsignedAndSharedSecretTokensAreRefused() throws Exception {
        JWTClaimsSet claims = TestTokens.claims(AUD, NOW).build();
        String plain = new PlainJWT(new PlainHeader(), claims).serialize();
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("ehr-key-1").build(), claims);
        hmac.sign(new MACSigner(new byte[32]));

        assertThat(reason("Bearer " + plain)).contains("not a signed JWT");
        assertThat(reason("Bearer " + hmac.serialize())).contains("\"HS256\" is not accepted");
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() {
        TestTokens impostor = new TestTokens("ehr-key-1");
        TestTokens unknown = new TestTokens("someone-else");

        assertThat(reason(impostor.bearer(TestTokens.claims(AUD, NOW).build()))).contains("signature does not verify");
        assertThat(reason(unknown.bearer(TestTokens.claims(AUD, NOW).build()))).contains("no trusted key has kid");
    }

    @Test
    void valuesTheClientSentAreShownShortAndOnOneLine() {
        String longIssuer = "https://evil.example/" + "x".repeat(500) + "\nFAKE LOG LINE";
        String issuerReason = reason(ehr.bearer(TestTokens.claims(AUD, NOW).issuer(longIssuer).build()));
        assertThat(issuerReason).hasSizeLessThan(100).doesNotContain("\n").doesNotContain("FAKE")
                .contains("\"https://evil.example/xxxxxxxxxxxxxxxxxxx…\"");
        List<String> audiences = List.of("a".repeat(300), "b\r\nc", "d", "e", "f");
        String audienceReason = reason(ehr.bearer(TestTokens.claims(AUD, NOW).audience(audiences).build()));
        assertThat(audienceReason).doesNotContain("\n").doesNotContain("\r").doesNotContain("\"e\"")
                .contains("\"b??c\"", "…]").hasSizeLessThan(200 + AUD.length());
        assertThat(TokenVerifier.quoted("kid\u0000" + "k".repeat(100))).hasSize(TokenVerifier.MAX_SHOWN + 3)
                .startsWith("\"kid?");
    }

    @Test
    void issuerAndAudienceMustMatch() {
        assertThat(reason(ehr.bearer(TestTokens.claims(AUD, NOW).issuer("https://evil.example").build())))
                .contains("issuer \"https://evil.example\" is not trusted");
        assertThat(reason(ehr.bearer(TestTokens.claims("https://cds.example.org/cds-services", NOW).build())))
                .contains("does not name this endpoint, " + AUD);
        assertThat(reason(ehr.bearer(TestTokens.claims(AUD, NOW).audience(List.of()).build())))
                .contains("does not name this endpoint");
    }

    @Test
    void expiryIsCheckedWithOneMinuteOfClockSkew() throws Exception {
        JWTClaimsSet.Builder expiresNow = TestTokens.claims(AUD, NOW.minusSeconds(300))
                .expirationTime(Date.from(NOW));
        now = NOW.plusSeconds(59);
        assertThat(verifier.verify(ehr.bearer(expiresNow.build()), PATH)).isNotNull();
        now = NOW.plusSeconds(61);
        assertThat(reason(ehr.bearer(expiresNow.jwtID("other").build()))).contains("expired at " + NOW);
    }

    @Test
    void requiredClaimsMustBePresent() {
        assertThat(reason(ehr.bearer(TestTokens.claims(AUD, NOW).expirationTime(null).build()))).contains("no exp");
        assertThat(reason(ehr.bearer(TestTokens.claims(AUD, NOW).issueTime(null).build()))).contains("no iat");
        assertThat(reason(ehr.bearer(TestTokens.claims(AUD, NOW).jwtID(null).build()))).contains("no jti");
    }

    @Test
    void tokensFromTheFutureOrLivingTooLongAreRefused() {
        assertThat(reason(ehr.bearer(TestTokens.claims(AUD, NOW.plusSeconds(120)).build())))
                .contains("issued in the future");
        assertThat(reason(ehr.bearer(TestTokens.claims(AUD, NOW)
                .expirationTime(Date.from(NOW.plus(Duration.ofDays(365)))).build())))
                .contains("longer than the 60 minutes allowed");
    }

    @Test
    void aTokenIsAcceptedOnceOnly() throws Exception {
        String token = ehr.bearer(TestTokens.claims(AUD, NOW).build());
        verifier.verify(token, PATH);

        now = NOW.plusSeconds(10);
        assertThat(reason(token)).contains("used before");
        assertThat(verifier.verify(ehr.bearer(TestTokens.claims(AUD, NOW).build()), PATH)).isNotNull();
    }
}
