package org.spinecds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.spinecds.InvalidPatientException;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;

/**
 * Reproducible varied patients: a minimally invasive candidate of whom each input is, with some
 * probability, made unknown or given a random value within its possible range. Contradictory
 * combinations, which validation rejects, are skipped.
 */
final class RandomPatients {

    private static final Patient CANDIDATE = Patient.builder().age(50).bmi(26.0).asaClass(2)
            .smokingStatus(org.spinecds.patient.SmokingStatus.NEVER).comorbidities(List.of())
            .severeSystemicCondition(false).diagnoses(org.spinecds.patient.Diagnosis.HERNIATED_DISC)
            .regions(org.spinecds.patient.Region.LUMBAR).levels(1)
            .symptoms(org.spinecds.patient.Symptom.LEG_PAIN).symptomsPersist(true)
            .bladderBowelDysfunction(false).saddleAnaesthesia(false).progressiveMotorWeakness(false)
            .conservativeCare(org.spinecds.patient.ConservativeTreatment.PHYSICAL_THERAPY).conservativeCareWeeks(8)
            .conservativeCareRelieved(false).imagingDone(true).physicalExamDone(true).imagingConcordant(true)
            .complexSpinalAnatomy(false).existingFusionMass(false).targetAccessible(true)
            .plannedProcedure(org.spinecds.patient.Procedure.LUMBAR_DISCECTOMY).adultCaregiverAtHome(true).build();

    private RandomPatients() {
    }

    /**
     * One varied patient: half the time a perturbed candidate as in {@link #generate}, half the time a
     * patient of whom each input is unknown, random, or left as in the candidate with equal chance.
     */
    static Patient one(Random random) {
        while (true) {
            boolean wild = random.nextBoolean();
            Patient.Builder b = CANDIDATE.toBuilder();
            for (Input input : Input.values()) {
                double dice = random.nextDouble();
                if (wild ? dice < 0.33 : dice < 0.04) {
                    b.set(input, null);
                } else if (wild ? dice < 0.66 : dice < 0.10) {
                    b.set(input, value(input, random));
                }
            }
            try {
                return b.build();
            } catch (InvalidPatientException contradictory) {
                // draw again
            }
        }
    }

    static List<Patient> generate(long seed, int count) {
        Random random = new Random(seed);
        List<Patient> patients = new ArrayList<>(count);
        while (patients.size() < count) {
            Patient.Builder b = CANDIDATE.toBuilder();
            for (Input input : Input.values()) {
                double dice = random.nextDouble();
                if (dice < 0.04) {
                    b.set(input, null);
                } else if (dice < 0.10) {
                    b.set(input, value(input, random));
                }
            }
            try {
                patients.add(b.build());
            } catch (InvalidPatientException contradictory) {
                // e.g. a stenosis severity without a stenosis diagnosis: not a patient, skip it
            }
        }
        return patients;
    }

    private static Object value(Input input, Random random) {
        return switch (input.type()) {
            case BOOLEAN -> random.nextBoolean();
            case INTEGER -> {
                int max = (int) Math.min(input.max(), input.min() + 100);
                yield (int) input.min() + random.nextInt(max - (int) input.min() + 1);
            }
            case DECIMAL -> {
                double lo = Math.max(input.min(), -20);
                double hi = Math.min(input.max(), 70);
                double v = lo + random.nextDouble() * (hi - lo);
                yield input == Input.BMI ? Math.max(v, 12) : Math.round(v * 10) / 10.0;
            }
            case ENUM -> {
                Object[] constants = input.enumType().getEnumConstants();
                yield constants[random.nextInt(constants.length)];
            }
            case ENUM_SET -> {
                List<Object> items = new ArrayList<>();
                for (Object c : input.enumType().getEnumConstants()) {
                    if (random.nextDouble() < 0.3) {
                        items.add(c);
                    }
                }
                yield items;
            }
        };
    }
}
