package org.spinecds.json;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.spinecds.Assessment;
import org.spinecds.CriterionResult;
import org.spinecds.Evidence;
import org.spinecds.Finding;
import org.spinecds.KnowledgeBaseInfo;
import org.spinecds.MissingInput;
import org.spinecds.OverriddenVerdict;
import org.spinecds.Source;

/**
 * Writes an {@link Assessment} as JSON, with the field names of the assessment model:
 * {@code verdict, decidedBy, overridden, possibleVerdicts, criteria, findings, missingInputs, toSettle,
 * inputsToComplete, knowledgeBase, assessedAt}.
 * {@code decidedBy} and each overridden verdict's {@code findings} list finding codes, which point
 * into {@code findings}. Categories and severities are written as their ids ({@code patient-risk},
 * {@code warning}). The output is deterministic: the same assessment gives the same bytes.
 */
public final class AssessmentJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private AssessmentJson() {
    }

    /** The assessment as indented JSON text. */
    public static String write(Assessment a) {
        try {
            return MAPPER.writeValueAsString(toTree(a));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an assessment could not be written as JSON", e);
        }
    }

    /** The assessment as a JSON tree. */
    public static ObjectNode toTree(Assessment a) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("verdict", a.verdict().name());
        codes(root.putArray("decidedBy"), a.decidedBy());
        ArrayNode overridden = root.putArray("overridden");
        for (OverriddenVerdict o : a.overridden()) {
            ObjectNode n = overridden.addObject();
            n.put("verdict", o.verdict().name());
            o.findingCodes().forEach(n.putArray("findings")::add);
            n.put("reason", o.reason());
        }
        ArrayNode possible = root.putArray("possibleVerdicts");
        a.possibleVerdicts().forEach(v -> possible.add(v.name()));
        ArrayNode criteria = root.putArray("criteria");
        for (CriterionResult c : a.criteria()) {
            ObjectNode n = criteria.addObject();
            n.put("id", c.id());
            n.put("title", c.title());
            n.put("status", c.status().name());
            evidence(n.putArray("decidedBy"), c.decidedBy());
            c.toCollect().forEach(n.putArray("toCollect")::add);
            c.findingCodes().forEach(n.putArray("findings")::add);
        }
        ArrayNode findings = root.putArray("findings");
        for (Finding f : a.findings()) {
            finding(findings.addObject(), f);
        }
        a.missingInputs().forEach(root.putArray("missingInputs")::add);
        missing(root.putArray("toSettle"), a.toSettle());
        missing(root.putArray("inputsToComplete"), a.inputsToComplete());
        KnowledgeBaseInfo kb = a.knowledgeBase();
        ObjectNode k = root.putObject("knowledgeBase");
        k.put("name", kb.name());
        k.put("version", kb.version());
        k.put("sha256", kb.sha256());
        k.put("ruleCount", kb.ruleCount());
        k.put("generation", kb.generation());
        ArrayNode sets = k.putArray("ruleSets");
        kb.ruleSets().forEach(rs -> sets.addObject().put("name", rs.name()).put("version", rs.version())
                .put("origin", rs.origin()));
        ArrayNode replaced = k.putArray("replaced");
        kb.replaced().forEach(r -> replaced.addObject().put("code", r.code()).put("byCode", r.byCode())
                .put("byRule", r.byRule()).put("file", r.file()));
        kb.disabled().forEach(k.putArray("disabled")::add);
        ArrayNode overrides = k.putArray("thresholdOverrides");
        kb.thresholdOverrides().forEach(o -> overrides.addObject().put("name", o.name())
                .put("default", o.defaultValue()).put("value", o.value()).put("unit", o.unit()).put("file", o.file()));
        root.put("assessedAt", a.assessedAt().toString());
        if (a.patientId() != null) {
            root.put("patientId", a.patientId());
        }
        return root;
    }

    private static void finding(ObjectNode n, Finding f) {
        n.put("code", f.code());
        n.put("criterion", f.criterion());
        n.put("category", f.category().id());
        n.put("severity", f.severity().id());
        n.put("summary", f.summary());
        n.put("detail", f.detail());
        evidence(n.putArray("evidence"), f.evidence());
        ArrayNode sources = n.putArray("sources");
        for (Source s : f.sources()) {
            ObjectNode sn = sources.addObject();
            sn.put("id", s.id());
            sn.put("citation", s.citation());
            if (s.url() != null) {
                sn.put("url", s.url());
            }
        }
        ObjectNode rule = n.putObject("rule");
        rule.put("name", f.rule().name());
        rule.put("file", f.rule().file());
        if (f.action() == null) {
            n.putNull("action");
        } else {
            n.put("action", f.action());
        }
    }

    private static void evidence(ArrayNode array, List<Evidence> evidence) {
        for (Evidence e : evidence) {
            ObjectNode n = array.addObject();
            n.put("input", e.input());
            n.set("value", MAPPER.valueToTree(e.value()));
            if (e.unit() == null) {
                n.putNull("unit");
            } else {
                n.put("unit", e.unit());
            }
            n.put("operator", e.operator());
            n.set("threshold", MAPPER.valueToTree(e.threshold()));
            if (e.thresholdName() != null) {
                n.put("thresholdName", e.thresholdName());
            }
        }
    }

    private static void missing(ArrayNode array, List<MissingInput> inputs) {
        for (MissingInput m : inputs) {
            ObjectNode n = array.addObject();
            n.put("input", m.input());
            if (m.verdict() != null) {
                n.put("verdict", m.verdict().name());
            }
            m.criteria().forEach(n.putArray("criteria")::add);
        }
    }

    private static void codes(ArrayNode array, List<Finding> findings) {
        findings.stream().map(Finding::code).distinct().forEach(array::add);
    }

    /** Parses JSON text into a tree, e.g. to compare two outputs in tests. */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
