package org.spinecds.cdshooks.internal;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answer of the errors Jetty itself finds before or around the {@link Router} (a request header
 * over the size limit, 431; a malformed request line or header, 400; a URI too long, 414; a failure
 * that escaped a handler, 500): {@code {"error": "..."}} as {@code application/json}, like every answer
 * of the service, instead of Jetty's HTML page. The message is the status's own text with a hint, never
 * Jetty's message, which may quote the request.
 */
public final class JsonErrorHandler extends ErrorHandler {

    private static final Map<Integer, String> HINTS = Map.of(
            431, "a request header is larger than the limit (8 KiB); send a shorter token or fewer headers",
            414, "the request URI is too long",
            413, "the request body is over the size limit",
            400, "the request is not valid HTTP");

    public JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String reason = HttpStatus.getMessage(code);
        String text = HINTS.getOrDefault(code, reason == null ? "error " + code : reason.toLowerCase(java.util.Locale.ROOT));
        String body;
        try {
            body = Jackson.MAPPER.writeValueAsString(Map.of("error", text));
        } catch (JsonProcessingException e) {
            body = "{\"error\":\"error " + code + "\"}";
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (HttpStatus.hasNoBody(code) || "HEAD".equals(request.getMethod())) {
            callback.succeeded();
            return;
        }
        Content.Sink.write(response, true, body, callback);
    }
}
