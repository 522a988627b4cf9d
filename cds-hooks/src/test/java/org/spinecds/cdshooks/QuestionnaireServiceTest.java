package org.spinecds.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hl7.fhir.r4.model.Questionnaire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecds.fhir.FhirJson;
import org.spinecds.fhir.FhirQuestionnaire;
import org.spinecds.rules.CapturingLogs;

/**
 * The inputs Questionnaire of the CDS Hooks service: served without a token at the URL the
 * INSUFFICIENT_INFORMATION inputs card links to, and its answers accepted in the prefetch. And the
 * service is warmed up, whatever its authentication, before its port opens.
 */
class QuestionnaireServiceTest {

    private static final String SERVICE = "/cds-services/spinecds-patient-view";
    private static final String QUESTIONNAIRE = "/cds-services/questionnaires/spinecds-inputs";

    @TempDir
    Path dir;

    @Test
    void theQuestionnaireIsServedWithoutATokenForTheInputsNamed() throws Exception {
        HttpResponse<String> r = TestServer.get().get(QUESTIONNAIRE + "?input=bmi&input=asaClass", null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/fhir+json"));
        Questionnaire q = FhirJson.parse(Questionnaire.class, r.body());
        assertThat(q.getItem()).extracting(Questionnaire.QuestionnaireItemComponent::getLinkId)
                .containsExactly("bmi", "asaClass");
        assertThat(q.getUrl()).startsWith(FhirQuestionnaire.URL_BASE);
    }

    @Test
    void anUnknownInputOrParameterIsRefusedNamingIt() {
        HttpResponse<String> unknown = TestServer.get().get(QUESTIONNAIRE + "?input=shoeSize", null);
        HttpResponse<String> other = TestServer.get().get(QUESTIONNAIRE + "?patient=123", null);
        HttpResponse<String> post = TestServer.get().post(QUESTIONNAIRE, "{}");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(unknown).get("error").asText()).startsWith("input:").contains("\"shoeSize\"");
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(other).get("error").asText()).contains("\"patient\"");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
    }

    @Test
    void theInputsCardOfAnUndecidedPatientLinksToTheQuestionnaireOfItsInputs() {
        TestServer server = TestServer.get();
        JsonNode inputsCard = inputsCard(server.post(SERVICE, TestServer.hookFile("incomplete-referral.patient-view.json")));
        List<String> toSettle = new ArrayList<>();
        inputsCard.path("extension").path("org.spinecds.toSettle").forEach(m -> toSettle.add(m.get("input").asText()));
        List<String> toComplete = new ArrayList<>();
        inputsCard.path("extension").path("org.spinecds.inputsToComplete")
                .forEach(m -> toComplete.add(m.get("input").asText()));
        assertThat(toSettle).isNotEmpty();

        JsonNode link = inputsCard.path("links").get(0);
        assertThat(link.get("type").asText()).isEqualTo("absolute");
        String url = link.get("url").asText();
        assertThat(url).startsWith(TestServer.AUDIENCE + QUESTIONNAIRE + "?input=");
        // the link is the public URL; the test calls the listening address with the same path and query
        HttpResponse<String> q = server.get(url.substring(TestServer.AUDIENCE.toString().length()), null);
        assertThat(q.statusCode()).isEqualTo(200);
        List<String> items = FhirJson.parse(Questionnaire.class, q.body()).getItem().stream()
                .map(Questionnaire.QuestionnaireItemComponent::getLinkId).toList();
        // what would settle the verdict first, in the card's order; then every other unknown input
        assertThat(items.subList(0, toSettle.size())).containsExactlyElementsOf(toSettle);
        assertThat(items).containsAll(toComplete).doesNotHaveDuplicates();
    }

    @Test
    void answersInThePrefetchSettleTheInputsTheyAnswer() throws Exception {
        TestServer server = TestServer.get();
        String call = TestServer.hookFile("incomplete-referral.patient-view.json");
        JsonNode before = inputsCard(server.post(SERVICE, call));
        String first = before.path("extension").path("org.spinecds.missingInputs").get(0).asText();
        assertThat(first).isNotBlank();

        ObjectNode request = (ObjectNode) TestServer.JSON.readTree(call);
        String patientId = request.path("context").path("patientId").asText();
        ObjectNode qr = TestServer.JSON.createObjectNode();
        qr.put("resourceType", "QuestionnaireResponse");
        qr.put("id", "qr-1");
        qr.put("questionnaire", FhirQuestionnaire.URL_BASE);
        qr.put("status", "completed");
        qr.putObject("subject").put("reference", "Patient/" + patientId);
        qr.put("authored", "2026-05-30T10:00:00Z");
        ArrayNode items = qr.putArray("item");
        // the red-flag screen the card asks for first, answered "no"
        List<String> answered = new ArrayList<>();
        for (JsonNode m : before.path("extension").path("org.spinecds.toSettle")) {
            String input = m.get("input").asText();
            if (m.path("verdict").asText().equals("URGENT_EVALUATION") && org.spinecds.patient.Input
                    .byJsonName(input).orElseThrow().type() == org.spinecds.patient.Input.Type.BOOLEAN) {
                ObjectNode item = items.addObject();
                item.put("linkId", input);
                item.putArray("answer").addObject().put("valueBoolean", false);
                answered.add(input);
            }
        }
        assertThat(answered).isNotEmpty();
        ObjectNode bundle = ((ObjectNode) request.get("prefetch")).putObject("questionnaireResponses");
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "searchset");
        bundle.putArray("entry").addObject().set("resource", qr);

        HttpResponse<String> after = server.post(SERVICE, TestServer.JSON.writeValueAsString(request));

        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        List<String> stillMissing = new ArrayList<>();
        JsonNode card = inputsCard(after);
        if (card != null) {
            card.path("extension").path("org.spinecds.missingInputs").forEach(m -> stillMissing.add(m.asText()));
        }
        assertThat(stillMissing).doesNotContainAnyElementsOf(answered);
    }

    @Test
    void theServiceIsWarmedUpBeforeItsPortOpensWhateverItsAuthentication() throws Exception {
        CapturingLogs.start();
        List<String> lines;
        try (CdsHooksServer server = CdsHooksServer.builder(TestServer.engine(), HookExamples.MAPPER)
                .authentication(ClientAuthentication.insecureNoAuthentication())
                .feedbackLog(dir.resolve("feedback.jsonl")).start()) {
            lines = CapturingLogs.stop();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.discoveryUri() + "/spinecds-patient-view"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(TestServer.hookFile("incomplete-referral.patient-view.json")))
                    .build(), HttpResponse.BodyHandlers.ofString());
            // without a public URL, the link is made from the listening address
            assertThat(inputsCard(r).path("links").get(0).get("url").asText())
                    .startsWith(server.discoveryUri() + "/questionnaires/spinecds-inputs?input=");
        }
        int warmed = indexOf(lines, "INFO org.spinecds.cdshooks.internal.WarmUp - Warmed up");
        int listening = indexOf(lines, "INFO org.spinecds.cdshooks.CdsHooksServer - CDS Hooks service listening");
        assertThat(warmed).as("warmed up").isNotNegative();
        assertThat(warmed).as("before the port opens").isLessThan(listening);
        assertThat(lines).noneSatisfy(l -> assertThat(l).contains("Warm-up failed"));
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** The inputs card of an answer (the one with the missing inputs), or null. */
    private static JsonNode inputsCard(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode card : TestServer.json(response).get("cards")) {
            if (card.path("extension").has("org.spinecds.missingInputs")) {
                return card;
            }
        }
        return null;
    }
}
