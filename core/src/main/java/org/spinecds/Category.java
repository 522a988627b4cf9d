package org.spinecds;

import java.util.Arrays;
import java.util.Optional;

/** What a finding is about. Declared in the order in which an assessment lists its findings. */
public enum Category {
    RED_FLAG("red-flag"),
    CANDIDACY("candidacy"),
    OPEN_SURGERY("open-surgery"),
    PATIENT_RISK("patient-risk"),
    PROCEDURE_RISK("procedure-risk"),
    SETTING("setting"),
    RECOVERY("recovery");

    private final String id;

    Category(String id) {
        this.id = id;
    }

    /** The identifier used in rule metadata and JSON, e.g. {@code patient-risk}. */
    public String id() {
        return id;
    }

    private static final java.util.Map<String, Category> BY_ID = Arrays.stream(values())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(v -> v.id, v -> v));

    public static Optional<Category> byId(String id) {
        return Optional.ofNullable(id == null ? null : BY_ID.get(id));
    }

    @Override
    public String toString() {
        return id;
    }
}
