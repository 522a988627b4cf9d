package org.spinecds;

import java.util.Arrays;
import java.util.Optional;

/** What a finding is about. Declared in the order in which an assessment lists its findings. */
public enum Category {
    RED_FLAG("red-flag", "Red flags"),
    SCOPE("scope", "Scope"),
    CANDIDACY("candidacy", "Candidacy"),
    OPEN_SURGERY("open-surgery", "Open surgery preferred"),
    PATIENT_RISK("patient-risk", "Patient risk factors"),
    PROCEDURE_RISK("procedure-risk", "Procedure risks"),
    SETTING("setting", "Setting"),
    RECOVERY("recovery", "Recovery");

    private final String id;
    private final String title;

    Category(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** A heading for the findings of this category, e.g. "Patient risk factors". */
    public String title() {
        return title;
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
