package org.spinecds.cdshooks.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Remembers each token id ({@code iss} and {@code jti}) until its token expires, so that a token is
 * accepted only once. Expired entries are dropped as new ones arrive; since tokens live at most
 * {@link TokenVerifier#MAX_LIFETIME}, the memory held is bounded by the request rate over that time.
 */
final class ReplayGuard {

    private static final int PURGE_EVERY = 1024;

    private final Clock clock;
    private final ConcurrentHashMap<String, Instant> seen = new ConcurrentHashMap<>();
    private final AtomicInteger sincePurge = new AtomicInteger();

    ReplayGuard(Clock clock) {
        this.clock = clock;
    }

    /** True the first time a token id is used before {@code until}; false for a replay. */
    boolean firstUse(String issuer, String jti, Instant until) {
        Instant now = clock.instant();
        if (sincePurge.incrementAndGet() >= PURGE_EVERY) {
            sincePurge.set(0);
            seen.values().removeIf(expiry -> expiry.isBefore(now));
        }
        String id = issuer + '\u0000' + jti;
        Instant[] accepted = {null};
        seen.compute(id, (k, previous) -> {
            if (previous != null && !previous.isBefore(now)) {
                return previous;
            }
            accepted[0] = until;
            return until;
        });
        return accepted[0] != null;
    }
}
