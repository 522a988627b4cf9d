package org.spinecds.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

/**
 * The CDS Hooks specification's own example requests, written again here in its shapes (discovery, the
 * patient-view call with {@code fhirServer}, {@code fhirAuthorization} and a prefetch key of another
 * service, the R4 order-select call of a diet and a medication, an order-sign call, and the three
 * feedback examples), and every answer checked against the fields the specification requires: a card's
 * {@code summary} under 140 characters, its {@code indicator}, {@code source.label}; a suggestion's
 * {@code label} and {@code selectionBehavior}; an action's {@code type} and {@code description}; a link's
 * {@code label}, {@code url} and {@code type}; {@code systemActions}; the discovery fields; and no
 * {@code null}, {@code ""}, {@code []} or {@code {}} anywhere but the empty {@code cards} array.
 */
class SpecExamplesTest {

    private static final String BASE = "/cds-services";
    private final TestServer server = TestServer.get();

    // ------------------------------------------------------------------ the specification's rules

    /** Fails with the path of every value the specification forbids: null, "", [], {}. */
    static void noEmptyValues(JsonNode node, String at, boolean emptyAllowedHere) {
        if (node.isNull()) {
            throw new AssertionError(at + " is null");
        }
        if (node.isTextual()) {
            assertThat(node.asText()).as(at).isNotEmpty();
        }
        if ((node.isArray() || node.isObject()) && node.isEmpty() && !emptyAllowedHere) {
            throw new AssertionError(at + " is empty: " + node);
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                noEmptyValues(node.get(i), at + "[" + i + "]", false);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                noEmptyValues(e.getValue(), at + "." + e.getKey(), false);
            }
        }
    }

    private static void absoluteUrl(JsonNode url, String at) {
        assertThat(url.isTextual()).as(at).isTrue();
        assertThat(URI.create(url.asText()).isAbsolute()).as(at + " is absolute").isTrue();
    }

    private static void coding(JsonNode c, String at, boolean displayRequired) {
        assertThat(c.path("code").isTextual()).as(at + ".code").isTrue();
        assertThat(c.path("system").isTextual()).as(at + ".system").isTrue();
        if (displayRequired) {
            assertThat(c.path("display").isTextual()).as(at + ".display").isTrue();
        }
    }

    private static void action(JsonNode a, String at) {
        assertThat(a.path("type").asText()).as(at + ".type").isIn("create", "update", "delete");
        assertThat(a.path("description").isTextual()).as(at + ".description").isTrue();
        if (!a.path("type").asText().equals("delete")) {
            assertThat(a.path("resource").path("resourceType").isTextual()).as(at + ".resource").isTrue();
        }
    }

    /** A CDS Service response as the specification's "CDS Service Response" section requires it. */
    static void checkResponse(JsonNode response) {
        assertThat(response.isObject()).isTrue();
        assertThat(response.path("cards").isArray()).as("cards").isTrue();
        noEmptyValues(response.get("cards"), "cards", true);
        for (Iterator<String> it = response.fieldNames(); it.hasNext(); ) {
            assertThat(it.next()).as("response field").isIn("cards", "systemActions", "extension");
        }
        JsonNode cards = response.get("cards");
        for (int i = 0; i < cards.size(); i++) {
            JsonNode card = cards.get(i);
            String at = "cards[" + i + "]";
            String summary = card.path("summary").asText("");
            assertThat(summary.codePointCount(0, summary.length())).as(at + ".summary").isBetween(1, 139);
            assertThat(card.path("indicator").asText()).as(at + ".indicator").isIn("info", "warning", "critical");
            assertThat(card.path("source").path("label").asText("")).as(at + ".source.label").isNotBlank();
            if (card.path("source").has("url")) {
                absoluteUrl(card.get("source").get("url"), at + ".source.url");
            }
            if (card.path("source").has("topic")) {
                coding(card.get("source").get("topic"), at + ".source.topic", false);
            }
            if (card.has("uuid")) {
                assertThat(card.get("uuid").isTextual()).as(at + ".uuid").isTrue();
            }
            if (card.has("detail")) {
                assertThat(card.get("detail").isTextual()).as(at + ".detail").isTrue();
            }
            if (card.has("suggestions")) {
                assertThat(card.path("selectionBehavior").asText()).as(at + ".selectionBehavior").isIn("at-most-one", "any");
                for (JsonNode s : card.get("suggestions")) {
                    assertThat(s.path("label").isTextual()).as(at + ".suggestions.label").isTrue();
                    s.path("actions").forEach(a -> action(a, at + ".suggestions.actions"));
                }
            }
            for (JsonNode reason : card.path("overrideReasons")) {
                coding(reason, at + ".overrideReasons", true);
            }
            for (JsonNode link : card.path("links")) {
                assertThat(link.path("label").isTextual()).as(at + ".links.label").isTrue();
                absoluteUrl(link.path("url"), at + ".links.url");
                assertThat(link.path("type").asText()).as(at + ".links.type").isIn("absolute", "smart");
                if (link.has("appContext")) {
                    assertThat(link.get("type").asText()).as(at + ".links.appContext only for smart").isEqualTo("smart");
                }
            }
            if (card.has("extension")) {
                assertThat(card.get("extension").isObject()).as(at + ".extension").isTrue();
            }
        }
        for (JsonNode a : response.path("systemActions")) {
            action(a, "systemActions");
        }
    }

    private JsonNode hook(String service, JsonNode request) {
        HttpResponse<String> response = server.post(BASE + "/" + service, request.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode json = TestServer.json(response);
        checkResponse(json);
        return json.get("cards");
    }

    // ------------------------------------------------------------------ the examples

    @Test
    void discoveryAnswersWithTheRequiredFieldsWithAndWithoutATrailingSlash() {
        HttpResponse<String> plain = server.get(BASE, TestServer.token(BASE));
        HttpResponse<String> slash = server.get(BASE + "/", TestServer.token(BASE + "/"));

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(slash.statusCode()).as(slash.body()).isEqualTo(200);
        assertThat(slash.body()).isEqualTo(plain.body());
        JsonNode services = TestServer.json(plain).get("services");
        noEmptyValues(services, "services", false);
        assertThat(services).extracting(s -> s.get("hook").asText())
                .containsExactly("patient-view", "order-select", "order-sign");
        for (JsonNode s : services) {
            assertThat(s.path("hook").isTextual() && s.path("description").isTextual() && s.path("id").isTextual()
                    && s.path("title").isTextual()).as(s.toString()).isTrue();
            s.get("prefetch").forEach(template -> assertThat(template.isTextual()).isTrue());
        }
    }

    /** The specification's patient-view example: fhirServer, fhirAuthorization, a key of another service. */
    private static ObjectNode specPatientView() throws Exception {
        return (ObjectNode) TestServer.JSON.readTree("""
                {
                  "hookInstance": "5f1c2a7e-94b3-4d0e-8c61-2f7a0b9d3e41",
                  "fhirServer": "https://ehr.example.org/fhir",
                  "hook": "patient-view",
                  "fhirAuthorization": {
                    "access_token": "an-opaque-access-token",
                    "token_type": "Bearer",
                    "expires_in": 300,
                    "scope": "patient/Patient.read patient/Observation.read",
                    "subject": "spinecds-service"
                  },
                  "context": {
                    "userId": "Practitioner/example",
                    "patientId": "7712054",
                    "encounterId": "46120"
                  },
                  "prefetch": {
                    "patientToGreet": {
                      "resourceType": "Patient",
                      "gender": "female",
                      "birthDate": "1931-04-17",
                      "id": "7712054",
                      "active": true
                    }
                  }
                }""");
    }

    @Test
    void theSpecificationsPatientViewExampleIsAnsweredNotRefused() throws Exception {
        // a woman of 95 with nothing spinal in the record: no guidance, an empty card list
        assertThat(hook("spinecds-patient-view", specPatientView())).isEmpty();

        ObjectNode withSciatica = specPatientView();
        ((ObjectNode) withSciatica.get("prefetch")).set("conditions", TestServer.JSON.readTree("""
                {"resourceType": "Bundle", "type": "searchset", "entry": [{"resource": {
                  "resourceType": "Condition", "id": "c-1",
                  "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]},
                  "verificationStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": "confirmed"}]},
                  "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M54.41", "display": "Lumbago with sciatica, right side"}]},
                  "subject": {"reference": "Patient/7712054"}, "onsetDateTime": "2026-03-02"}}]}"""));
        JsonNode cards = hook("spinecds-patient-view", withSciatica);

        assertThat(cards.size()).isBetween(1, 3);
        assertThat(cards.get(0).get("extension").has("org.spinecds.verdict")).isTrue();
    }

    @Test
    void theSpecificationsOrderSelectExampleOfADietAndAMedicationGetsNoCards() throws Exception {
        ObjectNode request = (ObjectNode) TestServer.JSON.readTree("""
                {
                  "hookInstance": "0b8e5d7c-3a61-4f29-9e04-6c1d2b7a8f53",
                  "hook": "order-select",
                  "context": {
                    "userId": "PractitionerRole/4471",
                    "patientId": "7712054",
                    "encounterId": "46120",
                    "selections": ["NutritionOrder/soft-diet-1", "MedicationRequest/rx-2231"],
                    "draftOrders": {
                      "resourceType": "Bundle",
                      "entry": [
                        {"resource": {"resourceType": "NutritionOrder", "id": "soft-diet-1", "status": "draft",
                          "intent": "order", "patient": {"reference": "Patient/7712054"}, "dateTime": "2026-06-01",
                          "oralDiet": {"type": [{"coding": [{"system": "http://snomed.info/sct", "code": "435581000124102",
                            "display": "Soft diet"}], "text": "Soft diet"}]}}},
                        {"resource": {"resourceType": "MedicationRequest", "id": "rx-2231", "status": "draft",
                          "intent": "order", "subject": {"reference": "Patient/7712054"},
                          "medicationCodeableConcept": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm",
                            "code": "308191", "display": "Amoxicillin 500 MG Oral Capsule"}]},
                          "dosageInstruction": [{"text": "1 capsule three times a day for 7 days"}]}}
                      ]
                    }
                  }
                }""");

        assertThat(hook("spinecds-order-select", request)).isEmpty();
    }

    @Test
    void anOrderSignCallOfASpineProcedureIsAssessedForIt() throws Exception {
        ObjectNode request = (ObjectNode) TestServer.JSON.readTree(TestServer.hookFile(
                "lumbar-disc-herniation.order-select.json"));
        request.put("hook", "order-sign");
        request.put("hookInstance", "9d2f6a41-7c3b-4e58-b0a9-15e8c4d7f206");
        ObjectNode context = (ObjectNode) request.get("context");
        context.remove("selections");
        context.put("encounterId", "46120");
        ArrayNode entries = (ArrayNode) context.get("draftOrders").get("entry");
        entries.addObject().set("resource", TestServer.JSON.readTree("""
                {"resourceType": "MedicationRequest", "id": "rx-9", "status": "draft", "intent": "order",
                 "subject": {"reference": "Patient/pat"},
                 "medicationCodeableConcept": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm",
                   "code": "313782", "display": "Acetaminophen 325 MG Oral Tablet"}]}}"""));

        JsonNode cards = hook("spinecds-order-sign", request);

        assertThat(cards).isNotEmpty();
        assertThat(cards.get(0).get("extension").get("org.spinecds.verdict").asText()).isNotBlank();
        assertThat(cards.toString()).contains("LUMBAR_DISCECTOMY");
    }

    @Test
    void everyExampleHookRequestIsAnsweredInTheSpecificationsShapes() throws Exception {
        try (var files = Files.list(HookExamples.hooksDir())) {
            for (String name : files.map(f -> f.getFileName().toString()).sorted().toList()) {
                String service = name.endsWith(".order-select.json") ? "spinecds-order-select" : "spinecds-patient-view";
                hook(service, TestServer.JSON.readTree(TestServer.hookFile(name)));
            }
        }
    }

    @Test
    void theSpecificationsFeedbackExamplesAreLoggedWithoutTheirFreeText() throws Exception {
        String path = BASE + "/spinecds-patient-view/feedback";
        List<String> examples = List.of("""
                {"feedback": [{"card": "4e0a3a1e-3283-4575-ab82-028d55fe2719", "outcome": "accepted",
                  "acceptedSuggestions": [{"id": "e56e1945-20b3-4393-8503-a1a20fd73152"}],
                  "outcomeTimestamp": "2026-06-01T09:00:00Z"}]}""", """
                {"feedback": [{"card": "f6b95768-b1c8-40dc-8385-bf3504b82ffb", "outcome": "overridden",
                  "outcomeTimestamp": "2026-06-01T09:01:00Z"}]}""", """
                {"feedback": [{"card": "9368d37b-283f-44a0-93ea-547cebab93ed", "outcome": "overridden",
                  "overrideReason": {"reason": {"code": "d7ecf885", "system": "https://ehr.example.org/cds-hooks/override-reason-system"},
                    "userComment": "Zq-comment: discussed with Mrs Quixote at the bedside"},
                  "outcomeTimestamp": "2026-06-01T09:02:00Z"}]}""");
        int before = Files.exists(server.feedbackLog) ? Files.readAllLines(server.feedbackLog).size() : 0;

        for (String example : examples) {
            HttpResponse<String> response = server.post(path, example);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"logged\":1}");
        }

        List<String> lines = Files.readAllLines(server.feedbackLog);
        List<String> added = lines.subList(before, lines.size());
        assertThat(added).hasSize(3);
        JsonNode own = TestServer.JSON.readTree(added.get(2));
        assertThat(own.get("overrideReasonSystem").asText()).isEqualTo("https://ehr.example.org/cds-hooks/override-reason-system");
        assertThat(own.get("overrideReasonCode").asText()).isEqualTo("d7ecf885");
        assertThat(own.get("userComment").asBoolean()).isTrue();
        assertThat(TestServer.JSON.readTree(added.get(0)).get("acceptedSuggestions").asInt()).isEqualTo(1);
        assertThat(String.join("\n", added)).doesNotContain("Quixote").doesNotContain("Zq-comment");
        assertThat(Set.copyOf(added).size()).isEqualTo(3);
    }
}
