package org.spinecds.cdshooks.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** A CDS client's signing key for tests, and tokens signed with it (ES384, as the specification recommends). */
public final class TestTokens {

    public static final String ISSUER = "https://ehr.example.org";

    private final ECKey key;

    public TestTokens(String kid) {
        try {
            key = new ECKeyGenerator(Curve.P_384).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key set a service is configured with. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    /** Writes the public key set to a file in {@code dir}. */
    public Path writePublicKeys(Path dir) throws IOException {
        return Files.writeString(dir.resolve("ehr-keys.json"), publicKeys().toString());
    }

    /** Claims of a fresh, valid token for a request to {@code audience} at {@code now}. */
    public static JWTClaimsSet.Builder claims(String audience, Instant now) {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(audience).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300))).jwtID(UUID.randomUUID().toString());
    }

    /** A bearer header value with the claims, signed with this key. */
    public String bearer(JWTClaimsSet claims) {
        return "Bearer " + sign(claims);
    }

    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
