package org.spinecds.cdshooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class ReplayGuardTest {

    private static final Instant NOW = Instant.parse("2026-01-31T09:30:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void anIdIsAcceptedOnceWhileItsTokenLives() {
        ReplayGuard guard = new ReplayGuard(clock);
        assertThat(guard.firstUse("iss", "a", NOW.plusSeconds(60))).isTrue();
        assertThat(guard.firstUse("iss", "a", NOW.plusSeconds(60))).isFalse();
        assertThat(guard.firstUse("other", "a", NOW.plusSeconds(60))).as("another issuer's jti").isTrue();

        now.set(NOW.plusSeconds(61));
        assertThat(guard.firstUse("iss", "a", NOW.plusSeconds(120))).as("after its token expired").isTrue();
    }

    @Test
    void theGuardIsBoundedAndForgetsNoLiveIdToStayInItsBound() {
        ReplayGuard guard = new ReplayGuard(clock, 100);
        for (int i = 0; i < 100; i++) {
            assertThat(guard.firstUse("iss", "jti-" + i, NOW.plusSeconds(60 + i))).isTrue();
        }
        assertThat(guard.firstUse("iss", "one-too-many", NOW.plusSeconds(60))).as("refused when full").isFalse();
        assertThat(guard.size()).isEqualTo(100);
        assertThat(guard.firstUse("iss", "jti-0", NOW.plusSeconds(60))).as("no live id is forgotten").isFalse();

        now.set(NOW.plusSeconds(70));  // the first ten tokens have expired
        assertThat(guard.firstUse("iss", "one-too-many", NOW.plusSeconds(120))).isTrue();
        assertThat(guard.size()).isEqualTo(91);
    }
}
