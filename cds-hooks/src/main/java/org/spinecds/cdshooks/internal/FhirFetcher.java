package org.spinecds.cdshooks.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinecds.cdshooks.FhirServerAccess;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.gclient.ReferenceClientParam;

/**
 * Reads what a prefetch lacks from a client's FHIR server, through HAPI FHIR's generic client: the
 * patient's {@code Patient} resource, and a type's resources by {@code Type?patient=id}, following the
 * server's {@code next} links for at most {@link FhirServerAccess#maxPages()} pages. Each request is
 * bound by the connect and read time limits; all the requests of one call by the total time limit (and
 * the token's {@code expires_in}). Only base URLs the site allows reach this class, and a {@code next}
 * link that leaves the server's base URL is not followed.
 *
 * <p>Responses are parsed strictly by a FHIR context of its own (an unknown element or an invalid value
 * fails the page, which then counts as not read, instead of being logged as HAPI's lenient default
 * would). Nothing of a patient is logged: a failed request is logged with the resource type and the
 * exception's class only, since messages and URLs carry the patient's id.
 */
public final class FhirFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(FhirFetcher.class);

    private final FhirServerAccess access;
    private final ApacheRestfulClientFactory clients;

    public FhirFetcher(FhirServerAccess access) {
        this.access = access;
        FhirContext context = FhirContext.forR4();
        context.setParserErrorHandler(new StrictErrorHandler());
        ApacheRestfulClientFactory factory = new ApacheRestfulClientFactory(context);
        factory.setConnectTimeout((int) access.connectTimeout().toMillis());
        factory.setConnectionRequestTimeout((int) access.connectTimeout().toMillis());
        factory.setSocketTimeout((int) access.readTimeout().toMillis());
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        context.setRestfulClientFactory(factory);
        this.clients = factory;
    }

    public FhirServerAccess access() {
        return access;
    }

    /** One call's session with a server: its base URL, the bearer token and the deadline. */
    public Session session(URI base, String bearerToken, long deadlineNanos) {
        return new Session(base, bearerToken, deadlineNanos);
    }

    /** The resources of a search and whether they are all of its results. */
    public record Result(List<Resource> resources, boolean complete) {
        public Result {
            resources = List.copyOf(resources);
        }

        @Override
        public String toString() {
            return "Result[" + resources.size() + " resources" + (complete ? "" : ", incomplete") + "]";
        }
    }

    /** Requests to one server for one hook call. */
    public final class Session {
        private final URI base;
        private final IGenericClient client;
        private final long deadline;

        private Session(URI base, String bearerToken, long deadline) {
            this.base = base;
            this.deadline = deadline;
            this.client = clients.newGenericClient(base.toString());
            if (bearerToken != null) {
                client.registerInterceptor(new BearerTokenAuthInterceptor(bearerToken));
            }
        }

        private boolean timeLeft(String what) {
            if (System.nanoTime() - deadline >= 0) {
                LOG.info("fhirServer: no time left to read {}; it stays incomplete", what);
                return false;
            }
            return true;
        }

        /** The Patient of this id, or {@code null} when it cannot be read. */
        public Patient patient(String id) {
            if (!timeLeft("Patient")) {
                return null;
            }
            try {
                return client.read().resource(Patient.class).withId(id).execute();
            } catch (RuntimeException e) {
                LOG.info("fhirServer: reading the Patient failed ({}); it stays unknown", e.getClass().getSimpleName());
                return null;
            }
        }

        /** The resources of {@code type} for the patient, as many pages as the limits allow. */
        public Result search(String type, String patientId) {
            List<Resource> out = new ArrayList<>();
            if (!timeLeft(type)) {
                return new Result(out, false);
            }
            try {
                Bundle page = client.search().forResource(type)
                        .where(new ReferenceClientParam("patient").hasId(patientId))
                        .returnBundle(Bundle.class).execute();
                int pages = 1;
                while (true) {
                    boolean pageComplete = collect(page, type, out);
                    if (!pageComplete) {
                        LOG.info("fhirServer: a page of {} held an error outcome; the list stays incomplete", type);
                        return new Result(out, false);
                    }
                    Bundle.BundleLinkComponent next = page.getLink(Bundle.LINK_NEXT);
                    if (next == null || next.getUrl() == null || next.getUrl().isBlank()) {
                        return new Result(out, true);
                    }
                    if (pages >= access.maxPages()) {
                        LOG.info("fhirServer: {} has more than {} pages; the list stays incomplete", type,
                                access.maxPages());
                        return new Result(out, false);
                    }
                    if (!onServer(next.getUrl())) {
                        LOG.warn("fhirServer: a next link of {} leaves the server's base URL and is not followed; the "
                                + "list stays incomplete", type);
                        return new Result(out, false);
                    }
                    if (!timeLeft(type)) {
                        return new Result(out, false);
                    }
                    page = client.loadPage().next(page).execute();
                    pages++;
                }
            } catch (RuntimeException e) {
                LOG.info("fhirServer: the search of {} failed ({}); the list stays incomplete", type,
                        e.getClass().getSimpleName());
                return new Result(out, false);
            }
        }

        private boolean onServer(String url) {
            URI u;
            try {
                u = URI.create(url);
            } catch (IllegalArgumentException e) {
                return false;
            }
            if (!u.isAbsolute()) {
                return false;
            }
            String raw = u.normalize().toString();
            int query = raw.indexOf('?');
            URI n = FhirServerAccess.normalise(query < 0 ? raw : raw.substring(0, query));
            String b = base.toString();
            return n != null && (n.toString().equals(b) || n.toString().startsWith(b + "/"));
        }

        /** Adds the page's resources of the type (and Medication); false when it holds an error outcome. */
        private boolean collect(Bundle page, String type, List<Resource> out) {
            boolean complete = true;
            for (Bundle.BundleEntryComponent e : page.getEntry()) {
                Resource r = e.getResource();
                if (r == null) {
                    continue;
                }
                if (r instanceof org.hl7.fhir.r4.model.OperationOutcome oo) {
                    complete &= !HookService.isError(oo);
                } else if (r.fhirType().equals(type) || r.fhirType().equals("Medication")) {
                    out.add(r);
                }
            }
            return complete;
        }
    }
}
