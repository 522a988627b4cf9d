package org.spinecds.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.spinecds.cdshooks.internal.Router;
import org.spinecds.cdshooks.internal.TestTokens;

/**
 * The transport holds up against slow and malformed clients: a body is never read before its call is
 * authenticated, a body that trickles in is cut off without holding a thread, and every error, Jetty's
 * own included, is JSON. The slow-client soak lasts {@code -Dspinecds.soak.seconds} (8 s by default).
 */
class TransportTest {

    private static final String SERVICE = "/cds-services/spinecds-patient-view";
    private static final int SLOW_CLIENTS = 32;
    private static final long SOAK_SECONDS = Long.getLong("spinecds.soak.seconds", 8);

    private static CdsHooksServer server;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws IOException {
        Path dir = Files.createTempDirectory("spinecds-transport-test");
        dir.toFile().deleteOnExit();
        server = CdsHooksServer.builder(TestServer.engine(), HookExamples.MAPPER)
                .authentication(ClientAuthentication.jwt(TestServer.EHR.writePublicKeys(dir),
                        List.of(TestTokens.ISSUER), TestServer.AUDIENCE))
                .feedbackLog(dir.resolve("feedback.jsonl"))
                .start();
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @Tag("slow")
    @Test
    void discoveryAnswersWithinASecondWhile32SlowClientsTrickleTheirBodies() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(SOAK_SECONDS).toNanos();
        AtomicBoolean stop = new AtomicBoolean();
        Map<String, Integer> answers = new ConcurrentHashMap<>();
        List<Thread> slow = new ArrayList<>();
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            boolean authenticated = i % 2 == 0;
            Thread t = new Thread(() -> trickle(authenticated, stop, answers), "slow-client-" + i);
            t.setDaemon(true);
            t.start();
            slow.add(t);
        }
        List<Long> latencies = new CopyOnWriteArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        try {
            Thread.sleep(500); // the slow clients are connected and trickling
            while (System.nanoTime() < deadline) {
                long start = System.nanoTime();
                try {
                    HttpResponse<String> r = HTTP.sendAsync(HttpRequest.newBuilder(uri("/cds-services"))
                            .header("Authorization", TestServer.token("/cds-services")).GET().build(),
                            HttpResponse.BodyHandlers.ofString()).get(3, TimeUnit.SECONDS);
                    statuses.add(r.statusCode());
                } catch (TimeoutException e) {
                    statuses.add(-1); // no answer within 3 s
                }
                latencies.add((System.nanoTime() - start) / 1_000_000);
                Thread.sleep(250);
            }
        } finally {
            stop.set(true);
            for (Thread t : slow) {
                t.join(5_000);
            }
        }

        assertThat(statuses).isNotEmpty().allSatisfy(s -> assertThat(s).isEqualTo(200));
        assertThat(latencies).allSatisfy(ms -> assertThat(ms).as("discovery answered in ms").isLessThan(1_000));
        assertThat(answers).as("the unauthenticated slow clients are answered at once, without their body")
                .containsKey("unauthenticated 401");
        assertThat(answers).as("the authenticated ones are cut off for their rate").containsKey("authenticated 408");
        assertThat(answers.keySet()).allSatisfy(k -> assertThat(k).matches("unauthenticated 401|authenticated 408"));
    }

    /** One slow client: a call whose body trickles in a byte every 2 s, again as soon as the service answers. */
    private static void trickle(boolean authenticated, AtomicBoolean stop, Map<String, Integer> answers) {
        byte[] body = TestServer.hookFile("early-sciatica.patient-view.json").getBytes(StandardCharsets.UTF_8);
        while (!stop.get()) {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(2_000);
                OutputStream out = socket.getOutputStream();
                out.write(head("POST", SERVICE, authenticated ? TestServer.token(SERVICE) : null, body.length));
                out.flush();
                Response r = null;
                for (int i = 0; i < body.length && !stop.get() && r == null; i++) {
                    out.write(body[i]);
                    out.flush();
                    try {
                        r = Response.read(socket.getInputStream());
                    } catch (SocketTimeoutException e) {
                        // nothing yet: the next byte
                    }
                }
                if (r != null) {
                    answers.merge((authenticated ? "authenticated " : "unauthenticated ") + r.status, 1, Integer::sum);
                    assertThat(r.header("content-type")).startsWith("application/json");
                    // a body cut off for its rate ends its connection; a refused one is dropped (Router.DRAIN_MILLIS)
                    assertThat(r.header("connection")).isEqualTo(authenticated ? "close" : null);
                }
            } catch (IOException e) {
                // the service closed the connection: connect again
            }
        }
    }

    @Test
    void anUnauthenticatedPostIsAnsweredBeforeItsBodyIsSentAndClosedCleanlyAtTheDrainDeadline() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) Router.DRAIN_MILLIS + 5_000);
            OutputStream out = socket.getOutputStream();
            // headers saying 7 MB are coming, and not one byte of them sent
            out.write(head("POST", SERVICE, "Bearer not-a-token", 7_000_000));
            out.flush();
            long start = System.nanoTime();
            Response r = Response.read(socket.getInputStream());
            long answeredMillis = (System.nanoTime() - start) / 1_000_000;
            // a part of the body after the answer, then nothing: read and dropped until the deadline
            out.write(new byte[1_000_000]);
            out.flush();

            assertThat(answeredMillis).isLessThan(3_000);
            assertThat(r.status).isEqualTo(401);
            assertThat(r.header("content-type")).startsWith("application/json");
            assertThat(TestServer.JSON.readTree(r.body).path("error").asText()).isNotBlank();
            assertThat(socket.getInputStream().read()).as("the connection is closed, not reset").isEqualTo(-1);
            assertThat((System.nanoTime() - start) / 1_000_000).as("closed at the drain deadline, in ms")
                    .isBetween(Router.DRAIN_MILLIS - 500, Router.DRAIN_MILLIS + 3_000);
        }
    }

    @Test
    void aRefusedCallIsAnsweredBeforeItsBodyIsSentAndItsConnectionServesTheNextCall() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(head("POST", "/cds-services/no-such-service", TestServer.token("/cds-services/no-such-service"),
                    7_000_000));
            out.flush();
            Response refused = Response.read(socket.getInputStream());
            out.write(new byte[7_000_000]);
            out.write(("GET /cds-services HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                    + TestServer.token("/cds-services") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Response next = Response.read(socket.getInputStream());

            assertThat(refused.status).isEqualTo(404);
            assertThat(next.status).as("the next call on the same connection").isEqualTo(200);
        }
    }

    @Test
    void aRequestHeaderOver8KiBIsAnsweredJson() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/cds-services"))
                .header("Authorization", "Bearer " + "a".repeat(9 * 1024)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(431);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        JsonNode body = TestServer.JSON.readTree(r.body());
        assertThat(body.path("error").asText()).contains("header");
        assertThat(r.body()).doesNotContain("<html");
    }

    @Test
    void jettysOwnBadRequestIsAnsweredJson() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("GET /cds-services HTTP/1.1\r\nHost: localhost\r\nNot a header line\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            Response r = Response.read(socket.getInputStream());

            assertThat(r.status).isEqualTo(400);
            assertThat(r.header("content-type")).startsWith("application/json");
            assertThat(TestServer.JSON.readTree(r.body).path("error").asText()).isNotBlank();
        }
    }

    @Test
    void aBodyThatTricklesIsCutOffForItsRate() throws Exception {
        byte[] body = TestServer.hookFile("early-sciatica.patient-view.json").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write(head("POST", SERVICE, TestServer.token(SERVICE), body.length));
            long start = System.nanoTime();
            Response r = null;
            for (int i = 0; i < 40 && r == null; i++) {
                out.write(body[i]);
                out.flush();
                try {
                    r = Response.read(socket.getInputStream());
                } catch (SocketTimeoutException e) {
                    // the next byte
                }
            }
            assertThat(r).as("answered while trickling").isNotNull();
            assertThat(r.status).isEqualTo(408);
            assertThat(TestServer.JSON.readTree(r.body).path("error").asText()).contains("bytes per second");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
        }
    }

    /**
     * Clients that trickle their request headers (a byte every half second, never finishing) on every
     * connection the service allows: each is closed at the head deadline, so discovery is answered.
     */
    @Tag("slow")
    @Test
    void clientsTricklingTheirHeadersOnEveryConnectionAreClosedAtTheHeadDeadline() throws Exception {
        Path dir = Files.createTempDirectory("spinecds-transport-heads");
        dir.toFile().deleteOnExit();
        int limit = 8;
        try (CdsHooksServer small = CdsHooksServer.builder(TestServer.engine(), HookExamples.MAPPER)
                .authentication(ClientAuthentication.insecureNoAuthentication())
                .feedbackLog(dir.resolve("feedback.jsonl"))
                .maxConnections(limit).requestHeadTimeout(Duration.ofSeconds(2)).start()) {
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < limit; i++) {
                    slow.add(new Socket("127.0.0.1", small.port()));
                }
                AtomicBoolean stop = new AtomicBoolean();
                Thread trickler = new Thread(() -> {
                    byte[] head = "GET /cds-services HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; !stop.get(); i++) {
                        for (Socket s : slow) {
                            try {
                                s.getOutputStream().write(i < head.length ? head[i] : 'a');
                                s.getOutputStream().flush();
                            } catch (IOException e) {
                                // closed by the service
                            }
                        }
                        try {
                            Thread.sleep(500);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                trickler.setDaemon(true);
                trickler.start();
                Thread.sleep(500);
                long start = System.nanoTime();
                HttpResponse<String> discovery = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + small.port() + "/cds-services")).timeout(Duration.ofSeconds(10))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                long ms = (System.nanoTime() - start) / 1_000_000;
                stop.set(true);
                trickler.join(2_000);

                assertThat(discovery.statusCode()).isEqualTo(200);
                assertThat(ms).as("answered once the tricklers were closed at the 2 s deadline").isLessThan(6_000);
                for (Socket s : slow) {
                    s.setSoTimeout(2_000);
                    assertThat(s.getInputStream().read()).as("closed by the service").isEqualTo(-1);
                }
            } finally {
                for (Socket s : slow) {
                    s.close();
                }
            }
        }
    }

    @Test
    void theBuilderRefusesUnsafeLimits() {
        var builder = CdsHooksServer.builder(TestServer.engine(), HookExamples.MAPPER);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.idleTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("idleTimeout:");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.minRequestDataRate(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("minRequestDataRate:");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.maxConnections(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxConnections:");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.requestHeadTimeout(Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("requestHeadTimeout:");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.publicBaseUri(URI.create("/relative")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("publicBaseUri:");
    }

    // ---------------------------------------------------------------- raw HTTP

    private static URI uri(String path) {
        return URI.create(server.discoveryUri().toString().replace("/cds-services", "") + path);
    }

    private static byte[] head(String method, String path, String authorization, long length) {
        return (method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A response read off a socket: status, headers (lower-case names) and body (by its Content-Length). */
    private record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }

        static Response read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed before a response");
                }
                head.write(b);
                matched = (b == '\r' || b == '\n') && (matched % 2 == 0 ? b == '\r' : b == '\n') ? matched + 1
                        : b == '\r' ? 1 : 0;
            }
            String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
            Map<String, String> headers = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes(length);
            return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers,
                    new String(body, StandardCharsets.UTF_8));
        }
    }
}
