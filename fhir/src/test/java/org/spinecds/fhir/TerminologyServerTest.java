package org.spinecds.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spinecds.Assessment;
import org.spinecds.Verdict;
import org.spinecds.patient.Comorbidity;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;

/**
 * A small terminology server on loopback (HAPI's plain RESTful server with a provider of
 * {@code CodeSystem/$subsumes}, in Jetty) that knows a few SNOMED CT is-a relations: the mapper
 * classifies a code the lists do not hold by it, caches its answers, gives up within its time limit, and
 * leaves the code unclassified (never "not spinal") when the server fails.
 */
class TerminologyServerTest {

    private static final String SCT = "http://snomed.info/sct";

    /** Child concept to its ancestors, as the server knows them. */
    private static final Map<String, Set<String>> ANCESTORS = Map.of(
            // Displacement of lumbar intervertebral disc: a herniation of intervertebral disc, a disorder of the spine
            "202708005", Set.of("73589001", "699699005"),
            // Type 2 diabetes mellitus with diabetic polyneuropathy (a child of type 2 diabetes mellitus)
            "1551000119108", Set.of("44054006", "73211009"),
            // Kyphosis deformity of spine: a disorder of the vertebral column, no listed diagnosis
            "414564002", Set.of("699699005"));

    /** The server's provider: the answers, the calls counted, and a delay or failure on demand. */
    public static final class SubsumesProvider {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicLong delayMillis = new AtomicLong();
        volatile boolean failing;

        @Operation(name = "$subsumes", idempotent = true, type = CodeSystem.class)
        public Parameters subsumes(@OperationParam(name = "codeA") CodeType codeA,
                                   @OperationParam(name = "codeB") CodeType codeB,
                                   @OperationParam(name = "system") UriType system) throws InterruptedException {
            calls.incrementAndGet();
            long delay = delayMillis.get();
            if (delay > 0) {
                Thread.sleep(delay);
            }
            if (failing) {
                throw new InternalErrorException("terminology store unavailable");
            }
            String a = codeA.getValue();
            String b = codeB.getValue();
            String outcome;
            if (!SCT.equals(system.getValue())) {
                outcome = "not-subsumed";
            } else if (a.equals(b)) {
                outcome = "equivalent";
            } else if (ANCESTORS.getOrDefault(b, Set.of()).contains(a)) {
                outcome = "subsumes";
            } else if (ANCESTORS.getOrDefault(a, Set.of()).contains(b)) {
                outcome = "subsumed-by";
            } else {
                outcome = "not-subsumed";
            }
            Parameters out = new Parameters();
            out.addParameter().setName("outcome").setValue(new CodeType(outcome));
            return out;
        }
    }

    /** A time limit no loopback call reaches, even in a cold JVM, for the tests that are not about it. */
    private static final Duration GENEROUS = Duration.ofSeconds(30);

    private static Server jetty;
    private static URI base;
    private static final SubsumesProvider PROVIDER = new SubsumesProvider();

    @BeforeAll
    static void start() throws Exception {
        RestfulServer fhir = new RestfulServer(FhirContext.forR4Cached());
        fhir.registerProvider(PROVIDER);
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(fhir), "/fhir/*");
        jetty.setHandler(context);
        jetty.start();
        InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), connector.getLocalPort());
        base = URI.create("http://" + at.getAddress().getHostAddress() + ":" + at.getPort() + "/fhir");
        // the servlet and the client start on first use: once here, outside the timed tests
        Examples.MAPPER.withTerminologyServer(base, GENEROUS).map(List.<Resource>of(R.active("w", SCT, "59621000")));
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.stop();
    }

    @BeforeEach
    void reset() {
        PROVIDER.calls.set(0);
        PROVIDER.delayMillis.set(0);
        PROVIDER.failing = false;
    }

    @Test
    void aChildConceptOfAListedDiagnosisCountsAsThatDiagnosis() {
        FhirPatientMapper mapper = Examples.MAPPER.withTerminologyServer(base, GENEROUS);
        MappedPatient m = mapper.map(RealRecordsTest.record("synthea-lumbar-disc-displacement.json"));
        assertThat(m.patient().getDiagnoses()).containsExactlyInAnyOrder(Diagnosis.HERNIATED_DISC, Diagnosis.RADICULOPATHY);
        assertThat(PROVIDER.calls.get()).isPositive();
        Assessment a = Examples.engine().assess(m.patient());
        assertThat(a.verdict()).isNotEqualTo(Verdict.SURGERY_NOT_INDICATED);
    }

    @Test
    void aChildOfAListedComorbidityIsKnownPresentAndASpinalConceptLeavesTheDiagnosesOpen() {
        FhirPatientMapper mapper = Examples.MAPPER.withTerminologyServer(base, GENEROUS);
        var neuropathy = R.active("dm", SCT, "1551000119108");
        Patient p = mapper.map(List.<Resource>of(R.active("c1", R.ICD, "M51.26"), neuropathy)).patient();
        assertThat(p.getComorbiditiesPresent()).containsExactly(Comorbidity.DIABETES);
        assertThat(p.getDiagnoses()).containsExactly(Diagnosis.HERNIATED_DISC);
        // no display, no body site: only the server says that a kyphosis is a disorder of the spine
        var kyphosis = R.active("k", SCT, "414564002");
        assertThat(mapper.map(List.<Resource>of(R.active("c1", R.ICD, "M51.26"), kyphosis)).patient()
                .isKnown(Input.DIAGNOSES)).isFalse();
        // without the server, the bare code cannot be read: it leaves the list open, never "not spinal"
        assertThat(Examples.MAPPER.map(List.<Resource>of(R.active("c1", R.ICD, "M51.26"), kyphosis)).patient()
                .isKnown(Input.DIAGNOSES)).as("without the server the bare code is unclassified").isFalse();
        // and a bare concept the server places under nothing listed is unrelated: the server classified it
        var hypertension = R.active("h", SCT, "59621000");
        assertThat(Examples.MAPPER.map(List.<Resource>of(R.active("c1", R.ICD, "M51.26"), hypertension)).patient()
                .isKnown(Input.DIAGNOSES)).as("without the server").isFalse();
        assertThat(mapper.map(List.<Resource>of(R.active("c1", R.ICD, "M51.26"), hypertension)).patient()
                .getDiagnoses()).containsExactly(Diagnosis.HERNIATED_DISC);
    }

    @Test
    void nothingOfTheCodesIsLogged() {
        PROVIDER.failing = true;
        FhirPatientMapper mapper = Examples.MAPPER.withTerminologyServer(base, GENEROUS);
        org.spinecds.rules.CapturingLogs.start();
        List<String> lines;
        try {
            mapper.map(RealRecordsTest.record("synthea-lumbar-disc-displacement.json"));
            PROVIDER.failing = false;
            mapper.map(RealRecordsTest.record("synthea-lumbar-disc-displacement.json"));
        } finally {
            lines = org.spinecds.rules.CapturingLogs.stop();
        }
        assertThat(lines).anyMatch(l -> l.contains("unclassified"));
        assertThat(lines).noneMatch(l -> l.contains("202708005") || l.contains("73589001") || l.contains("Kuhn"));
    }

    @Test
    void answersAreCached() {
        FhirPatientMapper mapper = Examples.MAPPER.withTerminologyServer(base, GENEROUS);
        var bundle = RealRecordsTest.record("synthea-lumbar-disc-displacement.json");
        mapper.map(bundle);
        int first = PROVIDER.calls.get();
        assertThat(first).isPositive();
        // the same mapper, and one derived from it with another clock, ask nothing again
        mapper.map(bundle);
        mapper.withClock(Examples.CLOCK).map(bundle);
        assertThat(PROVIDER.calls.get()).isEqualTo(first);
    }

    @Test
    void aFailingServerLeavesTheCodeUnclassifiedNeverUnrelated() {
        PROVIDER.failing = true;
        FhirPatientMapper mapper = Examples.MAPPER.withTerminologyServer(base, GENEROUS);
        var kyphosis = R.active("k", SCT, "414564002");
        Patient p = mapper.map(List.<Resource>of(R.active("c1", R.ICD, "M51.26"), kyphosis)).patient();
        assertThat(p.isKnown(Input.DIAGNOSES)).isFalse();
        assertThat(p.getDiagnosesPresent()).containsExactly(Diagnosis.HERNIATED_DISC);
        var hypertension = R.active("h", SCT, "59621000");
        assertThat(mapper.map(List.<Resource>of(R.active("c1", R.ICD, "M51.26"), hypertension)).patient()
                .isKnown(Input.DIAGNOSES)).isFalse();
        // failures are not cached: once the server answers, the code is classified
        PROVIDER.failing = false;
        assertThat(mapper.map(List.<Resource>of(R.active("c1", R.ICD, "M51.26"), hypertension)).patient()
                .getDiagnoses()).containsExactly(Diagnosis.HERNIATED_DISC);
    }

    @Test
    void aSlowServerIsGivenUpWithinTheTimeLimit() {
        PROVIDER.delayMillis.set(1_500);
        FhirPatientMapper mapper = Examples.MAPPER.withTerminologyServer(base, Duration.ofMillis(300));
        var hypertension = R.active("h", SCT, "59621000");
        long started = System.nanoTime();
        Patient p = mapper.map(List.<Resource>of(R.active("c1", R.ICD, "M51.26"), hypertension)).patient();
        long millis = (System.nanoTime() - started) / 1_000_000;
        // one call times out, and none starts after the limit: well under the many calls' sum
        assertThat(millis).isLessThan(1_500);
        assertThat(p.isKnown(Input.DIAGNOSES)).isFalse();
        assertThat(p.getDiagnosesPresent()).containsExactly(Diagnosis.HERNIATED_DISC);
    }

    @Test
    void anUnreachableServerLeavesTheCodeUnclassified() {
        FhirPatientMapper mapper = Examples.MAPPER.withTerminologyServer(URI.create("http://127.0.0.1:9/fhir"),
                Duration.ofMillis(500));
        var hypertension = R.active("h", SCT, "59621000");
        assertThat(mapper.map(List.<Resource>of(R.active("c1", R.ICD, "M51.26"), hypertension)).patient()
                .isKnown(Input.DIAGNOSES)).isFalse();
    }

    @Test
    void theConfigurationIsChecked() {
        assertThatThrownBy(() -> Examples.MAPPER.withTerminologyServer(URI.create("ftp://tx.example.org/fhir")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http");
        assertThatThrownBy(() -> Examples.MAPPER.withTerminologyServer(base, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time limit");
    }
}
