package org.spinecds.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.spinecds.RuleLoadException.Problem;
import org.spinecds.Source;
import org.spinecds.rule.Threshold;

/**
 * The catalogues of the loaded rule sets, merged: sources (id to citation), criteria (id to the
 * catalogue's wording) and thresholds (name to value, unit and sources). An id defined twice is a
 * load problem.
 */
public final class Catalogues {

    /** A criterion of the catalogue. */
    public record Criterion(String id, String title, List<String> sources) {
    }

    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final Map<String, Criterion> criteria = new LinkedHashMap<>();
    private final Map<String, Threshold> thresholds = new LinkedHashMap<>();
    private final List<Problem> problems = new ArrayList<>();

    /** Reads the catalogues of the rule sets; problems are collected, not thrown. */
    static Catalogues read(List<RuleSetSource> ruleSets) {
        Catalogues c = new Catalogues();
        for (RuleSetSource rs : ruleSets) {
            byte[] s = rs.files().get("sources.json");
            if (s != null) {
                c.readSources(Json.readTree(s, rs.displayPath("sources.json")), rs.displayPath("sources.json"));
            }
        }
        for (RuleSetSource rs : ruleSets) {
            byte[] s = rs.files().get("criteria.json");
            if (s != null) {
                c.readCriteria(Json.readTree(s, rs.displayPath("criteria.json")), rs.displayPath("criteria.json"));
            }
        }
        for (RuleSetSource rs : ruleSets) {
            byte[] s = rs.files().get("thresholds.json");
            if (s != null) {
                c.readThresholds(Json.readTree(s, rs.displayPath("thresholds.json")),
                        rs.displayPath("thresholds.json"));
            }
        }
        return c;
    }

    private void readSources(JsonNode root, String file) {
        for (JsonNode n : array(root, file)) {
            String id = required(n, "id", file);
            String citation = required(n, "citation", file);
            if (id == null || citation == null) {
                continue;
            }
            String url = n.hasNonNull("url") ? n.get("url").asText() : null;
            define(sources, id, new Source(id, citation, url), file, "source");
        }
    }

    private void readCriteria(JsonNode root, String file) {
        for (JsonNode n : array(root, file)) {
            String id = required(n, "id", file);
            String title = required(n, "title", file);
            if (id == null || title == null) {
                continue;
            }
            List<String> ids = sourceIds(n, file, "criterion " + id);
            define(criteria, id, new Criterion(id, title, ids), file, "criterion");
        }
    }

    private void readThresholds(JsonNode root, String file) {
        for (JsonNode n : array(root, file)) {
            String name = required(n, "name", file);
            if (name == null) {
                continue;
            }
            JsonNode value = n.get("value");
            if (value == null || !value.isNumber()) {
                problems.add(new Problem(file, 0, 0, null, "threshold " + name + ": \"value\" must be a number"));
                continue;
            }
            String criterion = required(n, "criterion", file);
            if (criterion != null && !criteria.containsKey(criterion)) {
                problems.add(new Problem(file, 0, 0, null,
                        "threshold " + name + " names criterion " + criterion + ", which no criteria catalogue holds"));
            }
            String unit = n.hasNonNull("unit") ? n.get("unit").asText() : null;
            String description = n.hasNonNull("description") ? n.get("description").asText() : null;
            Threshold t = new Threshold(name, value.asDouble(), unit, criterion,
                    sourceIds(n, file, "threshold " + name), description);
            define(thresholds, name, t, file, "threshold");
        }
    }

    /** Defines an entry; the same entry twice (a copy of a catalogue) is fine, a different one is not. */
    private <T> void define(Map<String, T> map, String id, T entry, String file, String what) {
        T old = map.putIfAbsent(id, entry);
        if (old != null && !old.equals(entry)) {
            problems.add(new Problem(file, 0, 0, null, what + " " + id + " is defined twice, differently"));
        }
    }

    private List<String> sourceIds(JsonNode n, String file, String what) {
        List<String> ids = new ArrayList<>();
        for (JsonNode s : n.path("sources")) {
            String id = s.asText();
            if (!sources.containsKey(id)) {
                problems.add(new Problem(file, 0, 0, null, what + " cites source " + id
                        + ", which no sources catalogue holds"));
            }
            ids.add(id);
        }
        if (ids.isEmpty()) {
            problems.add(new Problem(file, 0, 0, null, what + " cites no source"));
        }
        return ids;
    }

    private Iterable<JsonNode> array(JsonNode root, String file) {
        if (!root.isArray()) {
            problems.add(new Problem(file, 1, 1, null, "must be a JSON array of entries"));
            return List.of();
        }
        return root;
    }

    private String required(JsonNode n, String field, String file) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            problems.add(new Problem(file, 0, 0, null, "entry " + n + " needs a text \"" + field + "\""));
            return null;
        }
        return v.asText();
    }

    public Map<String, Source> sources() {
        return Collections.unmodifiableMap(sources);
    }

    public Map<String, Criterion> criteria() {
        return Collections.unmodifiableMap(criteria);
    }

    public Map<String, Threshold> thresholds() {
        return Collections.unmodifiableMap(thresholds);
    }

    List<Problem> problems() {
        return problems;
    }
}
