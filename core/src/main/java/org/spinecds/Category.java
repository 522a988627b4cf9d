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

    public static Optional<Category> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
