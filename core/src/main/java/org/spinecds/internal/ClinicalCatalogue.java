package org.spinecds.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.spinecds.RuleLoadException;
import org.spinecds.RuleLoadException.Problem;
import org.spinecds.json.SchemaCheck;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Procedure;
import org.spinecds.patient.Region;
import org.spinecds.patient.Symptom;
import org.spinecds.rule.Catalogue;

/**
 * Reads the clinical classification of the rule sets ({@code classes.json} and {@code procedures.json})
 * into the {@link Catalogue} the rules read through the global {@code catalogue}. Each file is checked
 * against its committed JSON Schema (a resource beside this class, equal to the copy in {@code schema/})
 * and bound to records: a missing or unknown field or an unknown diagnosis, symptom, region or procedure
 * is a problem naming the file and the field.
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
    record ProcedureEntry(Procedure procedure, Region region, boolean sameDay, Set<Region> sameDayOnlyIn) {
    }

    private static final SchemaCheck CLASSES_SCHEMA = SchemaCheck.of(ClinicalCatalogue.class, "classes.schema.json");
    private static final SchemaCheck PROCEDURES_SCHEMA = SchemaCheck.of(ClinicalCatalogue.class, "procedures.schema.json");

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
        ClassesFile c = parse(() -> Json.read(classes, classesPath, CLASSES_SCHEMA, ClassesFile.class), problems);
        List<ProcedureEntry> p = parse(() -> Json.readList(procedures, proceduresPath, PROCEDURES_SCHEMA,
                ProcedureEntry.class), problems);
        if (c == null || p == null) {
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

    /** The file as {@code read} binds it, or {@code null} with its problems added. */
    private static <T> T parse(Supplier<T> read, List<Problem> problems) {
        try {
            return read.get();
        } catch (RuleLoadException e) {
            problems.addAll(e.problems());
            return null;
        }
    }
}
