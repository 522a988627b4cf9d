package org.spinecds.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
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
        ClassesFile c = defined(ruleSets, CLASSES, (content, file) -> Json.read(content, file, CLASSES_SCHEMA,
                ClassesFile.class), problems);
        List<ProcedureEntry> p = defined(ruleSets, PROCEDURES, (content, file) -> Json.readList(content, file,
                PROCEDURES_SCHEMA, ProcedureEntry.class), problems);
        boolean hasClasses = ruleSets.stream().anyMatch(rs -> rs.files().containsKey(CLASSES));
        boolean hasProcedures = ruleSets.stream().anyMatch(rs -> rs.files().containsKey(PROCEDURES));
        if (!hasClasses && !hasProcedures) {
            return null;
        }
        if (!hasClasses || !hasProcedures) {
            problems.add(new Problem(path(ruleSets, hasClasses ? CLASSES : PROCEDURES), 0, 0, null,
                    "needs " + (hasClasses ? PROCEDURES : CLASSES) + " beside it: the catalogue is both files"));
            return null;
        }
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
            problems.add(new Problem(path(ruleSets, PROCEDURES), 0, 0, null, e.getMessage()));
            return null;
        }
    }

    /**
     * The file as the first rule set that holds it gives it, or {@code null}. Each copy is checked and
     * bound on its own, so a copy's own problems are reported; a later copy that binds to the same
     * content (whatever its layout) is fine, a different one a problem.
     */
    private static <T> T defined(List<RuleSetSource> ruleSets, String name, BiFunction<byte[], String, T> read,
                                 List<Problem> problems) {
        T first = null;
        boolean failed = false;
        for (RuleSetSource rs : ruleSets) {
            byte[] content = rs.files().get(name);
            if (content == null) {
                continue;
            }
            String file = rs.displayPath(name);
            T value = parse(() -> read.apply(content, file), problems);
            if (value == null) {
                failed = true;
            } else if (first == null) {
                first = value;
            } else if (!first.equals(value)) {
                problems.add(new Problem(file, 0, 0, null, "is defined twice, differently: the clinical catalogue "
                        + "is the first rule set's, and a later rule set may repeat it but not change it"));
                failed = true;
            }
        }
        return failed ? null : first;
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
