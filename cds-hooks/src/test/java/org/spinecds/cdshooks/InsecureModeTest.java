package org.spinecds.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.spinecds.rules.CapturingLogs;
import org.junit.jupiter.api.io.TempDir;

/** Authentication is off only when asked for, with a loud warning; the server needs its settings. */
class InsecureModeTest {

    @TempDir
    Path dir;

    @Test
    void withoutAuthenticationAnyCallerIsServedAndAWarningIsLogged() throws Exception {
        CapturingLogs.start();
        try (CdsHooksServer server = CdsHooksServer.builder(TestServer.engine(), HookExamples.MAPPER)
                .authentication(ClientAuthentication.insecureNoAuthentication())
                .feedbackLog(dir.resolve("feedback.jsonl")).start()) {
            List<String> lines = CapturingLogs.stop();
            HttpResponse<String> discovery = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(server.discoveryUri()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(discovery.statusCode()).isEqualTo(200);
            assertThat(server.discoveryUri().getHost()).isEqualTo("127.0.0.1");
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("WARN ").contains("AUTHENTICATION IS OFF"));
        }
    }

    @Test
    void theServerRefusesToStartWithoutAuthenticationOrFeedbackLogChosen() throws Exception {
        var builder = CdsHooksServer.builder(TestServer.engine(), HookExamples.MAPPER);
        assertThatThrownBy(builder::start).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("authentication");
        builder.authentication(ClientAuthentication.insecureNoAuthentication());
        assertThatThrownBy(builder::start).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("feedbackLog");
    }

    @Test
    void keySetsThatCannotAuthenticateClientsAreRefused() throws Exception {
        URI audience = URI.create("https://cds.example.org");
        Path secret = Files.writeString(dir.resolve("secret.json"),
                "{\"keys\": [{\"kty\": \"oct\", \"kid\": \"s\", \"k\": \"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0\"}]}");
        Path privateKey = Files.writeString(dir.resolve("private.json"), "{\"keys\": ["
                + new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).keyID("p")
                .generate().toJSONString() + "]}");
        Path keys = org.spinecds.cdshooks.internal.TestTokens.class.getDeclaredConstructor(String.class)
                .newInstance("k").writePublicKeys(dir);

        assertThatThrownBy(() -> ClientAuthentication.jwt(secret, List.of("i"), audience))
                .hasMessageContaining("symmetric");
        assertThatThrownBy(() -> ClientAuthentication.jwt(privateKey, List.of("i"), audience))
                .hasMessageContaining("private key material");
        assertThatThrownBy(() -> ClientAuthentication.jwt(keys, List.of(), audience))
                .hasMessageStartingWith("issuers");
        assertThatThrownBy(() -> ClientAuthentication.jwt(keys, List.of("i"), URI.create("cds.example.org")))
                .hasMessageStartingWith("audience");
        assertThat(ClientAuthentication.jwt(keys, List.of("i"), audience).isRequired()).isTrue();
    }
}
