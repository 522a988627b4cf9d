package org.spinecds.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

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
import org.spinecds.patient.Patient;

/**
 * Reads scenario files and runs them against an engine. A scenario file that cannot be read, or whose
 * patient is invalid, is a failed scenario, not an exception: every problem is reported.
 */
public final class Scenarios {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Set<String> TOP = Set.of("name", "description", "patient", "expect");
    private static final Set<String> EXPECT = Set.of("verdict", "findings", "absent", "criteria", "missingInputs",
            "possibleVerdicts");

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

    /** Parses a scenario file, or throws {@link InvalidScenarioException} saying what is wrong. */
    public static Scenario parse(String file, byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidScenarioException(file, null, "malformed JSON at line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidScenarioException(file, null, e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidScenarioException(file, null, "a scenario must be a JSON object");
        }
        unknownFields(file, root, TOP, "");
        JsonNode expect = root.path("expect");
        if (!expect.isObject()) {
            throw new InvalidScenarioException(file, null, "\"expect\" must be an object");
        }
        unknownFields(file, expect, EXPECT, "expect.");
        if (!root.path("name").isTextual()) {
            throw new InvalidScenarioException(file, null, "\"name\" must be a string");
        }
        if (!root.path("patient").isObject()) {
            throw new InvalidScenarioException(file, null, "\"patient\" must be an object");
        }
        Verdict verdict;
        try {
            verdict = Verdict.valueOf(expect.path("verdict").asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidScenarioException(file, null, "expect.verdict must be one of " + List.of(Verdict.values()));
        }
        Map<String, CriterionStatus> criteria = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = expect.path("criteria").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                criteria.put(e.getKey(), CriterionStatus.valueOf(e.getValue().asText()));
            } catch (IllegalArgumentException ex) {
                throw new InvalidScenarioException(file, null, "expect.criteria." + e.getKey() + " must be MET, NOT_MET or UNKNOWN");
            }
        }
        List<Verdict> possible = null;
        if (expect.has("possibleVerdicts")) {
            possible = new ArrayList<>();
            for (String v : texts(file, expect, "possibleVerdicts")) {
                try {
                    possible.add(Verdict.valueOf(v));
                } catch (IllegalArgumentException e) {
                    throw new InvalidScenarioException(file, null, "expect.possibleVerdicts: \"" + v + "\" is not one of "
                            + List.of(Verdict.values()));
                }
            }
        }
        String name = root.get("name").asText();
        Patient patient;
        try {
            patient = PatientJson.fromTree(root.get("patient"));
        } catch (InvalidPatientException e) {
            throw new InvalidScenarioException(file, name, "invalid patient: " + e.getMessage());
        }
        return new Scenario(file, name, root.path("description").asText(""), patient, verdict, texts(file, expect, "findings"), texts(file, expect, "absent"), criteria,
                texts(file, expect, "missingInputs"), possible);
    }

    private static void unknownFields(String file, JsonNode node, Set<String> allowed, String prefix) {
        node.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                throw new InvalidScenarioException(file, null, "unknown field \"" + prefix + f + "\"");
            }
        });
    }

    private static List<String> texts(String file, JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        JsonNode array = node.path(field);
        if (!array.isMissingNode() && !array.isArray()) {
            throw new InvalidScenarioException(file, null, "expect." + field + " must be an array of strings");
        }
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
