package org.spinecds.patient;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.spinecds.InvalidPatientException;

/**
 * The patient fact: every {@link Input} the rules can use, each of which may be unknown.
 *
 * <p>Getters return {@code null} for an unknown input; rules test "is known and ..." and never read
 * an unknown as "no". A set-valued input (diagnoses, symptoms, comorbidities, conservative care,
 * regions) is either the complete list, so an empty set means "none", or unknown ({@code null}); an
 * unknown list may still be known member by member ({@link #present}, {@link #absent}): the members
 * known present and those known absent, every other member being unknown. Rules that need a member
 * present read {@code getComorbiditiesPresent()} and the like, which hold the known-present members
 * whether or not the list is complete; rules that need a member absent read {@code ...Absent()}.
 *
 * <p>Instances are immutable and validated: {@link Builder#build()} rejects impossible values and
 * contradictory inputs with an {@link InvalidPatientException} naming the field.
 */
public final class Patient {

    private final Map<Input, Object> values;
    /** The unknown set inputs of which some members are known, by input. */
    private final Map<Input, Members> partial;
    private final String patientId;

    private Patient(Map<Input, Object> values, Map<Input, Members> partial, String patientId) {
        this.values = values;
        this.partial = partial;
        this.patientId = patientId;
    }

    /**
     * The host's identifier for the patient, or {@code null}: it travels into the assessment for the
     * host's audit and is never logged or used by the rules.
     */
    public String getPatientId() {
        return patientId;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this patient's inputs, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.values.putAll(values);
        b.partial.putAll(partial);
        b.patientId = patientId;
        return b;
    }

    /** The value of an input, or {@code null} when it is unknown. Sets are unmodifiable. */
    public Object get(Input input) {
        return values.get(input);
    }

    public boolean isKnown(Input input) {
        return values.containsKey(input);
    }

    /** The known inputs and their values, in {@link Input} order. */
    public Map<Input, Object> knownInputs() {
        return Collections.unmodifiableMap(values);
    }

    /**
     * The set inputs that are unknown as lists but known member by member, with what is known of
     * their members, in {@link Input} order. An input is never both here and in {@link #knownInputs()}.
     */
    public Map<Input, Members> partialInputs() {
        return Collections.unmodifiableMap(partial);
    }

    /**
     * The members of a set input known present: the list itself when it is complete, the members
     * known present when it is known member by member, and an empty set when it is unknown.
     *
     * @throws IllegalArgumentException if the input is not set-valued
     */
    public Set<?> present(Input input) {
        requireSet(input);
        Object complete = values.get(input);
        if (complete != null) {
            return (Set<?>) complete;
        }
        Members m = partial.get(input);
        return m == null ? Set.of() : m.present();
    }

    /**
     * The members of a set input known absent: the complement of the list when it is complete, the
     * members known absent when it is known member by member, and an empty set when it is unknown.
     *
     * @throws IllegalArgumentException if the input is not set-valued
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Set<?> absent(Input input) {
        requireSet(input);
        Object complete = values.get(input);
        if (complete != null) {
            EnumSet rest = EnumSet.allOf((Class) input.enumType());
            rest.removeAll((Set<?>) complete);
            return Collections.unmodifiableSet(rest);
        }
        Members m = partial.get(input);
        return m == null ? Set.of() : m.absent();
    }

    private static void requireSet(Input input) {
        if (input.type() != Input.Type.ENUM_SET) {
            throw new IllegalArgumentException(input.jsonName() + " is not a set-valued input");
        }
    }

    public Integer getAge() { return (Integer) values.get(Input.AGE); }
    public Sex getSex() { return (Sex) values.get(Input.SEX); }
    public Double getBmi() { return (Double) values.get(Input.BMI); }
    public Integer getAsaClass() { return (Integer) values.get(Input.ASA_CLASS); }
    public SmokingStatus getSmokingStatus() { return (SmokingStatus) values.get(Input.SMOKING_STATUS); }
    public Boolean getClottingDisorderHistory() { return (Boolean) values.get(Input.CLOTTING_DISORDER_HISTORY); }
    public Boolean getOnBloodThinners() { return (Boolean) values.get(Input.ON_BLOOD_THINNERS); }
    public Set<Comorbidity> getComorbidities() { return set(Input.COMORBIDITIES); }
    public Boolean getAnaesthesiaReactionHistory() { return (Boolean) values.get(Input.ANAESTHESIA_REACTION_HISTORY); }
    public Boolean getSevereSystemicCondition() { return (Boolean) values.get(Input.SEVERE_SYSTEMIC_CONDITION); }
    public Set<Diagnosis> getDiagnoses() { return set(Input.DIAGNOSES); }
    public Integer getSpondylolisthesisGrade() { return (Integer) values.get(Input.SPONDYLOLISTHESIS_GRADE); }
    public Set<Region> getRegions() { return set(Input.REGIONS); }
    public Integer getLevels() { return (Integer) values.get(Input.LEVELS); }
    public Set<Symptom> getSymptoms() { return set(Input.SYMPTOMS); }
    public Integer getSymptomDurationWeeks() { return (Integer) values.get(Input.SYMPTOM_DURATION_WEEKS); }
    public Boolean getSymptomsPersist() { return (Boolean) values.get(Input.SYMPTOMS_PERSIST); }
    public Boolean getBladderBowelDysfunction() { return (Boolean) values.get(Input.BLADDER_BOWEL_DYSFUNCTION); }
    public Boolean getSaddleAnaesthesia() { return (Boolean) values.get(Input.SADDLE_ANAESTHESIA); }
    public Boolean getProgressiveMotorWeakness() { return (Boolean) values.get(Input.PROGRESSIVE_MOTOR_WEAKNESS); }
    public Boolean getSeriousPathologySuspected() { return (Boolean) values.get(Input.SERIOUS_PATHOLOGY_SUSPECTED); }
    public Boolean getCancerHistory() { return (Boolean) values.get(Input.CANCER_HISTORY); }
    public Boolean getUnexplainedWeightLoss() { return (Boolean) values.get(Input.UNEXPLAINED_WEIGHT_LOSS); }
    public Boolean getFever() { return (Boolean) values.get(Input.FEVER); }
    public Boolean getIntravenousDrugUse() { return (Boolean) values.get(Input.INTRAVENOUS_DRUG_USE); }
    public Boolean getRecentSignificantTrauma() { return (Boolean) values.get(Input.RECENT_SIGNIFICANT_TRAUMA); }
    public Boolean getLongTermCorticosteroids() { return (Boolean) values.get(Input.LONG_TERM_CORTICOSTEROIDS); }
    public Integer getMjoaScore() { return (Integer) values.get(Input.MJOA_SCORE); }
    public Integer getMotorStrengthMrc() { return (Integer) values.get(Input.MOTOR_STRENGTH_MRC); }
    public Set<ConservativeTreatment> getConservativeCare() { return set(Input.CONSERVATIVE_CARE); }
    public Integer getConservativeCareWeeks() { return (Integer) values.get(Input.CONSERVATIVE_CARE_WEEKS); }
    public Boolean getConservativeCareRelieved() { return (Boolean) values.get(Input.CONSERVATIVE_CARE_RELIEVED); }
    public Boolean getImagingDone() { return (Boolean) values.get(Input.IMAGING_DONE); }
    public Boolean getPhysicalExamDone() { return (Boolean) values.get(Input.PHYSICAL_EXAM_DONE); }
    public Boolean getImagingConcordant() { return (Boolean) values.get(Input.IMAGING_CONCORDANT); }
    public Boolean getComplexSpinalAnatomy() { return (Boolean) values.get(Input.COMPLEX_SPINAL_ANATOMY); }
    public Boolean getPriorSurgerySameLevel() { return (Boolean) values.get(Input.PRIOR_SURGERY_SAME_LEVEL); }
    public Boolean getExistingFusionMass() { return (Boolean) values.get(Input.EXISTING_FUSION_MASS); }
    public Boolean getTargetAccessible() { return (Boolean) values.get(Input.TARGET_ACCESSIBLE); }
    public Boolean getDifficultVisualisation() { return (Boolean) values.get(Input.DIFFICULT_VISUALISATION); }
    public Double getSvaCm() { return (Double) values.get(Input.SVA_CM); }
    public Double getPelvicTiltDeg() { return (Double) values.get(Input.PELVIC_TILT_DEG); }
    public Double getPiMinusLlDeg() { return (Double) values.get(Input.PI_MINUS_LL_DEG); }
    public Double getCobbAngleDeg() { return (Double) values.get(Input.COBB_ANGLE_DEG); }
    public Double getThoracicKyphosisDeg() { return (Double) values.get(Input.THORACIC_KYPHOSIS_DEG); }
    public Double getLateralListhesisMm() { return (Double) values.get(Input.LATERAL_LISTHESIS_MM); }
    public Boolean getRigidDeformity() { return (Boolean) values.get(Input.RIGID_DEFORMITY); }
    public Procedure getPlannedProcedure() { return (Procedure) values.get(Input.PLANNED_PROCEDURE); }
    public Integer getSurgeonMissProcedures() { return (Integer) values.get(Input.SURGEON_MISS_PROCEDURES); }
    public Boolean getAdultCaregiverAtHome() { return (Boolean) values.get(Input.ADULT_CAREGIVER_AT_HOME); }
    public Occupation getOccupation() { return (Occupation) values.get(Input.OCCUPATION); }
    public Boolean getExpectsCompletePainRelief() { return (Boolean) values.get(Input.EXPECTS_COMPLETE_PAIN_RELIEF); }

    // Members known present or absent, whether or not the list is complete (empty when nothing is known)
    public Set<Comorbidity> getComorbiditiesPresent() { return typed(present(Input.COMORBIDITIES)); }
    public Set<Comorbidity> getComorbiditiesAbsent() { return typed(absent(Input.COMORBIDITIES)); }
    public Set<Diagnosis> getDiagnosesPresent() { return typed(present(Input.DIAGNOSES)); }
    public Set<Diagnosis> getDiagnosesAbsent() { return typed(absent(Input.DIAGNOSES)); }
    public Set<Region> getRegionsPresent() { return typed(present(Input.REGIONS)); }
    public Set<Region> getRegionsAbsent() { return typed(absent(Input.REGIONS)); }
    public Set<Symptom> getSymptomsPresent() { return typed(present(Input.SYMPTOMS)); }
    public Set<Symptom> getSymptomsAbsent() { return typed(absent(Input.SYMPTOMS)); }
    public Set<ConservativeTreatment> getConservativeCarePresent() { return typed(present(Input.CONSERVATIVE_CARE)); }
    public Set<ConservativeTreatment> getConservativeCareAbsent() { return typed(absent(Input.CONSERVATIVE_CARE)); }

    /** Whether the input is a set known member by member only: some members known, the list not complete. */
    public boolean isPartial(Input input) {
        return partial.containsKey(input);
    }

    /** True when the diagnosis is known present; false when it is known absent or unknown. */
    public boolean hasDiagnosis(Diagnosis diagnosis) {
        return getDiagnosesPresent().contains(diagnosis);
    }

    /** True when the symptom is known present; false when it is known absent or unknown. */
    public boolean hasSymptom(Symptom symptom) {
        return getSymptomsPresent().contains(symptom);
    }

    /** True when the region is known concerned; false when it is known not to be or unknown. */
    public boolean inRegion(Region region) {
        return getRegionsPresent().contains(region);
    }

    @SuppressWarnings("unchecked")
    private static <E> Set<E> typed(Set<?> set) {
        return (Set<E>) set;
    }

    @SuppressWarnings("unchecked")
    private <E> Set<E> set(Input input) {
        return (Set<E>) values.get(input);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Patient p && values.equals(p.values) && partial.equals(p.partial)
                && Objects.equals(patientId, p.patientId);
    }

    @Override
    public int hashCode() {
        return (values.hashCode() * 31 + partial.hashCode()) * 31 + Objects.hashCode(patientId);
    }

    /**
     * Names the known inputs, and those known member by member, only: a patient's values, members and
     * identifier are never rendered by {@code toString}.
     */
    @Override
    public String toString() {
        return "Patient" + values.keySet() + (partial.isEmpty() ? "" : " partly known " + partial.keySet());
    }

    /** Builds a {@link Patient}. Setting {@code null} makes an input unknown again. */
    public static final class Builder {
        private final EnumMap<Input, Object> values = new EnumMap<>(Input.class);
        private final EnumMap<Input, Members> partial = new EnumMap<>(Input.class);
        private String patientId;

        private Builder() {
        }

        /** The host's identifier for the patient (at most 200 characters), or {@code null}. */
        public Builder patientId(String patientId) {
            if (patientId != null && (patientId.isBlank() || patientId.length() > 200)) {
                throw InvalidPatientException.of("patientId", "must be 1 to 200 characters, not blank");
            }
            this.patientId = patientId;
            return this;
        }

        /**
         * Sets any input from a generic value: Boolean, Integer (or any integral Number), Double (or
         * any Number), an enum constant of the input's type, or a collection of them for set inputs: the
         * complete list (an empty one for "none"). {@code null} makes the input unknown, and forgets
         * what {@link #members} said of a set input's members.
         *
         * @throws InvalidPatientException if the value has the wrong type for the input
         */
        public Builder set(Input input, Object value) {
            Objects.requireNonNull(input, "input");
            if (value == null) {
                values.remove(input);
            } else {
                values.put(input, Validation.coerce(input, value));
            }
            partial.remove(input);
            return this;
        }

        /**
         * Sets what is known of a set input member by member: the members known present and those
         * known absent ({@code null} for none), every other member being unknown. When the two cover
         * every member the list is complete and becomes the input's value ({@code present}); otherwise
         * the input stays unknown as a list ({@link Patient#get} gives {@code null}) and its known
         * members are kept for {@link Patient#present} and {@link Patient#absent}. This replaces
         * whatever was known of the input before.
         *
         * @throws InvalidPatientException naming the input if it is not set-valued, a member is not one
         *     of its constants, or a member is given both present and absent
         */
        public Builder members(Input input, Collection<?> present, Collection<?> absent) {
            Objects.requireNonNull(input, "input");
            if (input.type() != Input.Type.ENUM_SET) {
                throw InvalidPatientException.of(input.jsonName(), "is not a list: it has no members");
            }
            Set<?> yes = (Set<?>) Validation.coerce(input, present == null ? Set.of() : present);
            Set<?> no = (Set<?>) Validation.coerce(input, absent == null ? Set.of() : absent);
            for (Object member : yes) {
                if (no.contains(member)) {
                    throw InvalidPatientException.of(input.jsonName(), "lists %s both present and absent",
                            ((Enum<?>) member).name());
                }
            }
            values.remove(input);
            partial.remove(input);
            if (yes.size() + no.size() == input.enumType().getEnumConstants().length) {
                values.put(input, yes);
            } else if (!yes.isEmpty() || !no.isEmpty()) {
                partial.put(input, new Members(yes, no));
            }
            return this;
        }

        public Builder age(Integer years) { return set(Input.AGE, years); }
        public Builder sex(Sex sex) { return set(Input.SEX, sex); }
        public Builder bmi(Double kgPerM2) { return set(Input.BMI, kgPerM2); }
        public Builder asaClass(Integer asaClass) { return set(Input.ASA_CLASS, asaClass); }
        public Builder smokingStatus(SmokingStatus status) { return set(Input.SMOKING_STATUS, status); }
        public Builder clottingDisorderHistory(Boolean v) { return set(Input.CLOTTING_DISORDER_HISTORY, v); }
        public Builder onBloodThinners(Boolean v) { return set(Input.ON_BLOOD_THINNERS, v); }
        public Builder comorbidities(Comorbidity... v) { return set(Input.COMORBIDITIES, list(v)); }
        public Builder comorbidities(Collection<Comorbidity> v) { return set(Input.COMORBIDITIES, v); }
        public Builder anaesthesiaReactionHistory(Boolean v) { return set(Input.ANAESTHESIA_REACTION_HISTORY, v); }
        public Builder severeSystemicCondition(Boolean v) { return set(Input.SEVERE_SYSTEMIC_CONDITION, v); }
        public Builder diagnoses(Diagnosis... v) { return set(Input.DIAGNOSES, list(v)); }
        public Builder diagnoses(Collection<Diagnosis> v) { return set(Input.DIAGNOSES, v); }
        public Builder spondylolisthesisGrade(Integer v) { return set(Input.SPONDYLOLISTHESIS_GRADE, v); }
        public Builder regions(Region... v) { return set(Input.REGIONS, list(v)); }
        public Builder regions(Collection<Region> v) { return set(Input.REGIONS, v); }
        public Builder levels(Integer v) { return set(Input.LEVELS, v); }
        public Builder symptoms(Symptom... v) { return set(Input.SYMPTOMS, list(v)); }
        public Builder symptoms(Collection<Symptom> v) { return set(Input.SYMPTOMS, v); }
        public Builder symptomDurationWeeks(Integer v) { return set(Input.SYMPTOM_DURATION_WEEKS, v); }
        public Builder symptomsPersist(Boolean v) { return set(Input.SYMPTOMS_PERSIST, v); }
        public Builder bladderBowelDysfunction(Boolean v) { return set(Input.BLADDER_BOWEL_DYSFUNCTION, v); }
        public Builder saddleAnaesthesia(Boolean v) { return set(Input.SADDLE_ANAESTHESIA, v); }
        public Builder progressiveMotorWeakness(Boolean v) { return set(Input.PROGRESSIVE_MOTOR_WEAKNESS, v); }
        public Builder seriousPathologySuspected(Boolean v) { return set(Input.SERIOUS_PATHOLOGY_SUSPECTED, v); }
        public Builder cancerHistory(Boolean v) { return set(Input.CANCER_HISTORY, v); }
        public Builder unexplainedWeightLoss(Boolean v) { return set(Input.UNEXPLAINED_WEIGHT_LOSS, v); }
        public Builder fever(Boolean v) { return set(Input.FEVER, v); }
        public Builder intravenousDrugUse(Boolean v) { return set(Input.INTRAVENOUS_DRUG_USE, v); }
        public Builder recentSignificantTrauma(Boolean v) { return set(Input.RECENT_SIGNIFICANT_TRAUMA, v); }
        public Builder longTermCorticosteroids(Boolean v) { return set(Input.LONG_TERM_CORTICOSTEROIDS, v); }
        public Builder mjoaScore(Integer v) { return set(Input.MJOA_SCORE, v); }
        public Builder motorStrengthMrc(Integer v) { return set(Input.MOTOR_STRENGTH_MRC, v); }
        public Builder conservativeCare(ConservativeTreatment... v) { return set(Input.CONSERVATIVE_CARE, list(v)); }
        public Builder conservativeCare(Collection<ConservativeTreatment> v) { return set(Input.CONSERVATIVE_CARE, v); }
        public Builder conservativeCareWeeks(Integer v) { return set(Input.CONSERVATIVE_CARE_WEEKS, v); }
        public Builder conservativeCareRelieved(Boolean v) { return set(Input.CONSERVATIVE_CARE_RELIEVED, v); }
        public Builder imagingDone(Boolean v) { return set(Input.IMAGING_DONE, v); }
        public Builder physicalExamDone(Boolean v) { return set(Input.PHYSICAL_EXAM_DONE, v); }
        public Builder imagingConcordant(Boolean v) { return set(Input.IMAGING_CONCORDANT, v); }
        public Builder complexSpinalAnatomy(Boolean v) { return set(Input.COMPLEX_SPINAL_ANATOMY, v); }
        public Builder priorSurgerySameLevel(Boolean v) { return set(Input.PRIOR_SURGERY_SAME_LEVEL, v); }
        public Builder existingFusionMass(Boolean v) { return set(Input.EXISTING_FUSION_MASS, v); }
        public Builder targetAccessible(Boolean v) { return set(Input.TARGET_ACCESSIBLE, v); }
        public Builder difficultVisualisation(Boolean v) { return set(Input.DIFFICULT_VISUALISATION, v); }
        public Builder svaCm(Double v) { return set(Input.SVA_CM, v); }
        public Builder pelvicTiltDeg(Double v) { return set(Input.PELVIC_TILT_DEG, v); }
        public Builder piMinusLlDeg(Double v) { return set(Input.PI_MINUS_LL_DEG, v); }
        public Builder cobbAngleDeg(Double v) { return set(Input.COBB_ANGLE_DEG, v); }
        public Builder thoracicKyphosisDeg(Double v) { return set(Input.THORACIC_KYPHOSIS_DEG, v); }
        public Builder lateralListhesisMm(Double v) { return set(Input.LATERAL_LISTHESIS_MM, v); }
        public Builder rigidDeformity(Boolean v) { return set(Input.RIGID_DEFORMITY, v); }
        public Builder plannedProcedure(Procedure v) { return set(Input.PLANNED_PROCEDURE, v); }
        public Builder surgeonMissProcedures(Integer v) { return set(Input.SURGEON_MISS_PROCEDURES, v); }
        public Builder adultCaregiverAtHome(Boolean v) { return set(Input.ADULT_CAREGIVER_AT_HOME, v); }
        public Builder occupation(Occupation v) { return set(Input.OCCUPATION, v); }
        public Builder expectsCompletePainRelief(Boolean v) { return set(Input.EXPECTS_COMPLETE_PAIN_RELIEF, v); }

        /**
         * Validates and builds the patient.
         *
         * @throws InvalidPatientException naming the first field whose value is impossible or
         *     contradicts another input
         */
        public Patient build() {
            EnumMap<Input, Object> copy = new EnumMap<>(values);
            EnumMap<Input, Members> members = new EnumMap<>(partial);
            Patient p = new Patient(copy, members, patientId);
            Validation.check(p);
            return p;
        }

        private static <E> Collection<E> list(E[] items) {
            return items == null ? null : java.util.Arrays.asList(items);
        }
    }
}
