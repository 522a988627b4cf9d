package org.spinecds.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.spinecds.KnowledgeBaseInfo;
import org.spinecds.RuleLoadException;
import org.spinecds.RuleLoadException.Problem;
import org.spinecds.Source;
import org.spinecds.json.SchemaCheck;
import org.spinecds.rule.RuleKit;
import org.spinecds.rule.Threshold;

/**
 * The catalogues of the loaded rule sets, merged: sources (id to citation), criteria (id to the
 * catalogue's wording) and thresholds (name to value, unit and sources). An id defined twice is a
 * load problem.
 *
 * <p>Each file is checked against its JSON Schema (a resource beside this class, equal to the copy in
 * the repository's {@code schema/}) and bound to a record: a field is added to a catalogue by adding
 * it to the schema (both copies) and to the record. What a schema cannot say (a cited source or
 * criterion that no catalogue holds, a value outside its range, an id defined twice) is checked here.
 */
public final class Catalogues {

    /**
     * A criterion of the catalogue, an entry of {@code criteria.json}; {@code checklist}: every
     * assessment reports its status (the candidacy criteria), from {@code "checklist": true}.
     */
    public record Criterion(String id, String title, List<String> sources, boolean checklist) {
        public Criterion {
            sources = List.copyOf(sources);
        }
    }

    /** An entry of {@code thresholds.json}. */
    private record ThresholdEntry(String name, double value, double min, double max, String unit, String criterion,
                                  List<String> sources, String description) {
    }

    /** A site's threshold-override file, and one of its overrides. */
    private record OverrideFile(String name, String description, Map<String, SiteValue> thresholds) {
    }

    private record SiteValue(double value, String unit) {
    }

    private static final SchemaCheck SOURCES = SchemaCheck.of(Catalogues.class, "sources.schema.json");
    private static final SchemaCheck CRITERIA = SchemaCheck.of(Catalogues.class, "criteria.schema.json");
    private static final SchemaCheck THRESHOLDS = SchemaCheck.of(Catalogues.class, "thresholds.schema.json");
    private static final SchemaCheck OVERRIDES = SchemaCheck.of(Catalogues.class, "threshold-overrides.schema.json");

    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final Map<String, Criterion> criteria = new LinkedHashMap<>();
    private final Map<String, Threshold> thresholds = new LinkedHashMap<>();
    private final List<Problem> problems = new ArrayList<>();

    /**
     * Reads the catalogues of the rule sets; problems of their entries are collected, not thrown. Every rule set's
     * sources are read first, then every rule set's criteria, then thresholds, so that each may cite
     * what an earlier catalogue defines.
     */
    static Catalogues read(List<RuleSetSource> ruleSets) {
        Catalogues c = new Catalogues();
        c.readAll(ruleSets, "sources.json", SOURCES, Source.class, c::addSource);
        c.readAll(ruleSets, "criteria.json", CRITERIA, Criterion.class, c::addCriterion);
        c.readAll(ruleSets, "thresholds.json", THRESHOLDS, ThresholdEntry.class, c::addThreshold);
        return c;
    }

    /**
     * Reads catalogue {@code name} of every rule set that has it, adding each entry.
     *
     * @throws RuleLoadException for a file that is not JSON or breaks its schema, with every violation
     *     of that file (as the catalogues after it would otherwise cite what it failed to define)
     */
    private <T> void readAll(List<RuleSetSource> ruleSets, String name, SchemaCheck schema, Class<T> entry,
                             BiConsumer<T, String> add) {
        for (RuleSetSource rs : ruleSets) {
            byte[] content = rs.files().get(name);
            if (content != null) {
                String file = rs.displayPath(name);
                Json.readList(content, file, schema, entry).forEach(e -> add.accept(e, file));
            }
        }
    }

    private void addSource(Source s, String file) {
        define(sources, s.id(), s, file, "source");
    }

    private void addCriterion(Criterion c, String file) {
        cited(c.sources(), file, "criterion " + c.id());
        define(criteria, c.id(), c, file, "criterion");
    }

    private void addThreshold(ThresholdEntry t, String file) {
        if (!criteria.containsKey(t.criterion())) {
            problems.add(new Problem(file, 0, 0, null,
                    "threshold " + t.name() + " names criterion " + t.criterion() + ", which no criteria catalogue holds"));
        }
        cited(t.sources(), file, "threshold " + t.name());
        if (t.min() > t.value() || t.value() > t.max()) {
            problems.add(new Problem(file, 0, 0, null, "threshold " + t.name()
                    + ": \"min\" and \"max\" must be numbers with min <= value <= max (the plausible range)"));
            return;
        }
        define(thresholds, t.name(), new Threshold(t.name(), t.value(), t.unit(), t.criterion(), t.sources(),
                t.description(), t.min(), t.max()), file, "threshold");
    }

    /** Defines an entry; the same entry twice (a copy of a catalogue) is fine, a different one is not. */
    private <T> void define(Map<String, T> map, String id, T entry, String file, String what) {
        T old = map.putIfAbsent(id, entry);
        if (old != null && !old.equals(entry)) {
            problems.add(new Problem(file, 0, 0, null, what + " " + id + " is defined twice, differently"));
        }
    }

    /** Adds a problem for each cited source that no sources catalogue holds. */
    private void cited(List<String> ids, String file, String what) {
        for (String id : ids) {
            if (!sources.containsKey(id)) {
                problems.add(new Problem(file, 0, 0, null, what + " cites source " + id
                        + ", which no sources catalogue holds"));
            }
        }
    }

    /**
     * Applies a site's threshold overrides: {@code {"name": ..., "thresholds": {"obesityBmi":
     * {"value": 35, "unit": "kg/m2"}}}}. An unknown name, a different unit or a value outside the
     * threshold's plausible range is a problem.
     */
    List<KnowledgeBaseInfo.ThresholdOverride> applyOverrides(byte[] content, String file) {
        List<KnowledgeBaseInfo.ThresholdOverride> applied = new ArrayList<>();
        OverrideFile overrides;
        try {
            overrides = Json.read(content, file, OVERRIDES, OverrideFile.class);
        } catch (RuleLoadException e) {
            problems.addAll(e.problems());
            return applied;
        }
        overrides.thresholds().forEach((name, o) -> {
            Threshold t = thresholds.get(name);
            if (t == null) {
                problems.add(new Problem(file, 0, 0, null, "threshold " + name + " is not defined by the rule base"));
            } else if (!o.unit().equals(t.getUnit())) {
                problems.add(new Problem(file, 0, 0, null, "threshold " + name + ": \"unit\" must be \""
                        + t.getUnit() + "\", was \"" + o.unit() + "\""));
            } else if (o.value() < t.getMin() || o.value() > t.getMax()) {
                problems.add(new Problem(file, 0, 0, null, "threshold " + name + ": " + RuleKit.plain(o.value())
                        + " is outside the plausible range " + RuleKit.plain(t.getMin()) + " to "
                        + RuleKit.plain(t.getMax()) + " " + t.getUnit()));
            } else {
                thresholds.put(name, t.withValue(o.value()));
                applied.add(new KnowledgeBaseInfo.ThresholdOverride(name, t.getValue(), o.value(), t.getUnit(), file));
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
