package org.spinecds;

/** The base of every exception SpineCDS throws on purpose. */
public class SpineCdsException extends RuntimeException {

    protected SpineCdsException(String message) {
        super(message);
    }

    protected SpineCdsException(String message, Throwable cause) {
        super(message, cause);
    }
}
