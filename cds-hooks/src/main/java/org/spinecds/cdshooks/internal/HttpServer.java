package org.spinecds.cdshooks.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.CrossOriginHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The embedded Jetty server: one HTTP connector on the given address, cross-origin support for
 * browser-based CDS clients (the CDS Hooks "Cross-Origin Resource Sharing" section), then the
 * {@link Router}; Jetty's own errors answered as JSON ({@link JsonErrorHandler}); an idle timeout, a
 * deadline for a request's head ({@link HeaderDeadline}) and a limit on open connections. TLS is left to a reverse proxy in front of it, as usual for an embedded service.
 */
public final class HttpServer implements AutoCloseable {

    /** The largest request line and headers accepted (Jetty's default): a larger one is answered 431. */
    public static final int MAX_HEADER_BYTES = 8 * 1024;

    private final Server server;
    private final ServerConnector connector;

    /**
     * Starts serving.
     *
     * @param host the address to listen on, e.g. {@code 127.0.0.1}
     * @param port the port, or 0 for a free one
     * @param allowedOrigins the browser origins allowed to call (patterns as Jetty's
     *     {@link CrossOriginHandler} reads them; {@code *} for any)
     */
    public HttpServer(String host, int port, Set<String> allowedOrigins, Router router) throws Exception {
        this(host, port, allowedOrigins, router, Duration.ofSeconds(30), 1_000, Duration.ofSeconds(10));
    }

    /**
     * Starts serving.
     *
     * @param host the address to listen on, e.g. {@code 127.0.0.1}
     * @param port the port, or 0 for a free one
     * @param allowedOrigins the browser origins allowed to call (patterns as Jetty's
     *     {@link CrossOriginHandler} reads them; {@code *} for any)
     * @param idleTimeout how long a connection may stay silent (no byte in either direction) before it is
     *     closed: it bounds a client that opens a connection and sends nothing, or stops mid-request
     * @param maxConnections the most connections open at once; more wait to be accepted
     * @param requestHeadTimeout how long a request's line and headers may take to arrive, from their first
     *     byte ({@link HeaderDeadline}): it bounds a client that trickles its headers
     */
    public HttpServer(String host, int port, Set<String> allowedOrigins, Router router, Duration idleTimeout,
                      int maxConnections, Duration requestHeadTimeout) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("spinecds-http");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        http.setIdleTimeout(idleTimeout.toMillis());
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(idleTimeout.toMillis());
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(maxConnections, connector));
        HeaderDeadline heads = new HeaderDeadline(requestHeadTimeout);
        connector.addBean(heads);
        server.setErrorHandler(new JsonErrorHandler());

        CrossOriginHandler cors = new CrossOriginHandler();
        cors.setAllowedOriginPatterns(Set.copyOf(allowedOrigins));
        cors.setAllowedMethods(Set.of("GET", "POST", "OPTIONS"));
        cors.setAllowedHeaders(Set.of("Authorization", "Content-Type"));
        cors.setExposedHeaders(Set.of("WWW-Authenticate"));
        cors.setAllowCredentials(false);
        cors.setPreflightMaxAge(Duration.ofMinutes(10));
        cors.setHandler(router);
        heads.setHandler(cors);
        server.setHandler(heads);
        server.setStopTimeout(5_000);
        server.setStopAtShutdown(true);
        server.start();
        heads.start(connector.getScheduler());
    }

    /** The port the server listens on. */
    public int port() {
        return connector.getLocalPort();
    }

    /** The server's base URL on its listening address, e.g. {@code http://127.0.0.1:8080}. */
    public URI baseUri() {
        String host = connector.getHost() == null ? "localhost" : connector.getHost();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    /** Waits until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    /** Stops the server, letting the calls in progress finish (for up to five seconds). */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the HTTP server failed: " + e.getMessage(), e);
        }
    }
}
