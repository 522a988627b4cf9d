package org.spinecds.cdshooks.internal;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;

/**
 * Checks a CDS client's JWT bearer token as the CDS Hooks specification ("Trusting CDS Clients")
 * asks: signed with an asymmetric algorithm ({@code none} and HMAC are refused) by a key of the
 * configured JWK Set, named by the {@code kid} header; {@code iss} one of the allowed issuers;
 * {@code aud} the URL of the endpoint being called; {@code exp} not passed and {@code iat} not in the
 * future (with {@link #CLOCK_SKEW} of tolerance); a {@code jti} not seen before while its token lives.
 *
 * <p>Tokens must expire within {@link #MAX_LIFETIME} of their use, so that the replay guard needs to
 * remember a token for at most that long. Keys come only from the configured file: a {@code jku}
 * header is never fetched.
 */
public final class TokenVerifier {

    /** The tolerance for clocks that differ between the client and the service. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    /** The longest a token may still be valid when it is used. */
    public static final Duration MAX_LIFETIME = Duration.ofHours(1);

    /** How many characters of a value the client sent a refusal shows. */
    static final int MAX_SHOWN = 40;

    /** The asymmetric JWS algorithms accepted (RFC 7518 and RFC 8037). */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);

    /** The claims a token must have, in the order a refusal names a missing one. */
    private static final List<String> REQUIRED_CLAIMS_IN_ORDER = List.of("exp", "iat", "jti");
    private static final Set<String> REQUIRED_CLAIMS = Set.copyOf(REQUIRED_CLAIMS_IN_ORDER);

    /** A request the token does not authorise; the message says why, without the token. */
    public static final class Rejected extends Exception {
        private final boolean tokenPresent;

        Rejected(boolean tokenPresent, String message) {
            super(message, null, false, false);
            this.tokenPresent = tokenPresent;
        }

        /** False when no bearer token was presented at all. */
        public boolean tokenPresent() {
            return tokenPresent;
        }
    }

    /** Who called: the token's issuer and, if given, its tenant. */
    public record Client(String issuer, String tenant) {
    }

    private final JWKSet keys;
    private final Set<String> issuers;
    private final String audienceBase;
    private final Clock clock;
    private final ReplayGuard replays;
    private final DefaultJWTProcessor<SecurityContext> signatures = new DefaultJWTProcessor<>();

    /**
     * @param keys the public keys of the trusted clients
     * @param issuers the allowed {@code iss} values
     * @param audienceBase the service's public base URL; {@code aud} must be it followed by the
     *     request path (e.g. {@code https://cds.example.org/cds-services/spinecds-patient-view})
     */
    public TokenVerifier(JWKSet keys, Set<String> issuers, URI audienceBase, Clock clock) {
        this.keys = keys;
        this.issuers = Set.copyOf(issuers);
        this.audienceBase = stripSlash(audienceBase.toString());
        this.clock = clock;
        this.replays = new ReplayGuard(clock);
        signatures.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, new ImmutableJWKSet<>(keys)));
        signatures.setJWTClaimsSetVerifier((claims, context) -> { });  // by claimsVerifier, for the request's path
    }

    /**
     * Nimbus's claims verifier for a request whose {@code aud} must be {@code audience}: {@code exp},
     * {@code iat} and {@code jti} required, {@code exp} and {@code nbf} checked against the service's
     * clock with {@link #CLOCK_SKEW}.
     */
    private DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier(String audience) {
        DefaultJWTClaimsVerifier<SecurityContext> v = new DefaultJWTClaimsVerifier<>(Set.of(audience), null,
                REQUIRED_CLAIMS, null) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        v.setMaxClockSkew((int) CLOCK_SKEW.toSeconds());
        return v;
    }

    /** Why Nimbus's verifier refused the claims, in the words of this service's other refusals. */
    private static String refusal(BadJWTException e, JWTClaimsSet claims, String audience) {
        List<String> aud = claims.getAudience();
        if (aud == null || !aud.contains(audience)) {
            return "audience " + quoted(aud) + " does not name this endpoint, " + audience;
        }
        for (String claim : REQUIRED_CLAIMS_IN_ORDER) {
            if (claims.getClaim(claim) == null) {
                return "the token has no " + claim + " claim" + ("jti".equals(claim) ? " (1 to 256 characters)" : "");
            }
        }
        if (e instanceof ExpiredJWTException) {
            return "the token expired at " + claims.getExpirationTime().toInstant();
        }
        if (claims.getNotBeforeTime() != null && e.getMessage() != null && e.getMessage().contains("before use")) {
            return "the token is not valid before " + claims.getNotBeforeTime().toInstant();
        }
        return "the token's claims are refused: " + e.getMessage();
    }

    /** The {@code aud} expected for a request to {@code path}, e.g. {@code /cds-services}. */
    public String audienceFor(String path) {
        return audienceBase + path;
    }

    /**
     * Checks the {@code Authorization} header of a request to {@code path}.
     *
     * @return the client
     * @throws Rejected naming what is wrong
     */
    public Client verify(String authorization, String path) throws Rejected {
        if (authorization == null || authorization.isBlank()) {
            throw new Rejected(false, "no bearer token: the Authorization header is missing");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Rejected(false, "the Authorization header must be \"Bearer <JWT>\"");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(authorization.substring(7).strip());
        } catch (ParseException e) {
            throw new Rejected(true, "the bearer token is not a signed JWT");
        }
        JWSHeader header = jwt.getHeader();
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            throw new Rejected(true, "algorithm " + quoted(header.getAlgorithm().getName()) + " is not accepted; use an asymmetric "
                    + "one such as ES384 or RS384");
        }
        if (header.getKeyID() == null) {
            throw new Rejected(true, "the token has no kid header");
        }
        JWK key = keys.getKeyByKeyId(header.getKeyID());
        if (key == null) {
            throw new Rejected(true, "no trusted key has kid " + quoted(header.getKeyID()));
        }
        JWTClaimsSet claims;
        try {
            claims = signatures.process(jwt, null);
        } catch (BadJOSEException | JOSEException e) {
            throw new Rejected(true, "the token's signature does not verify with key " + quoted(header.getKeyID()));
        }
        String issuer = claims.getIssuer();
        if (issuer == null || !issuers.contains(issuer)) {
            throw new Rejected(true, "issuer " + quoted(issuer) + " is not trusted");
        }
        String audience = audienceFor(path);
        try {
            claimsVerifier(audience).verify(claims, null);
        } catch (BadJWTException e) {
            throw new Rejected(true, refusal(e, claims, audience));
        }
        // what Nimbus's verifier leaves to the application: a bounded lifetime, no token from the future,
        // a usable jti
        Instant now = clock.instant();
        Instant exp = claims.getExpirationTime().toInstant();
        if (exp.isAfter(now.plus(MAX_LIFETIME).plus(CLOCK_SKEW))) {
            throw new Rejected(true, "the token is valid until " + exp + ", longer than the "
                    + MAX_LIFETIME.toMinutes() + " minutes allowed");
        }
        Instant iat = claims.getIssueTime().toInstant();
        if (iat.isAfter(now.plus(CLOCK_SKEW))) {
            throw new Rejected(true, "the token is issued in the future, at " + iat);
        }
        String jti = claims.getJWTID();
        if (jti.isBlank() || jti.length() > 256) {
            throw new Rejected(true, "the token has no jti claim (1 to 256 characters)");
        }
        if (!replays.firstUse(issuer, jti, exp.plus(CLOCK_SKEW))) {
            throw new Rejected(true, "the token's jti has been used before: a replayed token");
        }
        Object tenant = claims.getClaim("tenant");
        return new Client(issuer, tenant instanceof String t ? t : null);
    }

    /**
     * A value the client sent, as a 401 message and the WARN log show it: quoted, at most
     * {@value #MAX_SHOWN} characters, control characters (which could forge log lines) as {@code ?}.
     */
    static String quoted(String s) {
        if (s == null) {
            return "(none)";
        }
        StringBuilder shown = new StringBuilder();
        s.codePoints().limit(MAX_SHOWN).forEach(c -> shown.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return "\"" + shown + (s.codePointCount(0, s.length()) > MAX_SHOWN ? "…" : "") + "\"";
    }

    /** At most three audiences, each as {@link #quoted(String)}. */
    private static String quoted(List<String> values) {
        if (values == null) {
            return "(none)";
        }
        return values.stream().limit(3).map(TokenVerifier::quoted)
                .collect(java.util.stream.Collectors.joining(", ", "[", values.size() > 3 ? ", …]" : "]"));
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
