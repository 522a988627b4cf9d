package org.spinecds.fhir.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.spinecds.fhir.CodeListException;
import org.spinecds.json.SchemaCheck;
import org.spinecds.patient.Input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * The code lists that say which FHIR codes give which SpineCDS input: the bundled
 * {@code org/spinecds/fhir/codes.json}, optionally merged with a site's file of the same shape.
 * Immutable once built.
 */
public final class CodeList {

    /** The system of SpineCDS's own codes: one per input ({@code bmi}) and per enum constant ({@code symptoms.LEG_PAIN}). */
    public static final String SPINECDS_SYSTEM = "https://spinecds.org/fhir/CodeSystem/input";

    /** How the complete list of a set-valued input is concluded. */
    public enum Closure {
        /** The members the record codes are the complete list, once at least one is coded. */
        CODED_LIST("coded-list"),
        /** Known only when the record says of every member whether it is present or absent. */
        ALL_MEMBERS("all-members");

        final String id;

        Closure(String id) {
            this.id = id;
        }
    }

    /**
     * The sections of the file, each a list of entries. A section whose id has a dot is a list inside
     * an object of the file ({@code spineRelated.codes} is the list {@code codes} of {@code spineRelated}).
     */
    public enum Section {
        PRESENCE("presence"), OBSERVATIONS("observations"), ANSWERS("answers"), CONDITIONS("conditions"),
        MEDICATIONS("medications"), PROCEDURES("procedures"), PLANNED_PROCEDURES("plannedProcedures"),
        REGIONS("regions"),
        /** Condition codes that are about the spine, whether or not the other sections classify them. */
        SPINE_CODES("spineRelated.codes"),
        /** Condition body sites that make a condition about the spine (besides the regions section). */
        SPINE_BODY_SITES("spineRelated.bodySites");

        final String id;

        Section(String id) {
            this.id = id;
        }

        /** The top-level field of the file that holds the section. */
        String field() {
            int dot = id.indexOf('.');
            return dot < 0 ? id : id.substring(0, dot);
        }

        /** The list's name inside its top-level field, or {@code null} for a top-level list. */
        String member() {
            int dot = id.indexOf('.');
            return dot < 0 ? null : id.substring(dot + 1);
        }
    }

    /**
     * One code of the file.
     *
     * @param input the input it gives ({@code null} for presence, region and spine-related entries)
     * @param value a Boolean, Integer, enum constant or unmodifiable set of enum constants; for
     *     presence entries whether the answer means present; {@code null} for spine-related entries
     * @param minimumDays for a medication: the days for which the record must show it taken before it
     *     gives the input ({@code 0}: any active medication gives it)
     * @param names for a medication: the ingredient's names (and brand names), lower case, any of which in a
     *     product's display or text, as whole words, gives the input as the code does
     * @param notWith for a medication: words that, in the same display or text, stop a name from counting
     *     (a heparin lock flush is no anticoagulation)
     */
    public record Entry(Section section, String system, String code, boolean prefix, String display, Input input,
                        Object value, boolean history, Set<Enum<?>> requiresOneOf, int minimumDays, boolean disabled,
                        String where, List<String> names, List<String> notWith) {

        /**
         * Whether the words of a medication (every display and text of its concepts) name this entry's
         * ingredient (as a whole word, in any case) and hold none of its {@code notWith} words: a display
         * that names heparin beside a text that says "flush" is a flush.
         */
        boolean named(Collection<String> texts) {
            return !names.isEmpty() && !excludedBy(texts) && anyWord(texts, names);
        }

        /** Whether any of the texts holds one of this entry's {@code notWith} words. */
        boolean excludedBy(Collection<String> texts) {
            return anyWord(texts, notWith);
        }

        /** Whether any of the texts holds one of the words, as a whole word in any case. */
        private static boolean anyWord(Collection<String> texts, List<String> words) {
            for (String text : texts) {
                String t = text.toLowerCase(Locale.ROOT);
                for (String w : words) {
                    if (word(t, w)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static boolean word(String text, String w) {
            int from = 0;
            while (true) {
                int i = text.indexOf(w, from);
                if (i < 0) {
                    return false;
                }
                int end = i + w.length();
                boolean before = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
                boolean after = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
                if (before && after) {
                    return true;
                }
                from = i + 1;
            }
        }

        boolean matches(Coding c) {
            if (c == null || !system.equals(c.getSystem()) || c.getCode() == null) {
                return false;
            }
            String given = normalise(system, c.getCode());
            return prefix ? given.startsWith(normalise(system, code)) : given.equals(normalise(system, code));
        }

        String key() {
            return section.id + "|" + system + "|" + normalise(system, code) + "|" + prefix;
        }
    }

    private static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    private static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    static final String SNOMED = "http://snomed.info/sct";
    private static final String DEFAULT_RESOURCE = "/org/spinecds/fhir/codes.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final long MAX_FILE_BYTES = 1 << 20;
    /** The sections of the file (schema/codes.schema.json); their entries are checked by {@link #entry}. */
    private static final SchemaCheck SCHEMA = SchemaCheck.of(CodeList.class, "codes.schema.json");

    private static volatile CodeList defaults;

    private final Map<Input, Closure> closures;
    private final Map<Section, List<Entry>> entries;
    private final String name;
    private final String file;

    private CodeList(String name, String file, Map<Input, Closure> closures, Map<Section, List<Entry>> entries) {
        this.name = name;
        this.file = file;
        this.closures = Collections.unmodifiableMap(closures);
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** The bundled code lists, read once. */
    public static CodeList defaults() {
        CodeList d = defaults;
        if (d == null) {
            synchronized (CodeList.class) {
                d = defaults;
                if (d == null) {
                    try (InputStream in = CodeList.class.getResourceAsStream(DEFAULT_RESOURCE)) {
                        if (in == null) {
                            throw CodeListException.unreadable("codes.json", "not on the classpath", null);
                        }
                        d = parse("codes.json", in.readAllBytes(), true);
                    } catch (IOException e) {
                        throw CodeListException.unreadable("codes.json", e.getMessage(), e);
                    }
                    defaults = d;
                }
            }
        }
        return d;
    }

    /** The defaults with a site's file merged over them. */
    public static CodeList withSite(Path file) {
        String label = String.valueOf(file.getFileName());
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw CodeListException.unreadable(label, "larger than 1 MiB", null);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw CodeListException.unreadable(label, "cannot be read (" + e.getMessage() + ")", e);
        }
        return defaults().merge(parse(label, bytes, false));
    }

    /** Site entries replace default entries of the same section, system, code and match; others are added. */
    CodeList merge(CodeList site) {
        Map<Input, Closure> c = new EnumMap<>(Input.class);
        c.putAll(closures);
        c.putAll(site.closures);
        Map<Section, List<Entry>> merged = new EnumMap<>(Section.class);
        for (Section s : Section.values()) {
            Map<String, Entry> byKey = new LinkedHashMap<>();
            for (Entry e : entries.get(s)) {
                byKey.put(e.key(), e);
            }
            for (Entry e : site.entries.get(s)) {
                if (!e.disabled()) {
                    byKey.put(e.key(), e);
                } else if (byKey.remove(e.key()) == null) {
                    throw CodeListException.of(site.file, e.where(), "disables an entry that the bundled lists "
                            + "do not have (same section, system, code and match)");
                }
            }
            merged.put(s, List.copyOf(byKey.values()));
        }
        return new CodeList(name + "+" + site.name, file + "+" + site.file, c, merged);
    }

    public Closure closure(Input setInput) {
        return closures.getOrDefault(setInput, Closure.ALL_MEMBERS);
    }

    public List<Entry> section(Section s) {
        return entries.get(s);
    }

    /** The entries of a section that match any coding of the concept, in file order, without repeats. */
    public List<Entry> match(Section s, CodeableConcept concept) {
        if (concept == null || concept.getCoding().isEmpty()) {
            return List.of();
        }
        Set<Entry> found = new LinkedHashSet<>();
        for (Entry e : entries.get(s)) {
            for (Coding c : concept.getCoding()) {
                if (e.matches(c)) {
                    found.add(e);
                }
            }
        }
        return List.copyOf(found);
    }

    /**
     * The entries of a section whose ingredient names appear in any coding's display or in the text of the
     * concepts of one medication (its code, and a Medication's ingredients), and none of whose
     * {@code notWith} words appears in any of them (medications only; other sections have no names).
     */
    public List<Entry> matchNames(Section s, List<CodeableConcept> concepts) {
        List<String> texts = texts(concepts);
        Set<Entry> found = new LinkedHashSet<>();
        for (Entry e : entries.get(s)) {
            if (e.named(texts)) {
                found.add(e);
            }
        }
        return List.copyOf(found);
    }

    /** {@link #matchNames(Section, List)} for one concept. */
    public List<Entry> matchNames(Section s, CodeableConcept concept) {
        return concept == null ? List.of() : matchNames(s, List.of(concept));
    }

    /**
     * Whether an entry's {@code notWith} words appear in the words of one medication's concepts: then
     * neither its code nor its names give the entry (a heparin lock flush coded by its ingredient).
     */
    public static boolean excluded(Entry e, List<CodeableConcept> concepts) {
        return !e.notWith().isEmpty() && e.excludedBy(texts(concepts));
    }

    private static List<String> texts(List<CodeableConcept> concepts) {
        List<String> texts = new ArrayList<>();
        for (CodeableConcept concept : concepts) {
            if (concept == null) {
                continue;
            }
            if (concept.hasText()) {
                texts.add(concept.getText());
            }
            for (Coding c : concept.getCoding()) {
                if (c.hasDisplay()) {
                    texts.add(c.getDisplay());
                }
            }
        }
        return texts;
    }

    /** The total number of entries, for documentation and tests. */
    public int size() {
        return entries.values().stream().mapToInt(List::size).sum();
    }

    static String normalise(String system, String code) {
        String c = code.trim();
        return ICD10CM.equals(system) || ICD10.equals(system) ? c.replace(".", "").toUpperCase(Locale.ROOT) : c;
    }

    // ---------------------------------------------------------------- parsing

    static CodeList parse(String file, byte[] bytes, boolean isDefault) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw CodeListException.unreadable(file, "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr()), e);
        } catch (IOException e) {
            throw CodeListException.unreadable(file, e.getMessage(), e);
        }
        List<SchemaCheck.Violation> wrong = SCHEMA.check(root == null ? NullNode.getInstance() : root, file);
        if (!wrong.isEmpty()) {
            SchemaCheck.Violation v = wrong.get(0);
            throw v.field().equals("/") ? CodeListException.unreadable(file, v.message(), null)
                    : CodeListException.of(file, v.path(), "%s", v.message());
        }
        String name = text(root, "name", file, "name", isDefault);
        Map<Input, Closure> closures = new EnumMap<>(Input.class);
        JsonNode sets = root.get("sets");
        if (sets != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = sets.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                Input in = Input.byJsonName(f.getKey()).orElseThrow(() ->
                        CodeListException.of(file, "sets." + f.getKey(), "unknown input"));
                if (in.type() != Input.Type.ENUM_SET) {
                    throw CodeListException.of(file, "sets." + f.getKey(), "is not a set-valued input");
                }
                Closure closure = Arrays.stream(Closure.values()).filter(c -> c.id.equals(f.getValue().asText()))
                        .findFirst().orElseThrow();  // the schema allows only these
                closures.put(in, closure);
            }
        }
        Map<Section, List<Entry>> entries = new EnumMap<>(Section.class);
        for (Section s : Section.values()) {
            List<Entry> list = new ArrayList<>();
            JsonNode node = s.member() == null ? root.get(s.id)
                    : root.has(s.field()) ? root.get(s.field()).get(s.member()) : null;
            if (node != null) {
                for (int i = 0; i < node.size(); i++) {
                    Entry e = entry(file, s, i, node.get(i));
                    if (e.disabled() && isDefault) {
                        throw CodeListException.of(file, e.where(), "only a site's file can disable entries");
                    }
                    list.add(e);
                }
            }
            entries.put(s, List.copyOf(list));
        }
        return new CodeList(name == null ? file : name, file, closures, entries);
    }

    private static final Set<String> ENTRY_FIELDS = Set.of("system", "code", "display", "match", "input", "value",
            "present", "history", "requiresOneOf", "minimumDays", "disabled", "names", "notWith");

    private static Entry entry(String file, Section s, int index, JsonNode n) {
        String at = s.id + "[" + index + "]";
        if (n == null || !n.isObject()) {
            throw CodeListException.of(file, at, "must be an object");
        }
        String system = text(n, "system", file, at, true);
        String code = text(n, "code", file, at, true);
        String where = at + " (" + system + "|" + code + ")";
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!ENTRY_FIELDS.contains(f)) {
                throw CodeListException.of(file, where, "unknown field \"%s\"", f);
            }
        }
        try {
            URI uri = new URI(system);
            if (!uri.isAbsolute()) {
                throw CodeListException.of(file, where, "system must be an absolute URI, was \"%s\"", system);
            }
        } catch (URISyntaxException e) {
            throw CodeListException.of(file, where, "system is not a URI: \"%s\"", system);
        }
        if (code.isBlank()) {
            throw CodeListException.of(file, where, "code must not be blank");
        }
        String display = n.has("display") ? text(n, "display", file, where, true) : null;
        boolean prefix = false;
        if (n.has("match")) {
            String m = text(n, "match", file, where, true);
            if (!m.equals("prefix") && !m.equals("exact")) {
                throw CodeListException.of(file, where, "match must be \"prefix\" or \"exact\", was \"%s\"", m);
            }
            prefix = m.equals("prefix");
        }
        if (bool(n, "disabled", file, where, false)) {
            forbid(n, file, where, "input", "value", "present", "history", "requiresOneOf", "minimumDays", "names",
                    "notWith");
            return new Entry(s, system, code, prefix, display, null, null, false, Set.of(), 0, true, where,
                    List.of(), List.of());
        }
        boolean history = bool(n, "history", file, where, false);
        int minimumDays = 0;
        Input input = null;
        Object value;
        Set<Enum<?>> requires = Set.of();
        switch (s) {
            case PRESENCE -> {
                forbid(n, file, where, "input", "value", "history", "requiresOneOf", "minimumDays");
                if (!n.has("present")) {
                    throw CodeListException.of(file, where, "needs \"present\": true or false");
                }
                value = bool(n, "present", file, where, false);
            }
            case SPINE_CODES, SPINE_BODY_SITES -> {
                forbid(n, file, where, "input", "value", "present", "history", "requiresOneOf", "minimumDays");
                value = null;
            }
            case REGIONS -> {
                forbid(n, file, where, "input", "present", "history", "requiresOneOf", "minimumDays");
                value = members(file, where, Input.REGIONS, required(n, "value", file, where));
            }
            case PLANNED_PROCEDURES -> {
                forbid(n, file, where, "input", "present", "history", "requiresOneOf", "minimumDays");
                value = constant(file, where, Input.PLANNED_PROCEDURE, required(n, "value", file, where));
                input = Input.PLANNED_PROCEDURE;
            }
            default -> {
                forbid(n, file, where, "present");
                String inputName = text(n, "input", file, where, true);
                input = Input.byJsonName(inputName).orElseThrow(() ->
                        CodeListException.of(file, where, "unknown input \"%s\"", inputName));
                value = value(file, where, s, input, n.get("value"));
                if (n.has("requiresOneOf")) {
                    if (input.type() != Input.Type.ENUM_SET) {
                        throw CodeListException.of(file, where, "requiresOneOf is only for set-valued inputs");
                    }
                    requires = members(file, where, input, n.get("requiresOneOf"));
                }
                if (history && s != Section.CONDITIONS) {
                    throw CodeListException.of(file, where, "history is only for conditions");
                }
                if (n.has("minimumDays")) {
                    if (s != Section.MEDICATIONS) {
                        throw CodeListException.of(file, where, "minimumDays is only for medications");
                    }
                    JsonNode d = n.get("minimumDays");
                    if (!d.isIntegralNumber() || d.intValue() < 1 || d.intValue() > 36_500) {
                        throw CodeListException.of(file, where, "minimumDays must be a whole number of days "
                                + "from 1 to 36500, was %s", d);
                    }
                    minimumDays = d.intValue();
                }
            }
        }
        List<String> names = words(n, "names", file, where, s);
        List<String> notWith = words(n, "notWith", file, where, s);
        if (!notWith.isEmpty() && names.isEmpty()) {
            throw CodeListException.of(file, where, "notWith needs names");
        }
        return new Entry(s, system, code, prefix, display, input, value, history, requires, minimumDays, false, where,
                names, notWith);
    }

    /** A list of lower-case words of a medication entry ({@code names}, {@code notWith}). */
    private static List<String> words(JsonNode n, String field, String file, String where, Section s) {
        JsonNode v = n.get(field);
        if (v == null) {
            return List.of();
        }
        if (s != Section.MEDICATIONS) {
            throw CodeListException.of(file, where, "%s is only for medications", field);
        }
        if (!v.isArray() || v.isEmpty()) {
            throw CodeListException.of(file, where, "%s must be a list of words", field);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode w : v) {
            if (!w.isTextual() || w.asText().isBlank() || w.asText().trim().length() < 3) {
                throw CodeListException.of(file, where, "%s must hold words of at least 3 letters, was %s", field, w);
            }
            out.add(w.asText().trim().toLowerCase(Locale.ROOT));
        }
        return List.copyOf(out);
    }

    /** The value of an entry for its input: what a matching resource says. */
    private static Object value(String file, String where, Section s, Input input, JsonNode v) {
        boolean observation = s == Section.OBSERVATIONS;
        switch (input.type()) {
            case BOOLEAN -> {
                if (observation) {
                    if (v != null) {
                        throw CodeListException.of(file, where, "an observation of %s gives its value itself; "
                                + "remove \"value\"", input.jsonName());
                    }
                    return null;
                }
                if (v == null) {
                    return Boolean.TRUE;
                }
                if (!v.isBoolean()) {
                    throw CodeListException.of(file, where, "value must be true or false for %s", input.jsonName());
                }
                if (s != Section.ANSWERS && !v.booleanValue()) {
                    throw CodeListException.of(file, where, "a %s code can only say that %s is true",
                            s.id, input.jsonName());
                }
                return v.booleanValue();
            }
            case ENUM_SET -> {
                if (observation) {
                    // An observation of a member (value: the member) or of the whole set (no value).
                    return v == null ? null : constant(file, where, input, v);
                }
                if (s == Section.ANSWERS) {
                    throw CodeListException.of(file, where, "answers cannot give the set-valued input %s",
                            input.jsonName());
                }
                return members(file, where, input, v == null ? nullNode(file, where) : v);
            }
            case ENUM, INTEGER, DECIMAL -> {
                if (observation) {
                    if (v != null) {
                        throw CodeListException.of(file, where, "an observation of %s gives its value itself; "
                                + "remove \"value\"", input.jsonName());
                    }
                    return null;
                }
                if (s != Section.ANSWERS) {
                    throw CodeListException.of(file, where, "%s cannot come from %s codes; use an observation "
                            + "or an answer", input.jsonName(), s.id);
                }
                if (v == null) {
                    throw CodeListException.of(file, where, "needs a value for %s", input.jsonName());
                }
                if (input.type() == Input.Type.ENUM) {
                    return constant(file, where, input, v);
                }
                if (!v.isIntegralNumber() || input.type() != Input.Type.INTEGER) {
                    throw CodeListException.of(file, where, "value must be a whole number for %s, was %s",
                            input.jsonName(), v);
                }
                int i = v.intValue();
                if (i < input.min() || i > input.max()) {
                    throw CodeListException.of(file, where, "value %d is outside the range of %s", i,
                            input.jsonName());
                }
                return i;
            }
            default -> throw new IllegalStateException(input.type().name());
        }
    }

    private static JsonNode nullNode(String file, String where) {
        throw CodeListException.of(file, where, "needs a value: the member (or list of members) it gives");
    }

    private static Set<Enum<?>> members(String file, String where, Input input, JsonNode v) {
        List<JsonNode> items = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(items::add);
        } else {
            items.add(v);
        }
        if (items.isEmpty()) {
            throw CodeListException.of(file, where, "value must name at least one member of %s", input.jsonName());
        }
        Set<Enum<?>> set = new LinkedHashSet<>();
        for (JsonNode item : items) {
            set.add(constant(file, where, input, item));
        }
        return Collections.unmodifiableSet(set);
    }

    private static Enum<?> constant(String file, String where, Input input, JsonNode v) {
        if (v != null && v.isTextual()) {
            for (Enum<?> c : input.enumType().getEnumConstants()) {
                if (c.name().equals(v.asText())) {
                    return c;
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (Enum<?> c : input.enumType().getEnumConstants()) {
            names.add(c.name());
        }
        throw CodeListException.of(file, where, "value must be one of %s for %s, was %s", names, input.jsonName(), v);
    }

    private static void forbid(JsonNode n, String file, String where, String... fields) {
        for (String f : fields) {
            if (n.has(f)) {
                throw CodeListException.of(file, where, "\"%s\" does not belong in this section", f);
            }
        }
    }

    private static JsonNode required(JsonNode n, String field, String file, String where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw CodeListException.of(file, where, "needs \"%s\"", field);
        }
        return v;
    }

    private static String text(JsonNode n, String field, String file, String where, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw CodeListException.of(file, where, "needs \"%s\"", field);
            }
            return null;
        }
        if (!v.isTextual()) {
            throw CodeListException.of(file, where, "\"%s\" must be a string, was %s", field, v);
        }
        return v.asText();
    }

    private static boolean bool(JsonNode n, String field, String file, String where, boolean dflt) {
        JsonNode v = n.get(field);
        if (v == null) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw CodeListException.of(file, where, "\"%s\" must be true or false, was %s", field, v);
        }
        return v.booleanValue();
    }
}
