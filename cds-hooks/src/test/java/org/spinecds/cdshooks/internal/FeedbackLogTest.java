package org.spinecds.cdshooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeedbackLogTest {

    private static final String CARD = "9368d37b-283f-44a0-93ea-547cebab93ed";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:00:05Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static JsonNode json(String text) throws Exception {
        return Jackson.MAPPER.readTree(text.replace('\'', '"'));
    }

    private List<JsonNode> lines(Path file) throws Exception {
        return Files.readAllLines(file).stream().map(l -> {
            try {
                return Jackson.MAPPER.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    @Test
    void eachItemIsOneAuditLineWithoutTheCommentText() throws Exception {
        Path file = dir.resolve("audit/feedback.jsonl");
        try (FeedbackLog log = new FeedbackLog(file, CLOCK)) {
            int n = log.append("spinecds-patient-view", json("{'feedback': ["
                    + "{'card': '" + CARD + "', 'outcome': 'overridden', 'outcomeTimestamp': '2026-03-02T10:00:00Z',"
                    + " 'overrideReason': {'reason': {'system': 'urn:spinecds:override-reason', 'code': 'data-incorrect'},"
                    + " 'userComment': 'Mrs Jane Example has BMI 31, not 41'}},"
                    + "{'card': '" + CARD + "', 'outcome': 'accepted', 'outcomeTimestamp': '2026-03-02T11:00:00+01:00'}]}"),
                    "https://ehr.example.org");
            assertThat(n).isEqualTo(2);
        }

        List<JsonNode> lines = lines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).toString()).isEqualTo("{\"receivedAt\":\"2026-03-02T10:00:05Z\","
                + "\"serviceId\":\"spinecds-patient-view\",\"card\":\"" + CARD + "\",\"outcome\":\"overridden\","
                + "\"outcomeTimestamp\":\"2026-03-02T10:00:00Z\",\"overrideReasonSystem\":\"urn:spinecds:override-reason\","
                + "\"overrideReasonCode\":\"data-incorrect\",\"userComment\":true,\"client\":\"https://ehr.example.org\"}");
        assertThat(lines.get(1).get("outcomeTimestamp").asText()).isEqualTo("2026-03-02T10:00:00Z");
        assertThat(Files.readString(file)).doesNotContain("Jane").doesNotContain("31");
    }

    @Test
    void anEmptyListOfAcceptedSuggestionsIsAcceptedAndNotLogged() throws Exception {
        Path file = dir.resolve("feedback.jsonl");
        try (FeedbackLog log = new FeedbackLog(file, CLOCK)) {
            log.append("spinecds-patient-view", json("{'feedback': [{'card': '" + CARD + "', 'outcome': 'accepted', "
                    + "'outcomeTimestamp': '2026-03-02T10:00:00Z', 'acceptedSuggestions': []}]}"), null);
        }
        assertThat(lines(file)).hasSize(1).allSatisfy(l -> assertThat(l.has("acceptedSuggestions")).isFalse());
    }

    @Test
    void linesAreAppendedAcrossRestarts() throws Exception {
        Path file = dir.resolve("feedback.jsonl");
        String body = "{'feedback': [{'card': '" + CARD + "', 'outcome': 'overridden', "
                + "'outcomeTimestamp': '2026-03-02T10:00:00Z'}]}";
        try (FeedbackLog log = new FeedbackLog(file, CLOCK)) {
            log.append("spinecds-order-select", json(body), null);
        }
        try (FeedbackLog log = new FeedbackLog(file, CLOCK)) {
            log.append("spinecds-order-select", json(body), null);
        }

        assertThat(lines(file)).hasSize(2).allSatisfy(l -> assertThat(l.has("overrideReasonCode")).isFalse());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = ';', value = {
            "[];  $: the feedback request must be a JSON object",
            "{};  feedback: required",
            "{'feedback': []};  feedback: required",
            "{'feedback': [{'outcome': 'overridden', 'outcomeTimestamp': '2026-03-02T10:00:00Z'}]};  feedback[0].card: required",
            "{'feedback': [{'card': 'x1', 'outcome': 'overridden', 'outcomeTimestamp': '2026-03-02T10:00:00Z'}]};  feedback[0].card: must be the uuid",
            "{'feedback': [{'card': 'CARD', 'outcome': 'ignored', 'outcomeTimestamp': '2026-03-02T10:00:00Z'}]};  feedback[0].outcome: must be",
            "{'feedback': [{'card': 'CARD', 'outcome': 'overridden'}]};  feedback[0].outcomeTimestamp: required",
            "{'feedback': [{'card': 'CARD', 'outcome': 'overridden', 'outcomeTimestamp': 'yesterday'}]};  feedback[0].outcomeTimestamp: must be an ISO 8601",
            "{'feedback': [{'card': 'CARD', 'outcome': 'accepted', 'outcomeTimestamp': '2026-03-02T10:00:00Z', 'overrideReason': {}}]};  feedback[0].overrideReason: only for",
            "{'feedback': [{'card': 'CARD', 'outcome': 'overridden', 'outcomeTimestamp': '2026-03-02T10:00:00Z', 'overrideReason': {'reason': {'system': 'urn:spinecds:override-reason'}}}]};  feedback[0].overrideReason.reason.code: required",
            "{'feedback': [{'card': 'CARD', 'outcome': 'overridden', 'outcomeTimestamp': '2026-03-02T10:00:00Z', 'overrideReason': {'userComment': 5}}]};  feedback[0].overrideReason.userComment: must be a string",
            "{'feedback': [{'card': 'CARD', 'outcome': 'accepted', 'outcomeTimestamp': '2026-03-02T10:00:00Z', 'acceptedSuggestions': [{}]}]};  feedback[0].acceptedSuggestions[0].id: required",
            "{'feedback': [{'card': 'CARD', 'outcome': 'accepted', 'outcomeTimestamp': '2026-03-02T10:00:00Z', 'acceptedSuggestions': [{'id': 'Zebulon Quirke, MRN 1234'}]}]};  feedback[0].acceptedSuggestions[0].id: must be a suggestion uuid",
            "{'feedback': [{'card': 'CARD', 'outcome': 'accepted', 'outcomeTimestamp': '2026-03-02T10:00:00Z', 'acceptedSuggestions': 'x'}]};  feedback[0].acceptedSuggestions: must be an array",
            "{'feedback': [{'card': 'CARD', 'outcome': 'overridden', 'outcomeTimestamp': '2026-03-02T10:00:00Z', 'overrideReason': {'reason': {'system': 'urn:spinecds:override-reason', 'code': 'Zebulon Quirke refused'}}}]};  feedback[0].overrideReason.reason.code: must be one of the override reasons the cards offer: data-incorrect, clinical-judgement, already-addressed, patient-preference",
            "{'feedback': [{'card': 'CARD', 'outcome': 'overridden', 'outcomeTimestamp': '2026-03-02T10:00:00Z', 'overrideReason': {'reason': {'system': 'Zebulon Quirke refused', 'code': 'data-incorrect'}}}]};  feedback[0].overrideReason.reason.system: must be a URI",
            "{'feedback': [{'card': 'CARD', 'outcome': 'overridden', 'outcomeTimestamp': '2026-03-02T10:00:00Z', 'overrideReason': {'reason': {'code': 'data-incorrect'}}}]};  feedback[0].overrideReason.reason.system: required",
    })
    void invalidFeedbackIsRefusedNamingTheFieldAndNothingIsWritten(String body, String message) throws Exception {
        Path file = dir.resolve("feedback.jsonl");
        String good = "{'card': '" + CARD + "', 'outcome': 'overridden', 'outcomeTimestamp': '2026-03-02T10:00:00Z'}";
        try (FeedbackLog log = new FeedbackLog(file, CLOCK)) {
            assertThatThrownBy(() -> log.append("spinecds-patient-view", json(body.replace("CARD", CARD)), null))
                    .isInstanceOf(HttpError.class).hasMessageStartingWith(message)
                    .satisfies(e -> assertThat(((HttpError) e).status()).isEqualTo(400));
            assertThatThrownBy(() -> log.append("spinecds-patient-view",
                    json("{'feedback': [" + good + ", {'card': 'x'}]}"), null))
                    .hasMessageStartingWith("feedback[1].card");
        }
        assertThat(Files.readString(file)).isEmpty();
    }
}
