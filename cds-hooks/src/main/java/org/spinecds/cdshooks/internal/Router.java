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
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoints: {@code GET /cds-services} (discovery, also with a trailing slash), {@code POST /cds-services/{id}} (a hook
 * call), {@code POST /cds-services/{id}/feedback}, and {@code GET /cds-services/questionnaires/spinecds-inputs}
 * (the Questionnaire of the inputs named by its {@code input} parameters, which carries no patient data
 * and is served without a token, so that the link of a card opens in the clinician's browser or form
 * engine). Every other call is authenticated first, from its headers alone; errors are answered as
 * {@code {"error": "..."}} with their status.
 *
 * <p>A request body is read only once the call is authenticated, routed and of the right method and
 * type: a call refused before that (401 above all) is answered at once, before a byte of its body is
 * parsed; what then arrives of the body is read and dropped for at most {@link #DRAIN_MILLIS}, so that
 * the connection does not close on unread bytes, which would reset it under the answer, and serves the
 * next call if the body ended in time. The body is read without holding a thread while it arrives, and must
 * arrive at {@code minDataRate} bytes per second or more (averaged from the start of the read, after
 * {@link #BODY_GRACE_MILLIS}): a client that trickles it is answered 408 and its connection closed, so
 * that slow clients hold neither a thread nor the service (a client that sends nothing at all is closed
 * by the connector's idle timeout). The rate is checked here, per request, because Jetty 12.1's core
 * server does not enforce {@code HttpConfiguration.minRequestDataRate} (only its servlet layer does),
 * and its {@code MinimumDataRateHandler} divides the bytes read by all requests together by one
 * request's time.
 *
 * <p>Only the method, the path, the status and the time taken are logged: never a request body, a token
 * or an error message (which may quote the request), except the message of rules that failed on a
 * patient, which names only rules (one WARN line per such call). A client that goes away before its
 * request body has arrived is a 400 logged at DEBUG like any refused call, not an internal error.
 */
public final class Router extends Handler.Abstract {

    /** Answers a hook call with cards. */
    @FunctionalInterface
    public interface Hook {
        List<Card> answer(HookRequest request) throws HttpError;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final String BASE = "/cds-services";
    /** The path of the inputs Questionnaire. */
    public static final String QUESTIONNAIRE_PATH = BASE + "/questionnaires/spinecds-inputs";
    /** The largest request body accepted: room for a patient's prefetch bundles. */
    public static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
    /** How long a body may take to start arriving at the minimum rate, in milliseconds. */
    public static final long BODY_GRACE_MILLIS = 1_000;
    /**
     * How long the rest of a body is still read, and dropped, after its call was answered before its end
     * (a refused call above all), in milliseconds; then the connection is closed.
     */
    public static final long DRAIN_MILLIS = 5_000;

    private final Map<String, ServiceDefinition> services;
    private final Map<String, Hook> hooks;
    private final TokenVerifier tokens;
    private final FeedbackLog feedback;
    private final String discovery;
    private final long minDataRate;

    /**
     * @param hooks the answer of each service, by service id
     * @param tokens the token check, or {@code null} to accept unauthenticated calls
     */
    public Router(Map<String, Hook> hooks, TokenVerifier tokens, FeedbackLog feedback) {
        this(hooks, tokens, feedback, 0);
    }

    /**
     * @param hooks the answer of each service, by service id
     * @param tokens the token check, or {@code null} to accept unauthenticated calls
     * @param minDataRate the slowest a request body may arrive, in bytes per second (0 for no limit)
     */
    public Router(Map<String, Hook> hooks, TokenVerifier tokens, FeedbackLog feedback, long minDataRate) {
        super(InvocationType.BLOCKING);
        this.services = ServiceDefinition.ALL.stream().filter(s -> hooks.containsKey(s.id()))
                .collect(Collectors.toUnmodifiableMap(ServiceDefinition::id, Function.identity()));
        this.hooks = Map.copyOf(hooks);
        this.tokens = tokens;
        this.feedback = feedback;
        this.minDataRate = minDataRate;
        try {
            this.discovery = Jackson.MAPPER.writeValueAsString(Map.of("services",
                    ServiceDefinition.ALL.stream().filter(s -> hooks.containsKey(s.id())).toList()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the discovery document", e);
        }
    }

    /** What a routed call answers: a JSON text now, or once its body has been read. */
    private record Answer(String now, String contentType, BodyAction withBody) {
        static Answer json(String text) {
            return new Answer(text, JSON, null);
        }
    }

    /** The work a call does with its request body, once read. */
    @FunctionalInterface
    private interface BodyAction {
        String answer(JsonNode body) throws Exception;
    }

    private static final String JSON = "application/json; charset=utf-8";
    private static final String FHIR_JSON = "application/fhir+json; charset=utf-8";

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange exchange = new Exchange(request, response, callback, Request.getPathInContext(request));
        Answer answer;
        try {
            answer = route(request, exchange.path);
        } catch (Exception | Error e) {
            exchange.fail(e);
            return true;
        }
        if (answer.withBody() == null) {
            exchange.finish(200, answer.contentType(), answer.now());
        } else {
            new BodyReader(exchange, answer.withBody()).run();
        }
        return true;
    }

    /** One call: answers it once, with its status, type and the log line. */
    private final class Exchange {
        final Request request;
        final Response response;
        final Callback callback;
        final String path;
        final long start = System.nanoTime();
        /** Whether the reading of the request body has begun, and whether it has been read to its end. */
        boolean bodyStarted;
        boolean bodyRead;

        Exchange(Request request, Response response, Callback callback, String path) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.path = path;
        }

        void fail(Throwable t) {
            if (t instanceof HttpError e) {
                if (e.loggable()) {
                    LOG.warn("{} {} -> {}: {}", request.getMethod(), safePath(path), e.status(), e.getMessage());
                } else if (e.field() != null) {
                    // why, without the values: the field in error (the message, which may quote them, is the client's)
                    LOG.info("Refused {} {} -> {}: field {}", request.getMethod(), safePath(path), e.status(),
                            HookRequest.shown(e.field()));
                }
                if (e.status() == 401) {
                    response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, e.getMessage().startsWith("no bearer token")
                            ? "Bearer realm=\"cds-services\""
                            : "Bearer realm=\"cds-services\", error=\"invalid_token\", error_description=\""
                                    + e.getMessage().replace('"', '\'') + "\"");
                }
                finish(e.status(), JSON, error(e.getMessage()));
                return;
            }
            String incident = UUID.randomUUID().toString();
            LOG.error("Internal error {} on {} {}: {} at {}", incident, request.getMethod(), safePath(path),
                    t.getClass().getName(), t.getStackTrace().length > 0 ? t.getStackTrace()[0] : "?");
            finish(500, JSON, error("internal error, incident " + incident));
        }

        void finish(int status, String contentType, String body) {
            response.setStatus(status);
            boolean unread = !bodyRead && hasBody(request);
            // a call refused on its headers: its body, unread, is dropped after the answer (Drain)
            boolean drain = unread && !bodyStarted && request.getLength() <= MAX_BODY_BYTES;
            if (unread && !drain) {
                // a body cut off (too slow, too large, broken): the connection ends with this answer
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            LOG.debug("{} {} -> {} in {} ms", request.getMethod(), safePath(path), status,
                    (System.nanoTime() - start) / 1_000_000);
            if (drain) {
                Content.Sink.write(response, true, body, Callback.from(() -> new Drain(request, callback).start(),
                        callback::failed));
            } else {
                Content.Sink.write(response, true, body, callback);
            }
        }
    }

    /**
     * Reads a request body as it arrives, without blocking: each time the content read so far is used up,
     * it checks the rate and asks to be called again when more arrives. Then it does the call's work, on
     * the thread Jetty called it on (a pool thread, as this reader is a blocking task to Jetty).
     */
    private final class BodyReader implements Runnable {
        private final Exchange exchange;
        private final BodyAction action;
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        private final long start = System.nanoTime();

        BodyReader(Exchange exchange, BodyAction action) {
            this.exchange = exchange;
            this.action = action;
            exchange.bodyStarted = true;
        }

        @Override
        public void run() {
            Request request = exchange.request;
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    if (tooSlow()) {
                        LOG.debug("{} {}: the body arrives slower than {} B/s", request.getMethod(),
                                safePath(exchange.path), minDataRate);
                        exchange.fail(HttpError.of(408, "the request body arrives slower than " + minDataRate
                                + " bytes per second"));
                        return;
                    }
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    Throwable cause = chunk.getFailure();
                    chunk.release();
                    // the client closed the connection or stopped sending: nothing is wrong with the service
                    exchange.fail(HttpError.badRequest("$", "the request body could not be read to its end ("
                            + cause.getClass().getSimpleName() + ")"));
                    return;
                }
                java.nio.ByteBuffer buffer = chunk.getByteBuffer();
                if (bytes.size() + (long) buffer.remaining() > MAX_BODY_BYTES) {
                    chunk.release();
                    exchange.fail(HttpError.of(413, "the request body is over " + MAX_BODY_BYTES / (1024 * 1024)
                            + " MiB"));
                    return;
                }
                byte[] part = new byte[buffer.remaining()];
                buffer.get(part);
                bytes.write(part, 0, part.length);
                boolean last = chunk.isLast();
                chunk.release();
                if (last) {
                    exchange.bodyRead = true;
                    String answer;
                    try {
                        answer = action.answer(json(bytes.toByteArray()));
                    } catch (Exception | Error e) {
                        exchange.fail(e);
                        return;
                    }
                    exchange.finish(200, JSON, answer);
                    return;
                }
            }
        }

        /** Whether the body has arrived slower than the minimum rate, on average, since the read began. */
        private boolean tooSlow() {
            if (minDataRate <= 0) {
                return false;
            }
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000 - BODY_GRACE_MILLIS;
            return elapsedMillis > 0 && bytes.size() < minDataRate * elapsedMillis / 1000;
        }
    }

    /**
     * Reads and drops the rest of a request body whose call has been answered before its end, for at
     * most {@link #DRAIN_MILLIS} and {@link #MAX_BODY_BYTES}, then ends the call and with it the connection.
     * Closing a connection with bytes of the request still unread makes the service's TCP stack send a
     * reset, which can destroy the answer in the client before the client has read it: a 401 would then
     * reach the EHR as a broken connection (RFC 9112, section 9.6).
     */
    private static final class Drain implements Runnable {
        private final Request request;
        private final Callback callback;
        private long dropped;
        private boolean ended;
        private Scheduler.Task deadline;

        Drain(Request request, Callback callback) {
            this.request = request;
            this.callback = callback;
        }

        void start() {
            Scheduler.Task task = request.getComponents().getScheduler().schedule(this::end, DRAIN_MILLIS,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
            synchronized (this) {
                deadline = task;
            }
            run();
        }

        @Override
        public void run() {
            if (readToTheEnd()) {
                end();
            }
        }

        /** Drops what has arrived; whether the body has ended, or is over the limit. */
        private synchronized boolean readToTheEnd() {
            while (!ended) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return false;
                }
                boolean last = chunk.isLast() || Content.Chunk.isFailure(chunk);
                dropped += chunk.remaining();
                chunk.release();
                if (last || dropped > MAX_BODY_BYTES) {
                    return true;
                }
            }
            return false;
        }

        /** Ends the call, once: at the body's end or at the deadline, whichever comes first. */
        private void end() {
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
            }
            deadline.cancel();
            callback.succeeded();
        }
    }

    private Answer route(Request request, String path) throws Exception {
        if (path.equals(BASE) || path.equals(BASE + "/") || path.equals(QUESTIONNAIRE_PATH)) {
            // discovery with or without a trailing slash (clients build {baseUrl}/cds-services/ too)
            method(request, "GET");
            if (path.equals(QUESTIONNAIRE_PATH)) {
                return new Answer(Questionnaires.json(request), FHIR_JSON, null);
            }
            authenticate(request, path);
            return Answer.json(discovery);
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
        checkJsonBody(request);
        if (isFeedback) {
            return new Answer(null, JSON, json -> Jackson.MAPPER.writeValueAsString(Map.of("logged",
                    feedback.append(service.id(), json, client == null ? null : client.issuer()))));
        }
        return new Answer(null, JSON, json -> Jackson.MAPPER.writeValueAsString(Map.of("cards",
                hooks.get(service.id()).answer(HookRequest.parse(json, service)))));
    }

    /** Whether the request says it has a body (a length, or chunked). */
    private static boolean hasBody(Request request) {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
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

    /** Refuses, before a byte of it is read, a body that is not JSON or says it is too large. */
    private static void checkJsonBody(Request request) throws HttpError {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String mime = type == null ? null : MimeTypes.getBase(type).toLowerCase(java.util.Locale.ROOT);
        if (!"application/json".equals(mime) && !"application/fhir+json".equals(mime)) {
            throw HttpError.of(415, "send the request as Content-Type: application/json");
        }
        if (request.getLength() > MAX_BODY_BYTES) {
            throw HttpError.of(413, "the request body is over " + MAX_BODY_BYTES / (1024 * 1024) + " MiB");
        }
    }

    private static JsonNode json(byte[] bytes) throws HttpError {
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
        if (path.equals(BASE) || path.equals(BASE + "/") || path.equals(QUESTIONNAIRE_PATH)) {
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
