package org.spinecds.cdshooks.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deadline for a request's line and headers: a connection that has received bytes of a request which
 * has not reached a handler within the deadline is closed. The idle timeout cannot bound a client that
 * sends a header byte every few seconds (each byte restarts it), and the minimum body rate
 * ({@link Router}) starts only once the headers are in; without this, such clients would hold every
 * connection the connector allows, unauthenticated (a "slowloris"). A connection is watched only while
 * no request of it is being handled: from the end of one answer (or its opening) the bytes it receives
 * are those of the next request's head.
 */
final class HeaderDeadline extends Handler.Wrapper implements Connection.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(HeaderDeadline.class);
    private static final long SWEEP_MILLIS = 250;

    private final long deadlineNanos;
    private final Map<Connection, Watch> open = new ConcurrentHashMap<>();
    private volatile Scheduler scheduler;

    /** What is known of one connection: whether a request of it is being handled, and since when it has received a head. */
    private static final class Watch {
        volatile boolean handling;
        volatile long bytesAtRest;
        volatile long headSince = -1;
    }

    HeaderDeadline(Duration deadline) {
        this.deadlineNanos = deadline.toNanos();
    }

    /** Starts the sweeps on the server's scheduler. */
    void start(Scheduler scheduler) {
        this.scheduler = scheduler;
        scheduler.schedule(this::sweep, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpened(Connection connection) {
        open.put(connection, new Watch());
    }

    @Override
    public void onClosed(Connection connection) {
        open.remove(connection);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Connection connection = request.getConnectionMetaData().getConnection();
        Watch watch = open.get(connection);
        if (watch == null) {
            return super.handle(request, response, callback);
        }
        watch.handling = true;
        Callback rest = new Callback() {
            @Override
            public void succeeded() {
                atRest(connection, watch);
                callback.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                atRest(connection, watch);
                callback.failed(x);
            }

            @Override
            public InvocationType getInvocationType() {
                return callback.getInvocationType();
            }
        };
        boolean handled;
        try {
            handled = super.handle(request, response, rest);
        } catch (Exception | Error e) {
            atRest(connection, watch);
            throw e;
        }
        if (!handled) {
            atRest(connection, watch);
        }
        return handled;
    }

    private static void atRest(Connection connection, Watch watch) {
        watch.bytesAtRest = connection.getBytesIn();
        watch.headSince = -1;
        watch.handling = false;
    }

    private void sweep() {
        try {
            long now = System.nanoTime();
            for (Map.Entry<Connection, Watch> e : open.entrySet()) {
                Watch w = e.getValue();
                if (w.handling || e.getKey().getBytesIn() <= w.bytesAtRest) {
                    continue;
                }
                if (w.headSince < 0) {
                    w.headSince = now;
                } else if (now - w.headSince > deadlineNanos) {
                    LOG.debug("Closed a connection whose request head did not arrive within {} ms",
                            deadlineNanos / 1_000_000);
                    open.remove(e.getKey());
                    e.getKey().getEndPoint().close();
                }
            }
        } finally {
            Scheduler s = scheduler;
            if (s != null && s.isRunning()) {
                s.schedule(this::sweep, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }
}
