package org.spinecds.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecds.SpineCds;
import org.spinecds.rules.CapturingLogs;

/**
 * A site rule whose consequence never ends ({@code containment-rules/loop.drl}, for every smoker) does
 * not freeze the service: 35 calls for smokers, more than the server has threads, each get a JSON 500
 * naming the rule once the engine's time limit has passed, with one WARN line each and no stack trace;
 * every looping worker is stopped, and a call for another patient is answered correctly afterwards.
 * While they are in flight the looping consequences take the cores (each until its limit and the
 * grace period), so a call then is answered late: rightly, or with a JSON 500 if it was starved past
 * the limit. The test prints what it measured.
 */
@Tag("slow")
class ContainmentTest {

    private static final String SERVICE = "/cds-services/spinecds-patient-view";
    /**
     * Short, as the stuck consequences take the cores until their limit (35 x 0.75 s of CPU in all, with
     * the grace period), and yet long enough for a warm assessment on a loaded machine.
     */
    private static final Duration LIMIT = Duration.ofMillis(500);
    private static final int STUCK = 35;

    @TempDir
    Path dir;

    @Test
    void stuckConsequencesAreAnsweredWithAJson500AndTheServiceGoesOnAnswering() throws Exception {
        Path rules = Path.of(ContainmentTest.class.getResource("/containment-rules").toURI());
        SpineCds engine = SpineCds.builder().defaultRules().rules(rules).assessmentTimeLimit(LIMIT).build();
        String smoker = TestServer.hookFile("early-sciatica.patient-view.json");
        String other = TestServer.hookFile("lumbar-disc-herniation.patient-view.json");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        try (CdsHooksServer server = CdsHooksServer.builder(engine, HookExamples.MAPPER)
                .authentication(ClientAuthentication.insecureNoAuthentication())
                .feedbackLog(dir.resolve("feedback.jsonl")).start()) {
            URI uri = URI.create(server.discoveryUri() + "/spinecds-patient-view");
            // the first assessments of a rule base are slow (lazy initialisation, no JIT yet): warm it up
            HttpResponse<String> before = post(http, uri, other).get(30, TimeUnit.SECONDS);
            for (int i = 0; i < 5 && before.statusCode() != 200; i++) {
                before = post(http, uri, other).get(30, TimeUnit.SECONDS);
            }
            for (int i = 0; i < 20; i++) {
                before = post(http, uri, other).get(30, TimeUnit.SECONDS);
            }
            assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
            String verdict = verdict(before);

            CapturingLogs.start();
            long start = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> stuck = new ArrayList<>();
            for (int i = 0; i < STUCK; i++) {
                stuck.add(post(http, uri, smoker));
            }
            Thread.sleep(100);
            long sent = System.nanoTime();
            HttpResponse<String> during = post(http, uri, other).get(120, TimeUnit.SECONDS);
            long duringMs = (System.nanoTime() - sent) / 1_000_000;
            long inFlight = stuck.stream().filter(f -> !f.isDone()).count();
            List<HttpResponse<String>> failed = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> f : stuck) {
                failed.add(f.get(120, TimeUnit.SECONDS));
            }
            long allMs = (System.nanoTime() - start) / 1_000_000;
            // no looping consequence holds a thread or a core for good: each worker is stopped
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (loopRunning() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            long stoppedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(loopRunning()).as("a thread still runs the looping consequence").isFalse();
            HttpResponse<String> after = post(http, uri, other).get(30, TimeUnit.SECONDS);
            List<String> logged = CapturingLogs.stop();
            System.out.printf("%d stuck calls answered within %d ms, their workers all stopped within %d ms; another "
                    + "call sent 100 ms after them answered %d in %d ms, with %d stuck calls still in flight%n", STUCK,
                    allMs, stoppedMs, during.statusCode(), duringMs, inFlight);

            assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
            assertThat(verdict(after)).isEqualTo(verdict);
            // while they are in flight, the stuck consequences take the cores (each until its limit and the grace
            // period): the call is answered, rightly or, when it was starved past the limit, with a JSON 500
            if (during.statusCode() == 200) {
                assertThat(verdict(during)).isEqualTo(verdict);
            } else {
                failed.add(during);
            }
            for (HttpResponse<String> r : failed) {
                assertThat(r.statusCode()).isEqualTo(500);
                assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                        .startsWith("application/json"));
                // the rule's name, unless the call was starved before it reached the consequence
                assertThat(TestServer.json(r).get("error").asText()).matches("the rules failed on this patient: "
                        + "(rule \"Loops on smokers\" \\(SITE-LOOP, loop.drl\\)|the rules) did not finish within the "
                        + "time limit of 500 ms(, while evaluating conditions)?");
            }
            assertThat(failed).as("the rule is named").anySatisfy(r -> assertThat(TestServer.json(r).get("error")
                    .asText()).contains("SITE-LOOP"));
            List<String> warnings = logged.stream().filter(l -> l.startsWith("WARN") || l.startsWith("ERROR")).toList();
            assertThat(warnings).as("one line per failed call").hasSize(failed.size()).allSatisfy(l -> assertThat(l)
                    .startsWith("WARN org.spinecds.cdshooks.internal.Router - POST " + SERVICE + " -> 500: the rules "
                            + "failed on this patient: ").contains("did not finish within the time limit of 500 ms"));
        }
    }

    private static CompletableFuture<HttpResponse<String>> post(HttpClient http, URI uri, String body) {
        return http.sendAsync(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String verdict(HttpResponse<String> response) {
        JsonNode card = TestServer.json(response).get("cards").get(0);
        return card.get("extension").get("org.spinecds.verdict").asText();
    }

    private static boolean loopRunning() {
        return Thread.getAllStackTraces().entrySet().stream().filter(t -> t.getKey().isAlive())
                .anyMatch(t -> Arrays.stream(t.getValue()).anyMatch(f -> f.getClassName().contains("Rule_Loops")));
    }
}
