package org.spinecds.cdshooks.internal;

/**
 * A request the service answers with an HTTP error: the status and a message for the client. The
 * message may quote what the client sent (which can be patient data), so it is returned to the client
 * and never logged.
 */
public final class HttpError extends Exception {

    private final int status;

    private HttpError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** 400: the request is malformed; the message starts with the field in error. */
    public static HttpError badRequest(String field, String message) {
        return new HttpError(400, field + ": " + message);
    }

    /** 412: the data needed to judge the patient were not sent and cannot be fetched. */
    public static HttpError preconditionFailed(String message) {
        return new HttpError(412, message);
    }

    /** Any other status. */
    public static HttpError of(int status, String message) {
        return new HttpError(status, message);
    }

    public int status() {
        return status;
    }
}
