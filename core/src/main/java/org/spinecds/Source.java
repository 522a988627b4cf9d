package org.spinecds;

import java.util.Objects;

/**
 * A document the rule base cites, resolved from the sources catalogue.
 *
 * @param id the catalogue id, e.g. {@code S004} or {@code MISDEF}
 * @param citation the full citation
 * @param url where the document can be read, or {@code null}
 */
public record Source(String id, String citation, String url) {
    public Source {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(citation, "citation");
    }
}
