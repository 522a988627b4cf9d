package org.spinecds.patient;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every input a {@link Patient} can carry: its JSON field name, its unit, its type and the range of
 * values that are physically possible. Every input may be unknown (absent).
 *
 * <p>The JSON name is the input's identifier everywhere: in the patient JSON format, in
 * {@code Evidence.input}, in {@code missingInputs} and in validation errors.
 */
public enum Input {
    AGE("age", Type.INTEGER, "years", 0, 130, "Age"),
    SEX("sex", Type.ENUM, null, Sex.class, "Sex"),
    BMI("bmi", Type.DECIMAL, "kg/m2", 0, 150, "Body-mass index"),
    ASA_CLASS("asaClass", Type.INTEGER, "ASA class", 1, 6, "ASA physical status class"),
    SMOKING_STATUS("smokingStatus", Type.ENUM, null, SmokingStatus.class, "Smoking status"),
    CLOTTING_DISORDER_HISTORY("clottingDisorderHistory", Type.BOOLEAN,
            "History of a blood-clotting disorder or of deep-vein thrombosis / pulmonary embolism"),
    ON_BLOOD_THINNERS("onBloodThinners", Type.BOOLEAN,
            "Currently takes anticoagulant or antiplatelet medication"),
    COMORBIDITIES("comorbidities", Type.ENUM_SET, null, Comorbidity.class,
            "Comorbidities relevant to surgical risk (the complete list; empty for none)"),
    ANAESTHESIA_REACTION_HISTORY("anaesthesiaReactionHistory", Type.BOOLEAN,
            "Prior adverse reaction to anaesthesia"),
    SEVERE_SYSTEMIC_CONDITION("severeSystemicCondition", Type.BOOLEAN,
            "A severe systemic condition flagged by the clinician"),
    DIAGNOSES("diagnoses", Type.ENUM_SET, null, Diagnosis.class,
            "Spinal diagnoses (the complete list)"),
    SPONDYLOLISTHESIS_GRADE("spondylolisthesisGrade", Type.INTEGER, "Meyerding grade", 1, 5,
            "Spondylolisthesis grade (only with a SPONDYLOLISTHESIS diagnosis)"),
    REGIONS("regions", Type.ENUM_SET, null, Region.class, "Spinal regions concerned"),
    LEVELS("levels", Type.INTEGER, "motion segments", 1, 24,
            "Number of motion segments (intervertebral levels) to be treated: an L4-S1 fusion is 2"),
    SYMPTOMS("symptoms", Type.ENUM_SET, null, Symptom.class, "Symptoms (the complete list; empty for none)"),
    SYMPTOM_DURATION_WEEKS("symptomDurationWeeks", Type.INTEGER, "weeks", 0, 5200, "How long the symptoms have lasted"),
    SYMPTOMS_PERSIST("symptomsPersist", Type.BOOLEAN, "The symptoms persist"),
    BLADDER_BOWEL_DYSFUNCTION("bladderBowelDysfunction", Type.BOOLEAN, "New bladder or bowel dysfunction"),
    SADDLE_ANAESTHESIA("saddleAnaesthesia", Type.BOOLEAN, "Saddle anaesthesia"),
    PROGRESSIVE_MOTOR_WEAKNESS("progressiveMotorWeakness", Type.BOOLEAN, "Progressive motor weakness"),
    SERIOUS_PATHOLOGY_SUSPECTED("seriousPathologySuspected", Type.BOOLEAN,
            "The clinician suspects a serious spinal pathology (malignancy, infection or fracture)"),
    CANCER_HISTORY("cancerHistory", Type.BOOLEAN, "A history of cancer"),
    UNEXPLAINED_WEIGHT_LOSS("unexplainedWeightLoss", Type.BOOLEAN, "Unexplained weight loss"),
    FEVER("fever", Type.BOOLEAN, "Fever"),
    INTRAVENOUS_DRUG_USE("intravenousDrugUse", Type.BOOLEAN, "Intravenous drug use"),
    RECENT_SIGNIFICANT_TRAUMA("recentSignificantTrauma", Type.BOOLEAN, "Recent significant trauma"),
    LONG_TERM_CORTICOSTEROIDS("longTermCorticosteroids", Type.BOOLEAN, "Long-term oral corticosteroids"),
    MJOA_SCORE("mjoaScore", Type.INTEGER, "mJOA points", 0, 18,
            "Myelopathy severity: modified Japanese Orthopaedic Association score (18 is normal)"),
    MOTOR_STRENGTH_MRC("motorStrengthMrc", Type.INTEGER, "MRC grade", 0, 5,
            "Motor strength of the weakest affected muscle, MRC grade (5 is normal power)"),
    CONSERVATIVE_CARE("conservativeCare", Type.ENUM_SET, null, ConservativeTreatment.class,
            "Conservative treatments tried (the complete list; empty for none)"),
    CONSERVATIVE_CARE_WEEKS("conservativeCareWeeks", Type.INTEGER, "weeks", 0, 5200,
            "Total weeks of conservative care"),
    CONSERVATIVE_CARE_RELIEVED("conservativeCareRelieved", Type.BOOLEAN,
            "Conservative care relieved the symptoms"),
    IMAGING_DONE("imagingDone", Type.BOOLEAN, "Spinal imaging was done"),
    PHYSICAL_EXAM_DONE("physicalExamDone", Type.BOOLEAN, "A physical examination was done"),
    IMAGING_CONCORDANT("imagingConcordant", Type.BOOLEAN,
            "Imaging matches the symptoms and localises the problem to a level"),
    COMPLEX_SPINAL_ANATOMY("complexSpinalAnatomy", Type.BOOLEAN, "Complex spinal anatomy"),
    PRIOR_SURGERY_SAME_LEVEL("priorSurgerySameLevel", Type.BOOLEAN, "Prior spine surgery at the same level"),
    EXISTING_FUSION_MASS("existingFusionMass", Type.BOOLEAN, "An existing fusion mass"),
    TARGET_ACCESSIBLE("targetAccessible", Type.BOOLEAN,
            "The target is reachable through small surgical corridors"),
    DIFFICULT_VISUALISATION("difficultVisualisation", Type.BOOLEAN,
            "Visualising the surgical field is expected to be difficult (e.g. a complex spinal injury)"),
    SVA_CM("svaCm", Type.DECIMAL, "cm", -50, 50, "Sagittal vertical axis"),
    PELVIC_TILT_DEG("pelvicTiltDeg", Type.DECIMAL, "deg", -90, 90, "Pelvic tilt"),
    PI_MINUS_LL_DEG("piMinusLlDeg", Type.DECIMAL, "deg", -180, 180, "Pelvic incidence minus lumbar lordosis"),
    COBB_ANGLE_DEG("cobbAngleDeg", Type.DECIMAL, "deg", 0, 180, "Coronal Cobb angle"),
    THORACIC_KYPHOSIS_DEG("thoracicKyphosisDeg", Type.DECIMAL, "deg", -180, 180, "Thoracic kyphosis"),
    LATERAL_LISTHESIS_MM("lateralListhesisMm", Type.DECIMAL, "mm", 0, 50, "Lateral listhesis"),
    RIGID_DEFORMITY("rigidDeformity", Type.BOOLEAN, "The deformity is rigid"),
    PLANNED_PROCEDURE("plannedProcedure", Type.ENUM, null, Procedure.class, "The planned procedure"),
    SURGEON_MISS_PROCEDURES("surgeonMissProcedures", Type.INTEGER, "procedures", 0, 100_000,
            "Minimally invasive spine procedures the surgeon has performed"),
    ADULT_CAREGIVER_AT_HOME("adultCaregiverAtHome", Type.BOOLEAN,
            "An adult can drive the patient home and help at home"),
    OCCUPATION("occupation", Type.ENUM, null, Occupation.class, "Physical demand of the patient's work"),
    EXPECTS_COMPLETE_PAIN_RELIEF("expectsCompletePainRelief", Type.BOOLEAN,
            "The patient expects surgery to eliminate the pain completely");

    /** The value type of an input. */
    public enum Type {
        BOOLEAN, INTEGER, DECIMAL, ENUM, ENUM_SET
    }

    private static final Map<String, Input> BY_JSON_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Input::jsonName, Function.identity()));

    private final String jsonName;
    private final Type type;
    private final String unit;
    private final double min;
    private final double max;
    private final Class<? extends Enum<?>> enumType;
    private final String description;

    Input(String jsonName, Type type, String description) {
        this(jsonName, type, null, Double.NaN, Double.NaN, null, description);
    }

    Input(String jsonName, Type type, String unit, double min, double max, String description) {
        this(jsonName, type, unit, min, max, null, description);
    }

    Input(String jsonName, Type type, String unit, Class<? extends Enum<?>> enumType, String description) {
        this(jsonName, type, unit, Double.NaN, Double.NaN, enumType, description);
    }

    Input(String jsonName, Type type, String unit, double min, double max,
          Class<? extends Enum<?>> enumType, String description) {
        this.jsonName = jsonName;
        this.type = type;
        this.unit = unit;
        this.min = min;
        this.max = max;
        this.enumType = enumType;
        this.description = description;
    }

    /** The field name in the patient JSON format, used as the input's identifier everywhere. */
    public String jsonName() {
        return jsonName;
    }

    public Type type() {
        return type;
    }

    /** The unit of a numeric input, or {@code null} for flags and codes. */
    public String unit() {
        return unit;
    }

    /** The smallest possible value of a numeric input (for BMI, values must be strictly above it). */
    public double min() {
        return min;
    }

    /** The largest possible value of a numeric input. */
    public double max() {
        return max;
    }

    /** The enum of an {@code ENUM} or {@code ENUM_SET} input, or {@code null}. */
    public Class<? extends Enum<?>> enumType() {
        return enumType;
    }

    public String description() {
        return description;
    }

    /** The input with the given JSON field name. */
    public static Optional<Input> byJsonName(String jsonName) {
        return Optional.ofNullable(BY_JSON_NAME.get(jsonName));
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
