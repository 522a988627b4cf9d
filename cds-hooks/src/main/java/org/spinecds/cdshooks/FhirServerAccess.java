package org.spinecds.cdshooks;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which FHIR servers the service may query for what a hook call's prefetch lacks, and how: the CDS
 * Hooks {@code fhirServer} of a call is contacted, with the call's {@code fhirAuthorization} bearer
 * token, only when it is one of the base URLs a site allows here (never an arbitrary URL a request
 * names), each request bounded by a connect and a read time limit, a search followed for at most
 * {@link #maxPages()} pages, and all the fetching of one call by {@link #totalTimeLimit()}.
 *
 * <pre>{@code
 * FhirServerAccess.allowing(List.of(URI.create("https://ehr.example.org/fhir")))
 *         .withReadTimeout(Duration.ofSeconds(2)).withMaxPages(5)
 * }</pre>
 *
 * <p>A call's token is used only while its {@code expires_in} lasts (0: not at all), and only when its
 * {@code subject} is the service's {@linkplain #withClientId client id}, if one is set.
 *
 * <p>Immutable. {@link #none()} (the default) contacts no server: a call is assessed on its prefetch.
 */
public final class FhirServerAccess {

    private static final Duration DEFAULT_CONNECT = Duration.ofSeconds(2);
    private static final Duration DEFAULT_READ = Duration.ofSeconds(3);
    private static final Duration DEFAULT_TOTAL = Duration.ofSeconds(8);
    private static final int DEFAULT_PAGES = 5;
    private static final int MAX_PAGES = 100;

    private final List<URI> allowed;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration totalTimeLimit;
    private final int maxPages;
    private final String clientId;

    private FhirServerAccess(List<URI> allowed, Duration connectTimeout, Duration readTimeout, Duration totalTimeLimit,
                             int maxPages, String clientId) {
        this.allowed = List.copyOf(allowed);
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.totalTimeLimit = totalTimeLimit;
        this.maxPages = maxPages;
        this.clientId = clientId;
    }

    /** No FHIR server is ever contacted. */
    public static FhirServerAccess none() {
        return new FhirServerAccess(List.of(), DEFAULT_CONNECT, DEFAULT_READ, DEFAULT_TOTAL, DEFAULT_PAGES, null);
    }

    /**
     * The FHIR servers of these base URLs may be queried (e.g. {@code https://ehr.example.org/fhir}); a
     * call's {@code fhirServer} must be one of them, compared without a trailing slash and with the
     * scheme and host in lower case.
     *
     * @throws IllegalArgumentException if a URL is not an absolute http(s) URL without query or fragment,
     *     naming it
     */
    public static FhirServerAccess allowing(Collection<URI> baseUrls) {
        Objects.requireNonNull(baseUrls, "baseUrls");
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("fhirServers: give at least one base URL, or use "
                    + "FhirServerAccess.none()");
        }
        List<URI> out = new ArrayList<>();
        for (URI u : baseUrls) {
            if (u == null) {
                throw new IllegalArgumentException("fhirServers: a base URL is null");
            }
            URI n = normalise(u.toString());
            if (n == null) {
                throw new IllegalArgumentException("fhirServers: " + u + " is not an absolute http(s) base URL "
                        + "without query or fragment, e.g. https://ehr.example.org/fhir");
            }
            out.add(n);
        }
        return new FhirServerAccess(out, DEFAULT_CONNECT, DEFAULT_READ, DEFAULT_TOTAL, DEFAULT_PAGES, null);
    }

    /** The time limit to open a connection (2 s by default; 1 ms to 30 s). */
    public FhirServerAccess withConnectTimeout(Duration timeout) {
        return new FhirServerAccess(allowed, check("connectTimeout", timeout), readTimeout, totalTimeLimit,
                maxPages, clientId);
    }

    /** The time limit to wait for a response's data (3 s by default; 1 ms to 30 s). */
    public FhirServerAccess withReadTimeout(Duration timeout) {
        return new FhirServerAccess(allowed, connectTimeout, check("readTimeout", timeout), totalTimeLimit,
                maxPages, clientId);
    }

    /** The time limit for all the fetching of one hook call (8 s by default; 1 ms to 30 s). */
    public FhirServerAccess withTotalTimeLimit(Duration limit) {
        return new FhirServerAccess(allowed, connectTimeout, readTimeout, check("totalTimeLimit", limit),
                maxPages, clientId);
    }

    /** The most pages of one search that are read (5 by default; 1 to 100); a longer result stays incomplete. */
    public FhirServerAccess withMaxPages(int pages) {
        if (pages < 1 || pages > MAX_PAGES) {
            throw new IllegalArgumentException("maxPages: must be 1 to " + MAX_PAGES + ", got " + pages);
        }
        return new FhirServerAccess(allowed, connectTimeout, readTimeout, totalTimeLimit, pages, clientId);
    }

    /**
     * The service's OAuth 2.0 client id at the clients' authorization server: a call's
     * {@code fhirAuthorization.subject} must be it, or its token is not used (the server is not
     * contacted). Not set by default: any subject is accepted.
     */
    public FhirServerAccess withClientId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("clientId: give the service's client id, e.g. spinecds");
        }
        return new FhirServerAccess(allowed, connectTimeout, readTimeout, totalTimeLimit, maxPages, id);
    }

    /** The client id a token's {@code subject} must be, or {@code null} for any. */
    public String clientId() {
        return clientId;
    }

    /** The allowed base URLs, normalised. */
    public List<URI> allowed() {
        return allowed;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public Duration totalTimeLimit() {
        return totalTimeLimit;
    }

    public int maxPages() {
        return maxPages;
    }

    /** Whether any server may be contacted. */
    public boolean isEnabled() {
        return !allowed.isEmpty();
    }

    /** The allowed base URL a call's {@code fhirServer} names, or {@code null} when it is not allowed. */
    public URI match(String fhirServer) {
        URI n = fhirServer == null ? null : normalise(fhirServer);
        return n != null && allowed.contains(n) ? n : null;
    }

    /**
     * A URL in a normal form: scheme and host in lower case, no default port, no trailing slash; null
     * when it is not an absolute http(s) URL with a host and without user info, query or fragment.
     */
    public static URI normalise(String url) {
        URI u;
        try {
            u = new URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            return null;
        }
        String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
        if (!u.isAbsolute() || !("https".equals(scheme) || "http".equals(scheme)) || u.getHost() == null
                || u.getRawUserInfo() != null || u.getRawQuery() != null || u.getRawFragment() != null) {
            return null;
        }
        int port = u.getPort();
        if (("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80)) {
            port = -1;
        }
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String host = u.getHost().toLowerCase(Locale.ROOT);
        return URI.create(scheme + "://" + host + (port < 0 ? "" : ":" + port) + path);
    }

    private static Duration check(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.toMillis() < 1 || d.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new IllegalArgumentException(name + ": must be 1 ms to 30 s, got " + d);
        }
        return d;
    }

    /** The number of allowed servers and the limits: the URLs are configuration, not patient data. */
    @Override
    public String toString() {
        return "FhirServerAccess[" + allowed + ", connect " + connectTimeout + ", read " + readTimeout + ", total "
                + totalTimeLimit + ", " + maxPages + " pages]";
    }
}
