package org.spinecds.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/** The feedback endpoint over HTTP: a clinician's override of a card lands in the audit log. */
class FeedbackTest {

    private static final String SERVICE = "/cds-services/spinecds-patient-view";

    private final TestServer server = TestServer.get();

    private List<String> logLines() throws Exception {
        return Files.exists(server.feedbackLog) ? Files.readAllLines(server.feedbackLog) : List.of();
    }

    @Test
    void anOverriddenCardIsAppendedToTheAuditLog() throws Exception {
        JsonNode cards = TestServer.json(server.post(SERVICE, TestServer.hookFile("early-sciatica.patient-view.json")))
                .get("cards");
        String uuid = cards.get(0).get("uuid").asText();
        String reason = cards.get(0).get("overrideReasons").get(1).get("code").asText();
        int before = logLines().size();

        HttpResponse<String> response = server.post(SERVICE + "/feedback", "{\"feedback\": [{\"card\": \"" + uuid
                + "\", \"outcome\": \"overridden\", \"overrideReason\": {\"reason\": {\"system\": "
                + "\"urn:spinecds:override-reason\", \"code\": \"" + reason + "\"}, \"userComment\": "
                + "\"discussed with the patient\"}, \"outcomeTimestamp\": \"2026-06-01T10:15:00Z\"}]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"logged\":1}");
        List<String> lines = logLines();
        assertThat(lines).hasSize(before + 1);
        JsonNode line = TestServer.JSON.readTree(lines.get(lines.size() - 1));
        assertThat(line.get("serviceId").asText()).isEqualTo("spinecds-patient-view");
        assertThat(line.get("card").asText()).isEqualTo(uuid);
        assertThat(line.get("outcome").asText()).isEqualTo("overridden");
        assertThat(line.get("overrideReasonCode").asText()).isEqualTo("clinical-judgement");
        assertThat(line.get("outcomeTimestamp").asText()).isEqualTo("2026-06-01T10:15:00Z");
        assertThat(line.get("client").asText()).isEqualTo("https://ehr.example.org");
        assertThat(line.get("receivedAt").asText()).isNotBlank();
        assertThat(lines.get(lines.size() - 1)).doesNotContain("discussed");
    }

    @Test
    void invalidFeedbackIs400AndNothingIsLogged() throws Exception {
        int before = logLines().size();

        HttpResponse<String> response = server.post(SERVICE + "/feedback",
                "{\"feedback\": [{\"card\": \"not-a-uuid\", \"outcome\": \"overridden\", "
                        + "\"outcomeTimestamp\": \"2026-06-01T10:15:00Z\"}]}");
        HttpResponse<String> unknownService = server.post("/cds-services/other/feedback", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(response).get("error").asText()).startsWith("feedback[0].card: must be the uuid");
        assertThat(unknownService.statusCode()).isEqualTo(404);
        assertThat(logLines()).hasSize(before);
    }
}
