package org.spinecds.batch;

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
 * most with a disc herniation or stenosis, some with a spondylolisthesis, a deformity or a cervical
 * myelopathy, a few with a condition these criteria do not cover, an adolescent now and then; red flags
 * and suspected serious pathology rare. Most referrals are fully worked up, with the odd input not
 * recorded; about one in ten is an incomplete referral letter with many inputs missing. About 1% of
 * the lines are invalid (malformed, a wrong type, an unknown field, a contradiction), so that every
 * verdict and every error path occurs.
 */
public final class SyntheticCohort {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The share of referrals whose letter leaves many inputs out, and how often it leaves each out. */
    private static final double INCOMPLETE_REFERRALS = 0.10;
    private static final double MISSING_IN_INCOMPLETE = 0.25;

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
        if (invalid < 0.003) {
            return "{\"age\": 61, \"bmi\": " + (r.nextBoolean() ? "-3" : "\"thirty\"") + "}";
        }
        if (invalid < 0.006) {
            return "{\"age\": 58, \"diagnoses\": [\"HERNIATED_DISC\"";
        }
        if (invalid < 0.008) {
            return "{\"age\": 45, \"painScore\": 7}";
        }
        if (invalid < 0.010) {
            // a cervical procedure for a lumbar problem
            return "{\"age\": 52, \"regions\": [\"LUMBAR\"], \"plannedProcedure\": \"ACDF\"}";
        }
        return JSON.writeValueAsString(new Referral(r, n).build());
    }

    /** One referral, built section by section in a fixed order so that a seed gives the same bytes. */
    private static final class Referral {
        private final SplittableRandom r;
        private final Map<String, Object> p = new LinkedHashMap<>();
        /** Per input: how likely it is to be left out of this referral (on top of its own rate). */
        private final double missing;
        private final Map<String, Double> missingRate = new LinkedHashMap<>();

        private int age;
        private String condition;
        private String region;
        private final List<String> diagnoses = new ArrayList<>();
        private final List<String> symptoms = new ArrayList<>();
        private String procedure;
        private int durationWeeks;
        private boolean early;

        Referral(SplittableRandom r, long n) {
            this.r = r;
            this.missing = r.nextDouble() < INCOMPLETE_REFERRALS ? MISSING_IN_INCOMPLETE : 0;
            p.put("patientId", "SYN-" + n);
        }

        Map<String, Object> build() {
            general();
            condition();
            symptoms();
            redFlags();
            conservativeCare();
            evaluation();
            anatomy();
            procedure();
            deformity();
            context();
            leaveOut();
            return p;
        }

        /** Records a value; {@code rate} is how often the input is not recorded even in a complete referral. */
        private void put(String field, Object value, double rate) {
            p.put(field, value);
            missingRate.put(field, rate);
        }

        private void general() {
            age = r.nextDouble() < 0.006 ? 12 + r.nextInt(6) // an adolescent with a disc or a scoliosis
                    : clamp((int) Math.round(55 + 14 * gaussian(r)), 18, 95);
            double bmi = round1(clamp(28 + 5 * gaussian(r), 16, 55));
            put("age", age, 0.002);
            put("sex", r.nextBoolean() ? "FEMALE" : "MALE", 0.01);
            put("bmi", bmi, 0.04);
            List<String> comorbidities = new ArrayList<>();
            for (String c : new String[] {"DIABETES", "HEART_DISEASE", "LUNG_DISEASE", "KIDNEY_DISEASE", "OSTEOPOROSIS",
                    "IMMUNOSUPPRESSION"}) {
                if (r.nextDouble() < (age > 65 ? 0.12 : 0.05)) {
                    comorbidities.add(c);
                }
            }
            int asa = r.nextDouble() < 0.001 ? 5
                    : comorbidities.size() >= 3 && r.nextDouble() < 0.3 ? 4
                    : bmi >= 40 || age >= 80 || !comorbidities.isEmpty() ? pick(r, new int[] {2, 3, 3})
                    : pick(r, new int[] {1, 1, 2, 2, 2});
            put("asaClass", asa, 0.03);
            put("smokingStatus", pick(r, new String[] {"NEVER", "NEVER", "FORMER", "CURRENT"}), 0.03);
            put("clottingDisorderHistory", r.nextDouble() < 0.05, 0.05);
            put("onBloodThinners", r.nextDouble() < (age > 65 ? 0.2 : 0.06), 0.03);
            put("comorbidities", comorbidities, 0.03);
            put("anaesthesiaReactionHistory", r.nextDouble() < 0.03, 0.08);
            put("severeSystemicCondition", asa >= 4 ? r.nextDouble() < 0.5 : r.nextDouble() < 0.01, 0.02);
        }

        private void condition() {
            double c = r.nextDouble();
            condition = c < 0.30 ? "HERNIATED_DISC" : c < 0.51 ? "SPINAL_STENOSIS"
                    : c < 0.61 ? "SPONDYLOLISTHESIS" : c < 0.67 ? "SCOLIOSIS_DEFORMITY"
                    : c < 0.76 ? "DEGENERATIVE_DISC_DISEASE" : c < 0.82 ? "MYELOPATHY" : c < 0.87 ? "BULGING_DISC"
                    : c < 0.90 ? "SPINAL_INSTABILITY" : c < 0.93 ? "RADICULOPATHY" : c < 0.96 ? "OTHER"
                    : "THORACIC_DISC"; // a thoracic disc herniation
            if (age < 18 && !condition.equals("HERNIATED_DISC")) {
                condition = "SCOLIOSIS_DEFORMITY";
            }
            switch (condition) {
                case "HERNIATED_DISC", "BULGING_DISC" -> region = r.nextDouble() < 0.3 ? "CERVICAL" : "LUMBAR";
                case "SPINAL_STENOSIS" -> region = r.nextDouble() < 0.15 ? "CERVICAL" : "LUMBAR";
                case "MYELOPATHY" -> region = "CERVICAL";
                case "THORACIC_DISC" -> region = "THORACIC";
                case "RADICULOPATHY", "OTHER" -> region = r.nextDouble() < 0.3 ? "CERVICAL" : "LUMBAR";
                default -> region = "LUMBAR";
            }
            switch (condition) {
                case "THORACIC_DISC" -> diagnoses.add("HERNIATED_DISC");
                case "MYELOPATHY" -> {
                    diagnoses.add(r.nextDouble() < 0.7 ? "SPINAL_STENOSIS" : "HERNIATED_DISC");
                    diagnoses.add("MYELOPATHY");
                }
                case "DEGENERATIVE_DISC_DISEASE" -> {
                    diagnoses.add(condition);
                    if (r.nextDouble() < 0.4) {
                        diagnoses.add("SPINAL_INSTABILITY"); // only with instability does surgery treat it
                    }
                }
                default -> diagnoses.add(condition);
            }
            boolean compressive = List.of("HERNIATED_DISC", "BULGING_DISC", "SPINAL_STENOSIS", "SPONDYLOLISTHESIS")
                    .contains(condition);
            if (compressive && r.nextDouble() < 0.4) {
                diagnoses.add("RADICULOPATHY");
            }
            if (!condition.equals("OTHER") && r.nextDouble() < 0.03) {
                diagnoses.add("OTHER");
            }
            put("diagnoses", diagnoses, 0.01);
            if (condition.equals("SPONDYLOLISTHESIS")) {
                double g = r.nextDouble();
                put("spondylolisthesisGrade", g < 0.70 ? 1 : g < 0.92 ? 2 : g < 0.98 ? 3 : 4, 0.06);
            }
            put("regions", List.of(region), 0.02);
            int levels = switch (condition) {
                case "SCOLIOSIS_DEFORMITY" -> r.nextDouble() < 0.15 ? 2 : 3 + r.nextInt(6);
                case "SPINAL_STENOSIS", "MYELOPATHY" -> pick(r, new int[] {1, 1, 1, 2, 2, 3, 4});
                default -> r.nextDouble() < 0.85 ? 1 : 2;
            };
            put("levels", levels, 0.05);
        }

        private void symptoms() {
            boolean cervical = region.equals("CERVICAL");
            if (r.nextDouble() < 0.005) {
                put("symptoms", List.of(), 0.02); // an incidental imaging finding
                return;
            }
            boolean axialOnly = r.nextDouble() < 0.06;
            symptoms.add(cervical ? "NECK_PAIN" : "BACK_PAIN");
            if (!axialOnly) {
                if (r.nextDouble() < 0.9 || condition.equals("RADICULOPATHY")) {
                    symptoms.add(cervical ? "ARM_PAIN" : region.equals("THORACIC") ? "NUMBNESS" : "LEG_PAIN");
                }
                if (!symptoms.contains("NUMBNESS") && r.nextDouble() < 0.4) {
                    symptoms.add("NUMBNESS");
                }
                if (r.nextDouble() < 0.2) {
                    symptoms.add("WEAKNESS");
                }
                if (condition.equals("MYELOPATHY") || (cervical && r.nextDouble() < 0.03)) {
                    if (r.nextDouble() < 0.7) {
                        symptoms.add("GAIT_DISTURBANCE");
                    }
                    if (r.nextDouble() < 0.6) {
                        symptoms.add("HAND_DEXTERITY_LOSS");
                    }
                }
            }
            put("symptoms", symptoms, 0.01);
            early = r.nextDouble() < 0.15;
            durationWeeks = early ? 1 + r.nextInt(6) : 6 + r.nextInt(150);
            put("symptomDurationWeeks", durationWeeks, 0.06);
            put("symptomsPersist", r.nextDouble() < 0.94, 0.02);
            if (diagnoses.contains("MYELOPATHY")) {
                put("mjoaScore", 9 + r.nextInt(9), 0.2);
            }
            if (symptoms.contains("WEAKNESS")) {
                put("motorStrengthMrc", pick(r, new int[] {2, 3, 4, 4, 4, 4, 4}), 0.15);
            } else if (r.nextDouble() < 0.3) {
                put("motorStrengthMrc", 5, 0);
            }
        }

        private void redFlags() {
            boolean caudaEquina = r.nextDouble() < 0.008;
            put("bladderBowelDysfunction", caudaEquina && r.nextDouble() < 0.8, 0.01);
            put("saddleAnaesthesia", caudaEquina && r.nextDouble() < 0.6, 0.01);
            put("progressiveMotorWeakness", (caudaEquina && r.nextBoolean()) || r.nextDouble() < 0.005, 0.01);
            boolean cancer = r.nextDouble() < 0.06;
            boolean weightLoss = r.nextDouble() < (cancer ? 0.15 : 0.015);
            boolean fever = r.nextDouble() < 0.008;
            boolean drugs = r.nextDouble() < 0.004;
            boolean trauma = r.nextDouble() < 0.02;
            boolean steroids = r.nextDouble() < 0.03;
            int flags = (cancer ? 1 : 0) + (weightLoss ? 1 : 0) + (fever ? 1 : 0) + (drugs ? 1 : 0) + (trauma ? 1 : 0)
                    + (steroids ? 1 : 0);
            put("seriousPathologySuspected", r.nextDouble() < (flags == 0 ? 0.004 : 0.12 * flags), 0.03);
            put("cancerHistory", cancer, 0.06);
            put("unexplainedWeightLoss", weightLoss, 0.08);
            put("fever", fever, 0.08);
            put("intravenousDrugUse", drugs, 0.1);
            put("recentSignificantTrauma", trauma, 0.06);
            put("longTermCorticosteroids", steroids, 0.06);
        }

        private void conservativeCare() {
            if (symptoms.isEmpty()) {
                put("conservativeCare", List.of(), 0.03); // nothing to treat
                return;
            }
            List<String> care = new ArrayList<>();
            if (r.nextDouble() < 0.95) {
                for (String c : new String[] {"PHYSICAL_THERAPY", "INJECTIONS", "MEDICATIONS"}) {
                    if (r.nextDouble() < 0.7) {
                        care.add(c);
                    }
                }
            }
            put("conservativeCare", care, 0.03);
            if (!care.isEmpty()) {
                // never longer than the symptoms have lasted
                int weeks = early ? 1 + r.nextInt(durationWeeks) : Math.min(durationWeeks, 6 + r.nextInt(40));
                put("conservativeCareWeeks", weeks, 0.03);
                put("conservativeCareRelieved", r.nextDouble() < 0.08, 0.03);
            }
        }

        private void evaluation() {
            boolean imaging = r.nextDouble() < 0.95;
            put("imagingDone", imaging, 0.02);
            put("physicalExamDone", r.nextDouble() < 0.97, 0.02);
            if (imaging) {
                put("imagingConcordant", r.nextDouble() < 0.88, 0.04);
            }
        }

        private void anatomy() {
            boolean revision = r.nextDouble() < 0.08;
            put("complexSpinalAnatomy", r.nextDouble() < 0.05, 0.04);
            put("priorSurgerySameLevel", revision, 0.04);
            put("existingFusionMass", revision && r.nextDouble() < 0.3, 0.04);
            put("targetAccessible", r.nextDouble() < 0.94, 0.04);
            put("difficultVisualisation", r.nextDouble() < 0.04, 0.04);
        }

        /**
         * Standing long-cassette radiograph parameters: measured for a deformity, and mostly before a
         * lumbar fusion or deformity correction.
         */
        private void deformity() {
            boolean deformity = condition.equals("SCOLIOSIS_DEFORMITY");
            boolean fusion = List.of("LUMBAR_FUSION", "DEFORMITY_CORRECTION").contains(procedure);
            if (!deformity && !(fusion && r.nextDouble() < 0.9)) {
                return;
            }
            double rate = 0.03;
            if (deformity) {
                put("svaCm", round1(clamp(4 + 3 * gaussian(r), -5, 20)), rate);
                put("pelvicTiltDeg", (double) Math.round(clamp(20 + 7 * gaussian(r), 0, 50)), rate);
                put("piMinusLlDeg", (double) Math.round(clamp(15 + 12 * gaussian(r), -20, 60)), rate);
                put("cobbAngleDeg", (double) Math.round(clamp(25 + 12 * gaussian(r), 5, 90)), rate);
                put("thoracicKyphosisDeg", (double) Math.round(clamp(45 + 12 * gaussian(r), 10, 90)), rate);
                put("lateralListhesisMm", (double) Math.round(clamp(4 + 3 * gaussian(r), 0, 20)), rate);
                put("rigidDeformity", r.nextDouble() < 0.15, rate);
            } else {
                put("svaCm", round1(clamp(2 + 2 * gaussian(r), -4, 12)), rate);
                put("pelvicTiltDeg", (double) Math.round(clamp(18 + 5 * gaussian(r), 0, 40)), rate);
                put("piMinusLlDeg", (double) Math.round(clamp(8 + 8 * gaussian(r), -20, 45)), rate);
                put("cobbAngleDeg", (double) Math.round(clamp(5 + 4 * gaussian(r), 0, 30)), rate);
                put("thoracicKyphosisDeg", (double) Math.round(clamp(40 + 8 * gaussian(r), 10, 75)), rate);
                put("rigidDeformity", r.nextDouble() < 0.03, rate);
            }
        }

        private void procedure() {
            boolean cervical = region.equals("CERVICAL");
            if (r.nextDouble() < 0.02) {
                procedure = "OTHER";
            } else if (region.equals("THORACIC")) {
                procedure = "THORACIC_DISCECTOMY";
            } else if (cervical) {
                procedure = diagnoses.contains("MYELOPATHY") ? pick(r, new String[] {"ACDF", "ACDF",
                        "DECOMPRESSIVE_LAMINECTOMY"}) : pick(r, new String[] {"ACDF", "CERVICAL_DISC_REPLACEMENT",
                        "POSTERIOR_CERVICAL_FORAMINOTOMY", "CERVICAL_DISCECTOMY"});
            } else {
                procedure = switch (condition) {
                    case "HERNIATED_DISC", "BULGING_DISC", "RADICULOPATHY", "OTHER" -> "LUMBAR_DISCECTOMY";
                    case "SPINAL_STENOSIS" -> r.nextDouble() < 0.8 ? "DECOMPRESSIVE_LAMINECTOMY" : "LUMBAR_FUSION";
                    case "SCOLIOSIS_DEFORMITY" -> r.nextDouble() < 0.7 ? "DEFORMITY_CORRECTION" : "LUMBAR_FUSION";
                    default -> "LUMBAR_FUSION";
                };
            }
            put("plannedProcedure", procedure, 0.05);
        }

        private void context() {
            put("surgeonMissProcedures", r.nextDouble() < 0.2 ? 10 + r.nextInt(40) : 50 + r.nextInt(900), 0.15);
            put("adultCaregiverAtHome", r.nextDouble() < 0.85, 0.08);
            put("occupation", r.nextDouble() < 0.6 ? "DESK_BASED" : "PHYSICALLY_DEMANDING", 0.1);
            put("expectsCompletePainRelief", r.nextDouble() < 0.2, 0.2);
        }

        /**
         * Leaves inputs out: each at its own rate, and many more in an incomplete referral. What is left
         * out is unknown, which never makes a record contradictory.
         */
        private void leaveOut() {
            for (Map.Entry<String, Double> e : missingRate.entrySet()) {
                double rate = 1 - (1 - e.getValue()) * (1 - missing);
                if (r.nextDouble() < rate) {
                    p.remove(e.getKey());
                }
            }
        }
    }

    private static double gaussian(SplittableRandom r) {
        double u = Math.max(r.nextDouble(), 1e-12);
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String pick(SplittableRandom r, String[] options) {
        return options[r.nextInt(options.length)];
    }

    private static int pick(SplittableRandom r, int[] options) {
        return options[r.nextInt(options.length)];
    }
}
