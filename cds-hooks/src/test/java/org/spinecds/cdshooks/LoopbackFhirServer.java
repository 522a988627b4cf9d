package org.spinecds.cdshooks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.spinecds.fhir.FhirJson;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;

/**
 * A real FHIR R4 server on loopback for the tests: HAPI FHIR's plain {@link RestfulServer} in Jetty,
 * with one resource provider per type over an in-memory store (read by id, search by {@code patient}),
 * paged {@link #PAGE_SIZE} resources a page. It records every request's path, query and
 * {@code Authorization} header, and can hold the answers of a type back for a while (a slow server).
 */
final class LoopbackFhirServer implements AutoCloseable {

    static final int PAGE_SIZE = 2;
    static final List<String> TYPES = List.of("Patient", "Condition", "Observation", "MedicationStatement",
            "MedicationRequest", "Procedure", "ServiceRequest");

    /** One request as the server saw it. */
    record Seen(String path, String query, String authorization) {
    }

    private final Map<String, List<Resource>> store = new ConcurrentHashMap<>();
    private final Map<String, Long> delays = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Server jetty;
    private final int port;

    LoopbackFhirServer() throws Exception {
        jetty = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(restful()), "/fhir/*");
        context.addServlet(new ServletHolder(restful()), "/other/*");
        jetty.setHandler(context);
        jetty.start();
        port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    private RestfulServer restful() {
        RestfulServer server = new RestfulServer(FhirContext.forR4Cached()) {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response)
                    throws ServletException, IOException {
                seen.add(new Seen(request.getRequestURI(), request.getQueryString(), request.getHeader("Authorization")));
                super.service(request, response);
            }
        };
        List<IResourceProvider> providers = new ArrayList<>();
        for (String type : TYPES) {
            providers.add(new Provider(type));
        }
        server.setResourceProviders(providers);
        FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(100);
        paging.setDefaultPageSize(PAGE_SIZE);
        paging.setMaximumPageSize(PAGE_SIZE);
        server.setPagingProvider(paging);
        return server;
    }

    /** The base URL of the server's FHIR endpoint ({@code /fhir}), or of the other one ({@code /other}). */
    URI base(String path) {
        return URI.create("http://127.0.0.1:" + port + "/" + path);
    }

    /** Stores resources given as FHIR JSON (each with an id). */
    void put(List<String> resources) {
        for (String json : resources) {
            Resource r = (Resource) FhirJson.parse(json);
            store.computeIfAbsent(r.fhirType(), t -> new CopyOnWriteArrayList<>()).add(r);
        }
    }

    /** Holds every answer about {@code type} back by {@code millis}. */
    void delay(String type, long millis) {
        delays.put(type, millis);
    }

    List<Seen> seen() {
        return Collections.unmodifiableList(seen);
    }

    void forget() {
        seen.clear();
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }

    /** Read and search of one type over the store. */
    public final class Provider implements IResourceProvider {
        private final String type;

        Provider(String type) {
            this.type = type;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return FhirContext.forR4Cached().getResourceDefinition(type).getImplementingClass();
        }

        private void hold() {
            Long millis = delays.get(type);
            if (millis != null) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Read
        public IBaseResource read(@IdParam IdType id) {
            hold();
            return store.getOrDefault(type, List.of()).stream()
                    .filter(r -> r.getIdElement().getIdPart().equals(id.getIdPart())).findFirst()
                    .orElseThrow(() -> new ResourceNotFoundException(id));
        }

        @Search
        public List<IBaseResource> byPatient(@RequiredParam(name = "patient") ReferenceParam patient) {
            hold();
            String wanted = "Patient/" + patient.getIdPart();
            List<IBaseResource> out = new ArrayList<>();
            for (Resource r : store.getOrDefault(type, List.of())) {
                String json = FhirJson.context().newJsonParser().encodeResourceToString(r);
                if (json.contains("\"reference\":\"" + wanted + "\"")) {
                    out.add(r);
                }
            }
            return out;
        }
    }
}
