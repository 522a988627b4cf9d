package org.spinecds.cdshooks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;

import org.spinecds.cdshooks.internal.TokenVerifier;

/**
 * How the service authenticates CDS clients. {@link #jwt} is the CDS Hooks way: every call carries a
 * JWT bearer token, signed by the client's private key, which the service checks against the client's
 * public keys (a JWK Set file), the allowed issuers, its own endpoint URL as the audience, the expiry
 * and a replay guard on {@code jti}. {@link #insecureNoAuthentication()} accepts every call, for local
 * trials only.
 */
public final class ClientAuthentication {

    private final TokenVerifier verifier;

    private ClientAuthentication(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    /**
     * JWT bearer tokens checked against the public keys of a JWK Set file.
     *
     * @param jwksFile a JSON Web Key Set (RFC 7517) of the clients' public keys, each with a {@code kid}
     * @param issuers the {@code iss} values to accept (at least one)
     * @param audience the service's public base URL, as the clients call it (e.g.
     *     {@code https://cds.example.org}); a token's {@code aud} must be this URL followed by the path
     *     of the endpoint called, e.g. {@code https://cds.example.org/cds-services/spinecds-patient-view}
     * @throws IllegalArgumentException if the file is not a JWK Set of public asymmetric keys with key
     *     ids, no issuer is given, or the audience is not an absolute http(s) URL
     * @throws IOException if the file cannot be read
     */
    public static ClientAuthentication jwt(Path jwksFile, Collection<String> issuers, URI audience) throws IOException {
        return jwt(jwksFile, issuers, audience, Clock.systemUTC());
    }

    static ClientAuthentication jwt(Path jwksFile, Collection<String> issuers, URI audience, Clock clock)
            throws IOException {
        Objects.requireNonNull(jwksFile, "jwksFile");
        JWKSet keys;
        try {
            keys = JWKSet.parse(Files.readString(jwksFile));
        } catch (ParseException e) {
            throw new IllegalArgumentException(jwksFile + ": not a JSON Web Key Set: " + e.getMessage(), e);
        }
        if (keys.getKeys().isEmpty()) {
            throw new IllegalArgumentException(jwksFile + ": the key set has no keys");
        }
        for (JWK key : keys.getKeys()) {
            String id = key.getKeyID() == null ? "a key" : "key \"" + key.getKeyID() + "\"";
            if (key.getKeyType() == KeyType.OCT) {
                throw new IllegalArgumentException(jwksFile + ": " + id + " is symmetric; CDS Hooks forbids "
                        + "shared-secret signatures, give the clients' public keys");
            }
            if (key.isPrivate()) {
                throw new IllegalArgumentException(jwksFile + ": " + id + " holds private key material; give the "
                        + "public keys only");
            }
            if (key.getKeyID() == null) {
                throw new IllegalArgumentException(jwksFile + ": " + id + " has no kid; CDS clients name their "
                        + "signing key by kid");
            }
        }
        Set<String> allowed = new LinkedHashSet<>();
        for (String issuer : Objects.requireNonNull(issuers, "issuers")) {
            if (issuer == null || issuer.isBlank()) {
                throw new IllegalArgumentException("issuers: an issuer is empty");
            }
            allowed.add(issuer);
        }
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("issuers: name at least one trusted issuer (iss)");
        }
        Objects.requireNonNull(audience, "audience");
        if (!audience.isAbsolute() || !("https".equals(audience.getScheme()) || "http".equals(audience.getScheme()))
                || audience.getHost() == null || audience.getQuery() != null || audience.getFragment() != null) {
            throw new IllegalArgumentException("audience: must be the service's absolute http(s) base URL, e.g. "
                    + "https://cds.example.org, got " + audience);
        }
        return new ClientAuthentication(new TokenVerifier(keys, allowed, audience, clock));
    }

    /** No authentication at all: every call is accepted. For local trials only, never with patient data. */
    public static ClientAuthentication insecureNoAuthentication() {
        return new ClientAuthentication(null);
    }

    /** Whether calls must carry a valid token. */
    public boolean isRequired() {
        return verifier != null;
    }

    TokenVerifier verifier() {
        return verifier;
    }
}
