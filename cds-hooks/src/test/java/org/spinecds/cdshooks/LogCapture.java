package org.spinecds.cdshooks;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The logging binding of this module's tests. Between {@link #start()} and {@link #stop()} every
 * logger is enabled at every level, down to TRACE, and every message (formatted, with its exceptions)
 * is kept, so that a test can search all that the service, Jetty, HAPI FHIR and the rule engine
 * logged. Otherwise INFO and above are handled. Warnings and errors are also printed.
 */
public final class LogCapture implements SLF4JServiceProvider {

    private static final ConcurrentLinkedQueue<String> LINES = new ConcurrentLinkedQueue<>();
    private static final Map<String, Logger> LOGGERS = new ConcurrentHashMap<>();
    private static volatile boolean capturing;

    /** Starts keeping every message, at every level. */
    public static void start() {
        LINES.clear();
        capturing = true;
    }

    /** Stops keeping messages and returns everything logged since {@link #start()}. */
    public static List<String> stop() {
        capturing = false;
        List<String> lines = new ArrayList<>(LINES);
        LINES.clear();
        return lines;
    }

    private static Logger logger(String name) {
        return LOGGERS.computeIfAbsent(name, n -> (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(),
                new Class<?>[] {Logger.class}, (proxy, method, args) -> invoke(n, method, args)));
    }

    private static Object invoke(String name, Method method, Object[] args) {
        String m = method.getName();
        if (m.equals("getName")) {
            return name;
        }
        if (m.startsWith("is") && m.endsWith("Enabled")) {
            return capturing || !(m.equals("isTraceEnabled") || m.equals("isDebugEnabled"));
        }
        if (!List.of("trace", "debug", "info", "warn", "error").contains(m) || args == null) {
            return method.getReturnType() == boolean.class ? false : null;
        }
        if (!capturing && (m.equals("trace") || m.equals("debug"))) {
            return null;
        }
        List<Object> rest = new ArrayList<>(Arrays.asList(args));
        if (!rest.isEmpty() && rest.get(0) instanceof Marker) {
            rest.remove(0);
        }
        String pattern = String.valueOf(rest.remove(0));
        Object[] params = rest.size() == 1 && rest.get(0) instanceof Object[] array ? array : rest.toArray();
        FormattingTuple t = MessageFormatter.arrayFormat(pattern, params);
        StringBuilder line = new StringBuilder(m.toUpperCase(java.util.Locale.ROOT)).append(' ').append(name)
                .append(" - ").append(t.getMessage());
        for (Throwable c = t.getThrowable(); c != null; c = c.getCause()) {
            line.append(" | ").append(c);
        }
        if (capturing) {
            LINES.add(line.toString());
        }
        if (m.equals("warn") || m.equals("error")) {
            System.err.println(line);
        }
        return null;
    }

    private final ILoggerFactory factory = LogCapture::logger;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();

    @Override public ILoggerFactory getLoggerFactory() { return factory; }

    @Override public IMarkerFactory getMarkerFactory() { return markers; }

    @Override public MDCAdapter getMDCAdapter() { return mdc; }

    @Override public String getRequestedApiVersion() { return "2.0.99"; }

    @Override public void initialize() { }
}
