package org.spinecds.examples.batch;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A reproducible synthetic cohort of referrals for minimally invasive spine surgery, one patient JSON
 * per line. The distributions are plausible rather than epidemiological: a spine clinic's referrals,
 * most with a disc herniation or stenosis, a minority with deformity, red flags rare; about 10% of the
 * inputs unknown and about 1% of the lines invalid, so that every verdict and every error path occurs.
 */
public final class SyntheticCohort {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SyntheticCohort() {
    }

    /** Writes {@code count} lines; the same seed gives the same bytes. */
    public static void write(Writer out, long count, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        for (long i = 1; i <= count; i++) {
            out.write(line(random, i));
            out.write('\n');
        }
        out.flush();
    }

    static String line(SplittableRandom r, long n) throws IOException {
        double invalid = r.nextDouble();
        if (invalid < 0.004) {
            return "{\"age\": 61, \"bmi\": " + (r.nextBoolean() ? "-3" : "\"thirty\"") + "}";
        }
        if (invalid < 0.007) {
            return "{\"age\": 58, \"diagnoses\": [\"HERNIATED_DISC\"";
        }
        if (invalid < 0.010) {
            return "{\"age\": 45, \"painScore\": 7}";
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("patientId", "SYN-" + n);
        int age = clamp((int) Math.round(55 + 14 * r.nextGaussian()), 18, 95);
        double bmi = Math.round(clampD(28 + 5 * gaussian(r), 16, 55) * 10) / 10.0;
        p.put("age", age);
        p.put("sex", r.nextBoolean() ? "FEMALE" : "MALE");
        p.put("bmi", bmi);
        int asa = bmi >= 40 || age >= 80 ? 3 : pick(r, new int[] {1, 2, 2, 2, 3, 3, 4});
        p.put("asaClass", asa);
        p.put("smokingStatus", pick(r, new String[] {"NEVER", "NEVER", "FORMER", "CURRENT"}));
        p.put("clottingDisorderHistory", r.nextDouble() < 0.05);
        p.put("onBloodThinners", r.nextDouble() < 0.12);
        List<String> comorbidities = new ArrayList<>();
        for (String c : new String[] {"DIABETES", "HEART_DISEASE", "LUNG_DISEASE", "KIDNEY_DISEASE", "OSTEOPOROSIS",
                "IMMUNOSUPPRESSION"}) {
            if (r.nextDouble() < (age > 65 ? 0.12 : 0.05)) {
                comorbidities.add(c);
            }
        }
        p.put("comorbidities", comorbidities);
        p.put("anaesthesiaReactionHistory", r.nextDouble() < 0.03);
        p.put("severeSystemicCondition", asa >= 4);

        String condition = pick(r, new String[] {"HERNIATED_DISC", "HERNIATED_DISC", "HERNIATED_DISC", "SPINAL_STENOSIS",
                "SPINAL_STENOSIS", "SPONDYLOLISTHESIS", "SCOLIOSIS_DEFORMITY", "DEGENERATIVE_DISC_DISEASE", "OTHER"});
        boolean cervical = condition.equals("HERNIATED_DISC") && r.nextDouble() < 0.3;
        List<String> diagnoses = new ArrayList<>(List.of(condition));
        if (r.nextDouble() < 0.4 && !condition.equals("OTHER")) {
            diagnoses.add(cervical && r.nextDouble() < 0.2 ? "MYELOPATHY" : "RADICULOPATHY");
        }
        p.put("diagnoses", diagnoses);
        if (condition.equals("SPINAL_STENOSIS")) {
            p.put("stenosisSeverity", pick(r, new String[] {"MILD", "MODERATE", "SEVERE"}));
        }
        if (condition.equals("SPONDYLOLISTHESIS")) {
            p.put("spondylolisthesisGrade", r.nextDouble() < 0.8 ? 1 : 2);
        }
        p.put("regions", List.of(cervical ? "CERVICAL" : "LUMBAR"));
        p.put("levels", condition.equals("SCOLIOSIS_DEFORMITY") ? 2 + r.nextInt(6) : r.nextDouble() < 0.75 ? 1
                : 2 + r.nextInt(2));
        List<String> symptoms = new ArrayList<>(List.of(cervical ? "NECK_PAIN" : "BACK_PAIN"));
        if (r.nextDouble() < 0.85) {
            symptoms.add(cervical ? "ARM_PAIN" : "LEG_PAIN");
        }
        if (r.nextDouble() < 0.4) {
            symptoms.add("NUMBNESS");
        }
        if (r.nextDouble() < 0.2) {
            symptoms.add("WEAKNESS");
        }
        p.put("symptoms", symptoms);
        p.put("symptomDurationWeeks", 2 + r.nextInt(104));
        p.put("symptomsPersist", r.nextDouble() < 0.93);
        boolean redFlag = r.nextDouble() < 0.015;
        p.put("bladderBowelDysfunction", redFlag && r.nextBoolean());
        p.put("saddleAnaesthesia", redFlag && r.nextBoolean());
        p.put("progressiveMotorWeakness", redFlag);
        List<String> care = new ArrayList<>();
        for (String c : new String[] {"PHYSICAL_THERAPY", "INJECTIONS", "MEDICATIONS"}) {
            if (r.nextDouble() < 0.7) {
                care.add(c);
            }
        }
        p.put("conservativeCare", care);
        if (!care.isEmpty()) {
            p.put("conservativeCareWeeks", r.nextDouble() < 0.15 ? 1 + r.nextInt(5) : 6 + r.nextInt(40));
            p.put("conservativeCareRelieved", r.nextDouble() < 0.08);
        }
        boolean imaging = r.nextDouble() < 0.95;
        p.put("imagingDone", imaging);
        p.put("physicalExamDone", r.nextDouble() < 0.97);
        if (imaging) {
            p.put("imagingConcordant", r.nextDouble() < 0.88);
        }
        p.put("complexSpinalAnatomy", r.nextDouble() < 0.05);
        p.put("priorSurgerySameLevel", r.nextDouble() < 0.08);
        p.put("existingFusionMass", r.nextDouble() < 0.03);
        p.put("targetAccessible", r.nextDouble() < 0.94);
        p.put("difficultVisualisation", r.nextDouble() < 0.04);
        if (condition.equals("SCOLIOSIS_DEFORMITY")) {
            p.put("svaCm", Math.round(clampD(4 + 3 * gaussian(r), -5, 20) * 10) / 10.0);
            p.put("pelvicTiltDeg", Math.round(clampD(20 + 7 * gaussian(r), 0, 50)));
            p.put("piMinusLlDeg", Math.round(clampD(15 + 12 * gaussian(r), -20, 60)));
            p.put("cobbAngleDeg", Math.round(clampD(25 + 12 * gaussian(r), 5, 90)));
            p.put("thoracicKyphosisDeg", Math.round(clampD(45 + 12 * gaussian(r), 10, 90)));
            p.put("rigidDeformity", r.nextDouble() < 0.15);
        }
        p.put("plannedProcedure", cervical ? pick(r, new String[] {"ACDF", "CERVICAL_DISC_REPLACEMENT",
                "POSTERIOR_CERVICAL_FORAMINOTOMY"}) : condition.equals("HERNIATED_DISC") ? "LUMBAR_DISCECTOMY"
                : condition.equals("SCOLIOSIS_DEFORMITY") ? "DEFORMITY_CORRECTION"
                : condition.equals("SPINAL_STENOSIS") ? "DECOMPRESSIVE_LAMINECTOMY" : "LUMBAR_FUSION");
        p.put("surgeonMissProcedures", r.nextDouble() < 0.2 ? 10 + r.nextInt(40) : 50 + r.nextInt(900));
        p.put("adultCaregiverAtHome", r.nextDouble() < 0.85);
        p.put("occupation", r.nextDouble() < 0.6 ? "DESK_BASED" : "PHYSICALLY_DEMANDING");
        p.put("expectsCompletePainRelief", r.nextDouble() < 0.2);
        // about one known input in ten is not recorded
        p.entrySet().removeIf(e -> !e.getKey().equals("patientId") && r.nextDouble() < 0.035);
        if (p.containsKey("stenosisSeverity") || p.containsKey("spondylolisthesisGrade")) {
            p.putIfAbsent("diagnoses", diagnoses);
        }
        if (!p.containsKey("conservativeCare") || ((List<?>) p.get("conservativeCare")).isEmpty()) {
            p.remove("conservativeCareRelieved");
        }
        if (Boolean.FALSE.equals(p.get("imagingDone"))) {
            p.remove("imagingConcordant");
        }
        return JSON.writeValueAsString(p);
    }

    private static double gaussian(SplittableRandom r) {
        double u = Math.max(r.nextDouble(), 1e-12);
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double clampD(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static String pick(SplittableRandom r, String[] options) {
        return options[r.nextInt(options.length)];
    }

    private static int pick(SplittableRandom r, int[] options) {
        return options[r.nextInt(options.length)];
    }
}
