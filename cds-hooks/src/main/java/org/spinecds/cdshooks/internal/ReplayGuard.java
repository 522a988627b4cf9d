package org.spinecds.cdshooks.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Remembers each token id ({@code iss} and {@code jti}) until its token expires, so that a token is
 * accepted only once: a Caffeine cache whose entries expire with their tokens, on the service's clock.
 * It holds at most {@link #DEFAULT_BOUND} ids; when that many live tokens are remembered, a new token
 * is refused (as a replay would be) until some expire, so that no id is ever forgotten early.
 */
final class ReplayGuard {

    /**
     * The most token ids remembered: tokens live at most {@link TokenVerifier#MAX_LIFETIME}, so this
     * is about 55 new tokens a second sustained for an hour, in some 30 MB.
     */
    static final int DEFAULT_BOUND = 200_000;

    private final int bound;
    private final Cache<String, Instant> seen;

    ReplayGuard(Clock clock) {
        this(clock, DEFAULT_BOUND);
    }

    ReplayGuard(Clock clock, int bound) {
        this.bound = bound;
        this.seen = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(new UntilExpiry(clock))
                // a backstop only: firstUse refuses before the cache would evict a live id
                .maximumSize(bound + 1024L)
                .build();
    }

    /**
     * True the first time a token id is used before {@code until}; false for a replay, and while the
     * guard remembers {@code bound} live tokens.
     */
    boolean firstUse(String issuer, String jti, Instant until) {
        if (seen.estimatedSize() >= bound) {
            seen.cleanUp();  // drops the expired ids
            if (seen.estimatedSize() >= bound) {
                return false;
            }
        }
        return seen.asMap().putIfAbsent(issuer + '\u0000' + jti, until) == null;
    }

    /** How many ids are remembered (expired ones may linger until the next clean-up). */
    long size() {
        seen.cleanUp();
        return seen.estimatedSize();
    }

    /** An id lives until its token expires (that instant included); using it again does not extend that. */
    private record UntilExpiry(Clock clock) implements Expiry<String, Instant> {
        @Override
        public long expireAfterCreate(String id, Instant until, long currentTime) {
            return Math.max(0, Duration.between(clock.instant(), until).toNanos() + 1);
        }

        @Override
        public long expireAfterUpdate(String id, Instant until, long currentTime, long currentDuration) {
            return expireAfterCreate(id, until, currentTime);
        }

        @Override
        public long expireAfterRead(String id, Instant until, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
