package org.spinecds.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.spinecds.rules.CapturingLogs;

/**
 * Nothing of a patient is logged, at any level down to TRACE, by the service, HAPI FHIR or the rule
 * engine, nor by Jetty at INFO and above: not on a good call, nor on a refused one, an invalid one or a
 * feedback call. Jetty's own DEBUG and TRACE output dumps raw request and response bytes (headers and
 * bodies), so a host must not enable them for {@code org.eclipse.jetty} in production; docs/cds-hooks.md
 * says so.
 */
class PrivacyTest {

    private static final String SERVICE = "/cds-services/spinecds-patient-view";
    private static final List<String> SECRETS = List.of("zq-patient-7781", "Quixotezebulon", "1961-07-19",
            "zq-condition-5521", "zq-invalid-4242", "zq-lenient-5151", "Zebulon's comment");

    @Test
    void noPatientDataIsLoggedAtAnyLevel() throws Exception {
        TestServer server = TestServer.get();
        String file = TestServer.hookFile("multilevel-stenosis.patient-view.json")
                .replace("\"pat\"", "\"zq-patient-7781\"").replace("Patient/pat\"", "Patient/zq-patient-7781\"")
                .replace("\"dx-1\"", "\"zq-condition-5521\"");
        ObjectNode request = (ObjectNode) TestServer.JSON.readTree(file);
        ObjectNode patient = (ObjectNode) request.get("prefetch").get("patient");
        patient.putArray("name").addObject().put("family", "Quixotezebulon");
        patient.put("birthDate", "1961-07-19");
        ObjectNode invalid = request.deepCopy();
        invalid.put("hook", "zq-invalid-4242");
        ObjectNode lenient = request.deepCopy();
        ((ObjectNode) lenient.get("prefetch").get("patient")).put("gender", "zq-lenient-5151");

        CapturingLogs.start();
        int ok = server.post(SERVICE, request.toString()).statusCode();
        String uuid = TestServer.json(server.post(SERVICE, request.toString())).get("cards").get(0).get("uuid").asText();
        int bad = server.post(SERVICE, invalid.toString()).statusCode();
        int readLeniently = server.post(SERVICE, lenient.toString()).statusCode();
        int refused = server.post(SERVICE, request.toString(), "Bearer zq-invalid-4242").statusCode();
        int feedback = server.post(SERVICE + "/feedback", "{\"feedback\": [{\"card\": \"" + uuid + "\", \"outcome\": "
                + "\"overridden\", \"overrideReason\": {\"userComment\": \"Zebulon's comment\"}, "
                + "\"outcomeTimestamp\": \"2026-06-01T10:15:00Z\"}]}").statusCode();
        List<String> lines = CapturingLogs.stop().stream()
                .filter(l -> !l.startsWith("DEBUG org.eclipse.jetty.") && !l.startsWith("TRACE org.eclipse.jetty.")).toList();

        assertThat(List.of(ok, bad, readLeniently, refused, feedback)).containsExactly(200, 400, 200, 401, 200);
        assertThat(lines).as("something was logged, so the capture works").isNotEmpty()
                .anySatisfy(l -> assertThat(l).startsWith("DEBUG org.spinecds.cdshooks.internal.Router - POST"))
                // a refused call is logged with why, by its field alone
                .anySatisfy(l -> assertThat(l).startsWith("INFO org.spinecds.cdshooks.internal.Router - Refused POST "
                        + SERVICE + " -> 400: field \"hook\""));
        for (String secret : SECRETS) {
            assertThat(lines).as(secret).noneSatisfy(l -> assertThat(l).contains(secret));
        }
    }
}
