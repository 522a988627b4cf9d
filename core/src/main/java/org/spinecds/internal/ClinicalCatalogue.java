package org.spinecds.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;

import org.spinecds.RuleLoadException.Problem;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Procedure;
import org.spinecds.patient.Region;
import org.spinecds.patient.Symptom;
import org.spinecds.rule.Catalogue;

/**
 * Reads the clinical classification of the rule sets ({@code classes.json} and {@code procedures.json},
 * schemas in {@code schema/}) into the {@link Catalogue} the rules read through the global
 * {@code catalogue}. The files are read by Jackson into records: an unknown field or an unknown
 * diagnosis, symptom, region or procedure is a problem naming the file, line, column and field.
 * The catalogue is defined once: a later rule set may hold the same files, not different ones.
 */
final class ClinicalCatalogue {

    static final String CLASSES = "classes.json";
    static final String PROCEDURES = "procedures.json";

    /** {@code classes.json}. */
    record ClassesFile(Set<Diagnosis> treatableDiagnoses, Set<Diagnosis> coveredDiagnoses,
                       List<SymptomClassEntry> symptomClasses) {
    }

    /** An entry of {@code classes.json}'s {@code symptomClasses}. */
    record SymptomClassEntry(String name, String description, Set<Symptom> symptoms, Set<Diagnosis> forDiagnoses) {
    }

    /** An entry of {@code procedures.json}. */
    record ProcedureEntry(Procedure procedure, Region region, Boolean sameDay, Set<Region> sameDayOnlyIn) {
    }

    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private ClinicalCatalogue() {
    }

    /**
     * The catalogue of the rule sets, or {@code null} when none holds both files (then a rule that reads
     * the global is a problem of the loader); problems are added, not thrown.
     */
    static Catalogue read(List<RuleSetSource> ruleSets, List<Problem> problems) {
        byte[] classes = defined(ruleSets, CLASSES, problems);
        byte[] procedures = defined(ruleSets, PROCEDURES, problems);
        if (classes == null && procedures == null) {
            return null;
        }
        String classesPath = path(ruleSets, CLASSES);
        String proceduresPath = path(ruleSets, PROCEDURES);
        if (classes == null || procedures == null) {
            problems.add(new Problem(classes == null ? proceduresPath : classesPath, 0, 0, null,
                    "needs " + (classes == null ? CLASSES : PROCEDURES) + " beside it: the catalogue is both files"));
            return null;
        }
        int before = problems.size();
        ClassesFile c = parse(classes, classesPath, ClassesFile.class, problems);
        ProcedureEntry[] p = parse(procedures, proceduresPath, ProcedureEntry[].class, problems);
        if (c != null) {
            require(c.treatableDiagnoses(), "treatableDiagnoses", classesPath, problems);
            require(c.coveredDiagnoses(), "coveredDiagnoses", classesPath, problems);
            require(c.symptomClasses(), "symptomClasses", classesPath, problems);
            if (c.symptomClasses() != null) {
                for (int i = 0; i < c.symptomClasses().size(); i++) {
                    SymptomClassEntry e = c.symptomClasses().get(i);
                    String at = "symptomClasses[" + i + "]";
                    require(e == null ? null : e.name(), at + ".name", classesPath, problems);
                    require(e == null ? null : e.symptoms(), at + ".symptoms", classesPath, problems);
                }
            }
        }
        if (p != null) {
            for (int i = 0; i < p.length; i++) {
                require(p[i] == null ? null : p[i].procedure(), "[" + i + "].procedure", proceduresPath, problems);
                require(p[i] == null ? null : p[i].sameDay(), "[" + i + "].sameDay", proceduresPath, problems);
            }
        }
        if (problems.size() > before || c == null || p == null) {
            return null;
        }
        List<Catalogue.SymptomClass> symptomClasses = c.symptomClasses().stream()
                .map(e -> new Catalogue.SymptomClass(e.name(), e.symptoms(), e.forDiagnoses())).toList();
        List<Catalogue.ProcedureClass> procedureClasses = new ArrayList<>();
        for (ProcedureEntry e : p) {
            procedureClasses.add(new Catalogue.ProcedureClass(e.procedure(), e.region(), e.sameDay(), e.sameDayOnlyIn()));
        }
        try {
            return new Catalogue(c.treatableDiagnoses(), c.coveredDiagnoses(), symptomClasses, procedureClasses);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(proceduresPath, 0, 0, null, e.getMessage()));
            return null;
        }
    }

    /** The file's content, defined once: the same file in a later rule set is fine, a different one a problem. */
    private static byte[] defined(List<RuleSetSource> ruleSets, String name, List<Problem> problems) {
        byte[] first = null;
        for (RuleSetSource rs : ruleSets) {
            byte[] content = rs.files().get(name);
            if (content == null) {
                continue;
            }
            if (first == null) {
                first = content;
            } else if (!java.util.Arrays.equals(first, content)) {
                problems.add(new Problem(rs.displayPath(name), 0, 0, null, "is defined twice, differently: the "
                        + "clinical catalogue is the first rule set's"));
            }
        }
        return first;
    }

    private static String path(List<RuleSetSource> ruleSets, String name) {
        for (RuleSetSource rs : ruleSets) {
            if (rs.files().containsKey(name)) {
                return rs.displayPath(name);
            }
        }
        return name;
    }

    private static <T> T parse(byte[] content, String file, Class<T> type, List<Problem> problems) {
        try {
            return READER.forType(type).readValue(content);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String field = e instanceof JsonMappingException m ? field(m) : "";
            problems.add(new Problem(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), null,
                    (field.isEmpty() ? "" : "at " + field + ": ") + e.getOriginalMessage()));
            return null;
        } catch (IOException e) {
            problems.add(new Problem(file, 0, 0, null, "cannot be read: " + e.getMessage()));
            return null;
        }
    }

    /** The JSON path of a mapping problem: {@code symptomClasses[1].symptoms[0]}. */
    private static String field(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static void require(Object value, String field, String file, List<Problem> problems) {
        if (value == null) {
            problems.add(new Problem(file, 0, 0, null, "\"" + field + "\" is required"));
        }
    }
}
