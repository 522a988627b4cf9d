package org.spinecds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The logging binding of the rules module's tests. While {@link #start()} is in force, every message
 * of every logger, at every level down to TRACE, is kept (formatted, with its exception) so that a
 * test can search all that was logged; otherwise only INFO and above are handled, and warnings and
 * errors are printed.
 */
public final class CapturingLogs implements SLF4JServiceProvider {

    private static final ConcurrentLinkedQueue<String> LINES = new ConcurrentLinkedQueue<>();
    private static volatile boolean capturing;

    /** Starts keeping every message, at every level, from now on. */
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

    private final ILoggerFactory factory = CapturingLogger::new;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
    }

    private static final class CapturingLogger extends AbstractLogger {
        CapturingLogger(String name) {
            this.name = name;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                                                   Throwable t) {
            StringBuilder line = new StringBuilder(level + " " + name + " - "
                    + MessageFormatter.basicArrayFormat(pattern, args));
            for (Throwable c = t; c != null; c = c.getCause()) {
                line.append(" | ").append(c);
            }
            if (capturing) {
                LINES.add(line.toString());
            }
            if (level == Level.WARN || level == Level.ERROR) {
                System.err.println(line);
            }
        }

        @Override public boolean isTraceEnabled() { return capturing; }
        @Override public boolean isTraceEnabled(Marker marker) { return capturing; }
        @Override public boolean isDebugEnabled() { return capturing; }
        @Override public boolean isDebugEnabled(Marker marker) { return capturing; }
        @Override public boolean isInfoEnabled() { return true; }
        @Override public boolean isInfoEnabled(Marker marker) { return true; }
        @Override public boolean isWarnEnabled() { return true; }
        @Override public boolean isWarnEnabled(Marker marker) { return true; }
        @Override public boolean isErrorEnabled() { return true; }
        @Override public boolean isErrorEnabled(Marker marker) { return true; }
    }
}
