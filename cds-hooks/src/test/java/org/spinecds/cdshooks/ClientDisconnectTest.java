package org.spinecds.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.spinecds.rules.CapturingLogs;

/**
 * A client that goes away in the middle of its request (half of the body sent, then the connection
 * closed) is no fault of the service: it is not logged as an internal error, only at DEBUG like any
 * refused call, and the service answers the next call.
 */
class ClientDisconnectTest {

    private static final String SERVICE = "/cds-services/spinecds-patient-view";

    @Test
    void aClientThatClosesMidBodyIsNotAnInternalError() throws Exception {
        TestServer server = TestServer.get();
        String body = TestServer.hookFile("early-sciatica.patient-view.json");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        CapturingLogs.start();
        try (Socket socket = new Socket(server.uri("/").getHost(), server.server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + SERVICE + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: " + TestServer.token(SERVICE) + "\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
            Thread.sleep(200);
        }
        List<String> logged = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline
                && logged.stream().noneMatch(l -> l.startsWith("DEBUG org.spinecds.cdshooks.internal.Router - POST"))) {
            Thread.sleep(100);
            logged.addAll(CapturingLogs.stop());
            CapturingLogs.start();
        }
        Thread.sleep(200); // anything the service or Jetty logs after the call
        logged.addAll(CapturingLogs.stop());

        assertThat(logged).as("the service saw the call").anySatisfy(l -> assertThat(l)
                .startsWith("DEBUG org.spinecds.cdshooks.internal.Router - POST " + SERVICE + " -> 400"));
        assertThat(logged).noneSatisfy(l -> assertThat(l).startsWith("ERROR"));
        assertThat(logged).noneSatisfy(l -> assertThat(l).startsWith("WARN"));
        assertThat(server.post(SERVICE, body).statusCode()).isEqualTo(200);
    }
}
