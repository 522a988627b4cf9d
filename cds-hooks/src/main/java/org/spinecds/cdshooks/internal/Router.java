package org.spinecds.cdshooks.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoints: {@code GET /cds-services} (discovery, also with a trailing slash),
 * {@code POST /cds-services/{id}} (a hook
 * call) and {@code POST /cds-services/{id}/feedback}. Every call is authenticated first; errors are
 * answered as {@code {"error": "..."}} with their status. Only the method, the path, the status and
 * the time taken are logged: never a request body, a token or an error message (which may quote the
 * request), except the message of rules that failed on a patient, which names only rules (one WARN
 * line per such call). A client that goes away before its request body has arrived is a 400 logged
 * at DEBUG like any refused call, not an internal error.
 */
public final class Router extends Handler.Abstract {

    /** Answers a hook call with cards. */
    @FunctionalInterface
    public interface Hook {
        List<Card> answer(HookRequest request) throws HttpError;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final String BASE = "/cds-services";
    /** The request attribute set once the request body has been read to its end. */
    private static final String BODY_READ = Router.class.getName() + ".bodyRead";
    /** The largest request body accepted: room for a patient's prefetch bundles. */
    public static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private final Map<String, ServiceDefinition> services;
    private final Map<String, Hook> hooks;
    private final TokenVerifier tokens;
    private final FeedbackLog feedback;
    private final String discovery;

    /**
     * @param hooks the answer of each service, by service id
     * @param tokens the token check, or {@code null} to accept unauthenticated calls
     */
    public Router(Map<String, Hook> hooks, TokenVerifier tokens, FeedbackLog feedback) {
        super(InvocationType.BLOCKING);
        this.services = ServiceDefinition.ALL.stream().filter(s -> hooks.containsKey(s.id()))
                .collect(Collectors.toUnmodifiableMap(ServiceDefinition::id, Function.identity()));
        this.hooks = Map.copyOf(hooks);
        this.tokens = tokens;
        this.feedback = feedback;
        try {
            this.discovery = Jackson.MAPPER.writeValueAsString(Map.of("services",
                    ServiceDefinition.ALL.stream().filter(s -> hooks.containsKey(s.id())).toList()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the discovery document", e);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String path = Request.getPathInContext(request);
        int status;
        String body;
        try {
            body = route(request, path);
            status = 200;
        } catch (HttpError e) {
            status = e.status();
            body = error(e.getMessage());
            if (e.loggable()) {
                LOG.warn("{} {} -> {}: {}", request.getMethod(), safePath(path), status, e.getMessage());
            }
            if (status == 401) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, e.getMessage().startsWith("no bearer token")
                        ? "Bearer realm=\"cds-services\""
                        : "Bearer realm=\"cds-services\", error=\"invalid_token\", error_description=\""
                                + e.getMessage().replace('"', '\'') + "\"");
            }
        } catch (Exception | Error e) {
            String incident = UUID.randomUUID().toString();
            LOG.error("Internal error {} on {} {}: {} at {}", incident, request.getMethod(), safePath(path),
                    e.getClass().getName(), e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?");
            status = 500;
            body = error("internal error, incident " + incident);
        }
        response.setStatus(status);
        if (request.getAttribute(BODY_READ) == null) {
            discardBody(request, response);
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        LOG.debug("{} {} -> {} in {} ms", request.getMethod(), safePath(path), status,
                (System.nanoTime() - start) / 1_000_000);
        Content.Sink.write(response, true, body, callback);
        return true;
    }

    private String route(Request request, String path) throws Exception {
        if (path.equals(BASE) || path.equals(BASE + "/")) {
            // discovery, with or without a trailing slash (clients build {baseUrl}/cds-services/ too)
            method(request, "GET");
            authenticate(request, path);
            return discovery;
        }
        if (!path.startsWith(BASE + "/")) {
            throw HttpError.of(404, "no such endpoint; the services are listed at " + BASE);
        }
        String[] parts = path.substring(BASE.length() + 1).split("/", -1);
        boolean isFeedback = parts.length == 2 && parts[1].equals("feedback");
        if (parts.length > 2 || (parts.length == 2 && !isFeedback)) {
            throw HttpError.of(404, "no such endpoint; the services are listed at " + BASE);
        }
        method(request, "POST");
        TokenVerifier.Client client = authenticate(request, path);
        ServiceDefinition service = services.get(parts[0]);
        if (service == null) {
            throw HttpError.of(404, "no service " + HookRequest.shown(parts[0]) + "; the services are "
                    + String.join(", ", services.keySet()));
        }
        JsonNode json = readJson(request);
        if (isFeedback) {
            int lines = feedback.append(service.id(), json, client == null ? null : client.issuer());
            return Jackson.MAPPER.writeValueAsString(Map.of("logged", lines));
        }
        List<Card> cards = hooks.get(service.id()).answer(HookRequest.parse(json, service));
        return Jackson.MAPPER.writeValueAsString(Map.of("cards", cards));
    }

    /**
     * Reads and drops a request body the call was refused before reading (up to the size limit), so
     * that the connection can carry the client's next call; a larger or unknown-length body ends the
     * connection instead, and the client opens a new one.
     */
    private static void discardBody(Request request, Response response) {
        long length = request.getLength();
        if (length == 0) {
            return;
        }
        if (length > 0 && length <= MAX_BODY_BYTES) {
            try {
                Content.Source.consumeAll(request);
                return;
            } catch (java.io.IOException e) {
                // fall through: the connection is closed
            }
        }
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }

    private static void method(Request request, String allowed) throws HttpError {
        if (!request.getMethod().equals(allowed)) {
            throw HttpError.of(405, "use " + allowed);
        }
    }

    private TokenVerifier.Client authenticate(Request request, String path) throws HttpError {
        if (tokens == null) {
            return null;
        }
        try {
            return tokens.verify(request.getHeaders().get(HttpHeader.AUTHORIZATION), path);
        } catch (TokenVerifier.Rejected e) {
            LOG.warn("Refused {} {}: {}", request.getMethod(), safePath(path), e.getMessage());
            throw HttpError.of(401, e.getMessage());
        }
    }

    private static JsonNode readJson(Request request) throws HttpError, java.io.IOException {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String mime = type == null ? null : MimeTypes.getBase(type).toLowerCase(java.util.Locale.ROOT);
        if (!"application/json".equals(mime) && !"application/fhir+json".equals(mime)) {
            throw HttpError.of(415, "send the request as Content-Type: application/json");
        }
        long declared = request.getLength();
        if (declared > MAX_BODY_BYTES) {
            throw HttpError.of(413, "the request body is over " + MAX_BODY_BYTES / (1024 * 1024) + " MiB");
        }
        byte[] bytes;
        try (java.io.InputStream in = Content.Source.asInputStream(request)) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (java.io.IOException e) {
            // the client closed the connection or stopped sending: nothing is wrong with the service
            throw HttpError.badRequest("$", "the request body could not be read to its end ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length <= MAX_BODY_BYTES) {
            request.setAttribute(BODY_READ, Boolean.TRUE);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw HttpError.of(413, "the request body is over " + MAX_BODY_BYTES / (1024 * 1024) + " MiB");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw HttpError.badRequest("$", "the request body is not UTF-8 text");
        }
        if (text.isBlank()) {
            throw HttpError.badRequest("$", "the request body is empty");
        }
        try {
            return Jackson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw HttpError.badRequest("$", "invalid JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage());
        }
    }

    private static String error(String message) {
        try {
            return Jackson.MAPPER.writeValueAsString(Map.of("error", message));
        } catch (JsonProcessingException e) {
            return "{\"error\":\"internal error\"}";
        }
    }

    /** The path as it may be logged: the known shape, or a placeholder (a path could carry anything). */
    private String safePath(String path) {
        if (path.equals(BASE) || path.equals(BASE + "/")) {
            return path;
        }
        for (String id : services.keySet()) {
            if (path.equals(BASE + "/" + id) || path.equals(BASE + "/" + id + "/feedback")) {
                return path;
            }
        }
        return "(other path)";
    }
}
