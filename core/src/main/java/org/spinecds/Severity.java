package org.spinecds;

import java.util.Arrays;
import java.util.Optional;

/** How urgently a finding needs attention, on the CDS Hooks card indicator scale. */
public enum Severity {
    INFO("info"),
    WARNING("warning"),
    CRITICAL("critical");

    private final String id;

    Severity(String id) {
        this.id = id;
    }

    /** The identifier used in rule metadata and JSON, e.g. {@code warning}. */
    public String id() {
        return id;
    }

    private static final java.util.Map<String, Severity> BY_ID = Arrays.stream(values())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(v -> v.id, v -> v));

    public static Optional<Severity> byId(String id) {
        return Optional.ofNullable(id == null ? null : BY_ID.get(id));
    }

    @Override
    public String toString() {
        return id;
    }
}
