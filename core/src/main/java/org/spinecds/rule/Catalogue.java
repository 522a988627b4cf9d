package org.spinecds.rule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Patient;
import org.spinecds.patient.Procedure;
import org.spinecds.patient.Region;
import org.spinecds.patient.Symptom;

/**
 * The clinical classification of a rule base as one immutable value, read by the rules through the
 * global {@code catalogue}: which diagnoses this surgery treats and which the criteria cover
 * ({@code classes.json}), which symptoms count for which diagnoses, and each procedure's region and
 * same-day eligibility ({@code procedures.json}). It is data a site can review, not code inside a rule:
 * {@code Patient( catalogue.regionOf(plannedProcedure) != null )}.
 *
 * <p>One value per rule base, shared by every assessment: it holds nothing of a patient.
 */
public final class Catalogue {

    /** The name of the global through which rules read the catalogue. */
    public static final String GLOBAL = "catalogue";

    /**
     * Symptoms that count (CAND-2) for a patient with one of the diagnoses: for any diagnosis at all
     * when {@code forDiagnoses} is empty.
     */
    public record SymptomClass(String name, Set<Symptom> symptoms, Set<Diagnosis> forDiagnoses) {
        public SymptomClass {
            symptoms = enumSet(Symptom.class, symptoms);
            forDiagnoses = enumSet(Diagnosis.class, forDiagnoses);
        }
    }

    /**
     * A planned procedure: the region it is always done in ({@code null}: the regions recorded say),
     * whether it is done as same-day surgery, and, when only in some regions, those regions
     * ({@code null}: in any).
     */
    public record ProcedureClass(Procedure procedure, Region region, boolean sameDay, Set<Region> sameDayOnlyIn) {
        public ProcedureClass {
            sameDayOnlyIn = sameDayOnlyIn == null ? null : enumSet(Region.class, sameDayOnlyIn);
        }
    }

    private final Set<Diagnosis> treatableDiagnoses;
    private final Set<Diagnosis> coveredDiagnoses;
    private final List<SymptomClass> symptomClasses;
    private final Map<Procedure, ProcedureClass> procedures;

    /**
     * @param treatableDiagnoses the conditions this surgery treats (CAND-1)
     * @param coveredDiagnoses the conditions these criteria cover (SCOPE-2)
     * @param symptomClasses the symptoms that count (CAND-2), and for which diagnoses
     * @param procedures every procedure's region and same-day eligibility
     */
    public Catalogue(Collection<Diagnosis> treatableDiagnoses, Collection<Diagnosis> coveredDiagnoses,
                     List<SymptomClass> symptomClasses, Collection<ProcedureClass> procedures) {
        this.treatableDiagnoses = enumSet(Diagnosis.class, treatableDiagnoses);
        this.coveredDiagnoses = enumSet(Diagnosis.class, coveredDiagnoses);
        this.symptomClasses = List.copyOf(symptomClasses);
        Map<Procedure, ProcedureClass> byProcedure = new EnumMap<>(Procedure.class);
        for (ProcedureClass p : procedures) {
            if (byProcedure.put(p.procedure(), p) != null) {
                throw new IllegalArgumentException("procedure " + p.procedure() + " is classified twice");
            }
        }
        for (Procedure p : Procedure.values()) {
            if (!byProcedure.containsKey(p)) {
                throw new IllegalArgumentException("procedure " + p + " is not classified");
            }
        }
        this.procedures = Collections.unmodifiableMap(byProcedure);
    }

    /** The conditions this surgery treats (CAND-1), in diagnosis order. */
    public Set<Diagnosis> treatableDiagnoses() {
        return treatableDiagnoses;
    }

    /** The conditions these criteria cover (SCOPE-2), in diagnosis order. */
    public Set<Diagnosis> coveredDiagnoses() {
        return coveredDiagnoses;
    }

    /** The symptoms that count for any diagnosis: the nerve-compression symptoms, in symptom order. */
    public Set<Symptom> nerveCompressionSymptoms() {
        Set<Symptom> any = EnumSet.noneOf(Symptom.class);
        for (SymptomClass c : symptomClasses) {
            if (c.forDiagnoses().isEmpty()) {
                any.addAll(c.symptoms());
            }
        }
        return Collections.unmodifiableSet(any);
    }

    /** The symptom classes, in catalogue order. */
    public List<SymptomClass> symptomClasses() {
        return symptomClasses;
    }

    /** The diagnoses among {@code diagnoses} that this surgery treats, in their order. */
    public List<Diagnosis> treatable(Collection<Diagnosis> diagnoses) {
        List<Diagnosis> treatable = new ArrayList<>(diagnoses);
        treatable.retainAll(treatableDiagnoses);
        return treatable;
    }

    /** Whether a condition these criteria cover is among {@code diagnoses}. */
    public boolean covers(Collection<Diagnosis> diagnoses) {
        return !Collections.disjoint(diagnoses, coveredDiagnoses);
    }

    /**
     * The patient's symptoms known present that count (CAND-2) for the diagnoses known present, in
     * the patient's order.
     */
    public List<Symptom> countedSymptoms(Patient p) {
        List<Symptom> counted = new ArrayList<>();
        for (Symptom s : p.getSymptomsPresent()) {
            if (counts(s, p.getDiagnosesPresent())) {
                counted.add(s);
            }
        }
        return counted;
    }

    /**
     * True when no symptom counts yet but one known present would for a diagnosis that is neither
     * known present nor known absent: whether CAND-2 is met waits on the diagnoses.
     */
    public boolean symptomsWaitOnDiagnoses(Patient p) {
        if (!countedSymptoms(p).isEmpty()) {
            return false;
        }
        for (Symptom s : p.getSymptomsPresent()) {
            for (SymptomClass c : symptomClasses) {
                if (c.symptoms().contains(s) && !c.forDiagnoses().isEmpty()
                        && !p.getDiagnosesAbsent().containsAll(c.forDiagnoses())) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean counts(Symptom s, Set<Diagnosis> diagnosed) {
        for (SymptomClass c : symptomClasses) {
            if (c.symptoms().contains(s)
                    && (c.forDiagnoses().isEmpty() || !Collections.disjoint(diagnosed, c.forDiagnoses()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The region a procedure is always done in, or {@code null} when the recorded regions say (or no
     * procedure is given).
     */
    public Region regionOf(Procedure procedure) {
        return procedure == null ? null : procedures.get(procedure).region();
    }

    /**
     * Whether the planned procedure is done as same-day surgery in the patient's regions: {@code null}
     * while that waits on regions not yet known (a procedure same-day only in some regions, with the
     * regions unknown and none outside them known present), or no procedure is given.
     */
    public Boolean sameDay(Patient p) {
        if (p.getPlannedProcedure() == null) {
            return null;
        }
        ProcedureClass c = procedures.get(p.getPlannedProcedure());
        if (!c.sameDay()) {
            return false;
        }
        if (c.sameDayOnlyIn() == null) {
            return true;
        }
        if (p.getRegions() == null) {
            return c.sameDayOnlyIn().containsAll(p.getRegionsPresent()) ? null : false;
        }
        return p.getRegions().equals(c.sameDayOnlyIn());
    }

    /** Every procedure's classification, in procedure order. */
    public Collection<ProcedureClass> procedures() {
        return procedures.values();
    }

    private static <E extends Enum<E>> Set<E> enumSet(Class<E> type, Collection<E> members) {
        Set<E> set = EnumSet.noneOf(type);
        if (members != null) {
            set.addAll(members);
        }
        return Collections.unmodifiableSet(set);
    }
}
