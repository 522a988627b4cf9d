package org.spinecds.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.spinecds.KnowledgeBaseInfo;
import org.spinecds.RuleLoadException.Problem;
import org.spinecds.Source;
import org.spinecds.rule.RuleKit;
import org.spinecds.rule.Threshold;

/**
 * The catalogues of the loaded rule sets, merged: sources (id to citation), criteria (id to the
 * catalogue's wording) and thresholds (name to value, unit and sources). An id defined twice is a
 * load problem.
 */
public final class Catalogues {

    /**
     * A criterion of the catalogue; {@code checklist}: every assessment reports its status (the
     * candidacy criteria), from {@code "checklist": true} in {@code criteria.json}.
     */
    public record Criterion(String id, String title, List<String> sources, boolean checklist) {
    }

    /** The fields of an entry of each catalogue: any other is a problem, as a misspelt field would be lost. */
    private static final Set<String> SOURCE_FIELDS = Set.of("id", "citation", "url");
    private static final Set<String> CRITERION_FIELDS = Set.of("id", "title", "sources", "checklist");
    private static final Set<String> THRESHOLD_FIELDS = Set.of("name", "value", "min", "max", "unit", "criterion",
            "sources", "description");
    /** The fields of a threshold-override file, and of each of its overrides. */
    private static final Set<String> OVERRIDE_FILE_FIELDS = Set.of("name", "description", "thresholds");
    private static final Set<String> OVERRIDE_FIELDS = Set.of("value", "unit");

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
            unknownFields(n, SOURCE_FIELDS, file, "source " + id);
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
            unknownFields(n, CRITERION_FIELDS, file, "criterion " + id);
            List<String> ids = sourceIds(n, file, "criterion " + id);
            JsonNode checklist = n.get("checklist");
            if (checklist != null && !checklist.isBoolean()) {
                problems.add(new Problem(file, 0, 0, null, "criterion " + id + ": \"checklist\" must be true or false"));
            }
            define(criteria, id, new Criterion(id, title, ids, checklist != null && checklist.asBoolean()), file,
                    "criterion");
        }
    }

    private void readThresholds(JsonNode root, String file) {
        for (JsonNode n : array(root, file)) {
            String name = required(n, "name", file);
            if (name == null) {
                continue;
            }
            unknownFields(n, THRESHOLD_FIELDS, file, "threshold " + name);
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
            JsonNode min = n.get("min");
            JsonNode max = n.get("max");
            if (min == null || !min.isNumber() || max == null || !max.isNumber()
                    || min.asDouble() > value.asDouble() || value.asDouble() > max.asDouble()) {
                problems.add(new Problem(file, 0, 0, null, "threshold " + name
                        + ": \"min\" and \"max\" must be numbers with min <= value <= max (the plausible range)"));
                continue;
            }
            Threshold t = new Threshold(name, value.asDouble(), unit, criterion,
                    sourceIds(n, file, "threshold " + name), description, min.asDouble(), max.asDouble());
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

    /** Adds a problem for each field of {@code n} not in {@code allowed}, naming the file, the entry and the field. */
    private void unknownFields(JsonNode n, Set<String> allowed, String file, String what) {
        for (var it = n.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                problems.add(new Problem(file, 0, 0, null, (what == null ? "" : what + ": ") + "unknown field \""
                        + field + "\" (expected " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")"));
            }
        }
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

    /**
     * Applies a site's threshold overrides: {@code {"name": ..., "thresholds": {"obesityBmi":
     * {"value": 35, "unit": "kg/m2"}}}}. An unknown name, a missing or different unit, a value that is
     * not a number or lies outside the threshold's plausible range is a problem.
     */
    List<KnowledgeBaseInfo.ThresholdOverride> applyOverrides(byte[] content, String file) {
        List<KnowledgeBaseInfo.ThresholdOverride> applied = new ArrayList<>();
        JsonNode root = Json.readTree(content, file);
        JsonNode entries = root.path("thresholds");
        if (!root.isObject() || !entries.isObject()) {
            problems.add(new Problem(file, 1, 1, null, "must be an object with a \"thresholds\" object"));
            return applied;
        }
        unknownFields(root, OVERRIDE_FILE_FIELDS, file, null);
        entries.fields().forEachRemaining(e -> {
            String name = e.getKey();
            JsonNode o = e.getValue();
            Threshold t = thresholds.get(name);
            if (t == null) {
                problems.add(new Problem(file, 0, 0, null, "threshold " + name + " is not defined by the rule base"));
                return;
            }
            if (!o.isObject()) {
                problems.add(new Problem(file, 0, 0, null, "threshold " + name
                        + ": must be an object with \"value\" and \"unit\""));
                return;
            }
            int before = problems.size();
            unknownFields(o, OVERRIDE_FIELDS, file, "threshold " + name);
            if (problems.size() > before) {
                return;
            }
            JsonNode value = o.get("value");
            JsonNode unit = o.get("unit");
            if (value == null || !value.isNumber()) {
                problems.add(new Problem(file, 0, 0, null, "threshold " + name + ": \"value\" must be a number"));
            } else if (unit == null || !unit.isTextual() || !unit.asText().equals(t.getUnit())) {
                problems.add(new Problem(file, 0, 0, null, "threshold " + name + ": \"unit\" must be \""
                        + t.getUnit() + "\", was " + (unit == null ? "missing" : unit)));
            } else if (value.asDouble() < t.getMin() || value.asDouble() > t.getMax()) {
                problems.add(new Problem(file, 0, 0, null, "threshold " + name + ": " + value.asText()
                        + " is outside the plausible range " + RuleKit.plain(t.getMin()) + " to "
                        + RuleKit.plain(t.getMax()) + " " + t.getUnit()));
            } else {
                thresholds.put(name, t.withValue(value.asDouble()));
                applied.add(new KnowledgeBaseInfo.ThresholdOverride(name, t.getValue(), value.asDouble(),
                        t.getUnit(), file));
            }
        });
        return applied;
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
