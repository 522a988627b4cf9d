package org.spinecds.cdshooks.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One CDS Hooks card, as the specification's "CDS Service Response" section defines it. Optional
 * attributes that have no value are left out of the JSON (the specification forbids null and empty
 * values).
 *
 * @param uuid the card's identifier, which the client quotes in feedback
 * @param summary one sentence, under 140 characters (enforced)
 * @param detail GitHub-flavoured markdown
 * @param indicator {@code info}, {@code warning} or {@code critical}
 * @param source the primary source of the guidance
 * @param links further citations
 * @param overrideReasons the reasons a clinician may give for dismissing the card
 * @param extension machine-readable SpineCDS codes (verdict, finding code, rule base)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Card(String uuid, String summary, String detail, String indicator, Source source, List<Link> links,
                   List<Coding> overrideReasons, Map<String, Object> extension) {

    /** The longest summary the specification allows: fewer than 140 characters. */
    public static final int MAX_SUMMARY = 139;

    public Card {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(summary, "summary");
        if (summary.isBlank() || summary.codePointCount(0, summary.length()) > MAX_SUMMARY) {
            throw new IllegalArgumentException("card summary must have 1 to " + MAX_SUMMARY + " characters, has "
                    + summary.codePointCount(0, summary.length()));
        }
        if (!List.of("info", "warning", "critical").contains(indicator)) {
            throw new IllegalArgumentException("card indicator must be info, warning or critical: " + indicator);
        }
        Objects.requireNonNull(source, "source");
        links = List.copyOf(links);
        overrideReasons = List.copyOf(overrideReasons);
        extension = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extension));
    }

    /** Names the indicator and the SpineCDS codes only: the summary and detail state the patient's values. */
    @Override
    public String toString() {
        return "Card[" + indicator + " " + extension.keySet() + "]";
    }

    /** The source of a card: a label and, where known, the document's URL and a topic coding. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Source(String label, String url, Coding topic) {
        public Source {
            Objects.requireNonNull(label, "label");
        }
    }

    /** A link to a further citation; {@code type} is always {@code absolute}. */
    public record Link(String label, String url, String type) {
        public Link {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(url, "url");
        }
    }

    /** A FHIR-style coding: system, code and the display text the specification requires. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Coding(String system, String code, String display) {
        public Coding {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(display, "display");
        }
    }
}
