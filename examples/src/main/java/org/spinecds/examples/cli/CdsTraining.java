package org.spinecds.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.spinecds.SpineCds;
import org.spinecds.cdshooks.CdsHooksServer;
import org.spinecds.cdshooks.ClientAuthentication;
import org.spinecds.fhir.FhirPatientMapper;

/**
 * The training run of the command-line jar's class-data-sharing archive ({@code spinecds.jsa}, made in
 * the build with {@code -XX:ArchiveClassesAtExit}, see examples/pom.xml): what {@code spinecds assess}
 * and {@code spinecds serve} load, so that both start from the archive. It assesses a patient through
 * the command line, then starts the CDS Hooks service on a free loopback port, answers one hook call
 * over HTTP and stops. Only made-up, bundled patients go through it.
 *
 * <p>Arguments: the patient JSON file, the hook call JSON file, a scratch directory.
 */
public final class CdsTraining {

    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: CdsTraining PATIENT.json HOOK_CALL.json SCRATCH_DIR");
        }
        // the service warns that it runs without authentication: true, and expected here
        System.setProperty("org.slf4j.simpleLogger.log.org.spinecds.cdshooks.CdsHooksServer", "error");
        StringWriter err = new StringWriter();
        int code = SpineCdsCli.run(new PrintWriter(OutputStream.nullOutputStream()), new PrintWriter(err), "assess", args[0]);
        if (code != org.spinecds.batch.ExitCodes.OK) {
            throw new IllegalStateException("assess exited " + code + ": " + err);
        }
        Path scratch = Files.createDirectories(Path.of(args[2]));
        try (CdsHooksServer server = CdsHooksServer.builder(SpineCds.withDefaultRules(), FhirPatientMapper.withDefaultCodes())
                .port(0).authentication(ClientAuthentication.insecureNoAuthentication())
                .feedbackLog(scratch.resolve("training-feedback.jsonl")).start()) {
            call(server.discoveryUri(), null);
            call(URI.create(server.discoveryUri() + "/spinecds-patient-view"), Files.readAllBytes(Path.of(args[1])));
        }
    }

    /** A GET, or a POST of the JSON body, that must answer 200. */
    private static void call(URI uri, byte[] body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        if (body != null) {
            c.setRequestMethod("POST");
            c.setRequestProperty("Content-Type", "application/json");
            c.setDoOutput(true);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
        }
        int status = c.getResponseCode();
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
        if (status != 200) {
            throw new IllegalStateException(uri.getPath() + " answered " + status);
        }
    }
}
