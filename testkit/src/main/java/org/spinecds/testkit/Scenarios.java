package org.spinecds.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.spinecds.Assessment;
import org.spinecds.CriterionResult;
import org.spinecds.CriterionStatus;
import org.spinecds.Finding;
import org.spinecds.InvalidPatientException;
import org.spinecds.RuleInfo;
import org.spinecds.SpineCds;
import org.spinecds.SpineCdsException;
import org.spinecds.Verdict;
import org.spinecds.json.PatientJson;
import org.spinecds.json.SchemaCheck;
import org.spinecds.patient.Patient;

/**
 * Reads scenario files and runs them against an engine. A scenario file that cannot be read, or whose
 * patient is invalid, is a failed scenario, not an exception: every problem is reported.
 */
public final class Scenarios {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    /** The committed {@code schema/scenario.schema.json}, with the patient schema it refers to. */
    private static final SchemaCheck SCHEMA = SchemaCheck.of(Scenarios.class, "scenario.schema.json");
    private static final Map<String, ObjectNode> BASES = new ConcurrentHashMap<>();

    /** A scenario file as written: a patient, or a base patient and what differs from it. */
    private record ScenarioFile(String name, String description, ObjectNode patient, String base, ObjectNode with,
                                Expect expect) {
    }

    private record Expect(Verdict verdict, List<String> findings, List<String> absent,
                          Map<String, CriterionStatus> criteria, List<String> missingInputs,
                          List<Verdict> possibleVerdicts) {
    }

    /** The outcome of one scenario: passed when {@code differences} is empty. */
    public record Result(String file, String name, List<String> differences, Set<String> firedRules) {
        public Result {
            differences = List.copyOf(differences);
            firedRules = Set.copyOf(firedRules);
        }

        public boolean passed() {
            return differences.isEmpty();
        }

        /**
         * Names the file, the scenario and the count of differences: a difference may quote an invalid
         * patient value.
         */
        @Override
        public String toString() {
            return "Result[" + file + ": " + name + ", " + (passed() ? "passed" : differences.size() + " differences")
                    + "]";
        }
    }

    /** The outcome of a run: every result, and the rules that no scenario made fire. */
    public record Report(List<Result> results, List<RuleInfo> unfiredRules) {
        public Report {
            results = List.copyOf(results);
            unfiredRules = List.copyOf(unfiredRules);
        }

        public long passed() {
            return results.stream().filter(Result::passed).count();
        }

        public long failed() {
            return results.size() - passed();
        }
    }

    private Scenarios() {
    }

    /** Every {@code .json} file below {@code path} (or the file itself), in path order. */
    public static List<Path> files(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(p -> p.toString().endsWith(".json") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    /** Runs every scenario file below {@code path}. */
    public static Report run(SpineCds engine, Path path) throws IOException {
        List<Result> results = new ArrayList<>();
        Set<String> fired = new TreeSet<>();
        for (Path file : files(path)) {
            Result r = run(engine, file.toString(), Files.readAllBytes(file));
            results.add(r);
            fired.addAll(r.firedRules());
        }
        List<RuleInfo> unfired = engine.rules().stream().filter(r -> !fired.contains(r.code())).toList();
        return new Report(results, unfired);
    }

    /** Runs one scenario given as JSON text. */
    public static Result run(SpineCds engine, String file, byte[] json) {
        Scenario s;
        try {
            s = parse(file, json);
        } catch (InvalidScenarioException e) {
            return new Result(file, e.scenarioName(), List.of(e.getMessage()), Set.of());
        }
        SpineCds.Trace trace;
        try {
            trace = engine.trace(s.patient());
        } catch (SpineCdsException e) {
            return new Result(file, s.name(), List.of("the rules failed: " + e.getMessage()), Set.of());
        }
        return new Result(file, s.name(), compare(s, trace.assessment()), trace.firedRules());
    }

    /** What differs between the scenario's expectations and the assessment. */
    public static List<String> compare(Scenario s, Assessment a) {
        List<String> diff = new ArrayList<>();
        if (a.verdict() != s.verdict()) {
            diff.add("verdict: expected " + s.verdict() + ", got " + a.verdict() + " (decided by "
                    + a.decidedBy().stream().map(Finding::code).toList() + ")");
        }
        for (String entry : s.findings()) {
            if (a.findings().stream().noneMatch(f -> matches(f, entry))) {
                diff.add("finding " + entry + ": expected, but no finding has that code or criterion (got "
                        + a.findingCodes() + ")");
            }
        }
        for (String entry : s.absent()) {
            List<String> present = a.findings().stream().filter(f -> matches(f, entry)).map(Finding::code).toList();
            if (!present.isEmpty()) {
                diff.add("finding " + entry + ": expected absent, but got " + present);
            }
        }
        s.criteria().forEach((id, status) -> {
            CriterionStatus got = a.criteria().stream().filter(c -> c.id().equals(id)).map(CriterionResult::status)
                    .findFirst().orElse(null);
            if (got != status) {
                diff.add("criterion " + id + ": expected " + status + ", got " + got);
            }
        });
        for (String input : s.missingInputs()) {
            if (!a.missingInputs().contains(input)) {
                diff.add("missing input " + input + ": expected among the missing inputs " + a.missingInputs());
            }
        }
        if (s.possibleVerdicts() != null && !s.possibleVerdicts().equals(a.possibleVerdicts())) {
            diff.add("possible verdicts: expected " + s.possibleVerdicts() + ", got " + a.possibleVerdicts());
        }
        return diff;
    }

    private static boolean matches(Finding f, String entry) {
        return f.code().equals(entry) || f.criterion().equals(entry);
    }

    /**
     * Parses a scenario file: validates it against {@code scenario.schema.json}, applies its
     * differences to its base patient and reads the patient.
     *
     * @throws InvalidScenarioException naming the file and every field that is wrong
     */
    public static Scenario parse(String file, byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidScenarioException(file, null, "malformed JSON at line " + e.getLocation().getLineNr()
                    + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidScenarioException(file, null, e.getMessage());
        }
        String name = root != null && root.path("name").isTextual() ? root.get("name").asText() : null;
        if (root != null && root.isObject() && root.has("patient") == root.has("base")) {
            throw new InvalidScenarioException(file, name, "give either \"patient\" (a whole patient) or \"base\" "
                    + "(a base patient, with \"with\" for the fields that differ), " + (root.has("base") ? "not both"
                    : "found neither"));
        }
        List<SchemaCheck.Violation> wrong = root == null ? List.of() : SCHEMA.check(root, file);
        if (root == null || !wrong.isEmpty()) {
            throw new InvalidScenarioException(file, name, root == null ? "a scenario must be a JSON object"
                    : wrong.stream().map(Scenarios::describe).distinct().collect(Collectors.joining("; ")));
        }
        ScenarioFile f;
        try {
            f = MAPPER.treeToValue(root, ScenarioFile.class);
        } catch (JsonProcessingException e) {
            throw new InvalidScenarioException(file, name, e.getOriginalMessage());
        }
        Patient patient;
        try {
            patient = PatientJson.fromTree(f.patient() != null ? f.patient() : patient(f.base(), f.with()));
        } catch (InvalidPatientException e) {
            throw new InvalidScenarioException(file, name, (f.base() == null ? "patient."
                    : "the patient (base " + f.base() + " with its differences): ") + e.getMessage());
        }
        Expect x = f.expect();
        return new Scenario(file, name, f.description() == null ? "" : f.description(), patient, x.verdict(),
                listOrEmpty(x.findings()), listOrEmpty(x.absent()), x.criteria() == null ? Map.of() : x.criteria(),
                listOrEmpty(x.missingInputs()), x.possibleVerdicts() == null && x.verdict().isRanked()
                        ? List.of(x.verdict()) : x.possibleVerdicts());
    }

    /**
     * The base patient with the differences applied: a field of {@code with} replaces the base's, and
     * a null makes it unknown, as in the patient format.
     */
    private static ObjectNode patient(String base, ObjectNode with) {
        ObjectNode patient = BASES.computeIfAbsent(base, Scenarios::readBase).deepCopy();
        if (with != null) {
            with.fields().forEachRemaining(e -> {
                if (e.getValue().isNull()) {
                    patient.remove(e.getKey());
                } else {
                    patient.set(e.getKey(), e.getValue());
                }
            });
        }
        return patient;
    }

    private static ObjectNode readBase(String name) {
        try (InputStream in = Scenarios.class.getResourceAsStream("bases/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("no base patient " + name + " in the test kit");
            }
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A violation of the schema as "field: problem", the field as a path ("expect.verdict", "with.levels[0]"). */
    private static String describe(SchemaCheck.Violation v) {
        return (v.field().equals("/") ? "" : v.path() + ": ") + v.message();
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
