package org.spinecds.rules;

import java.util.List;
import java.util.Random;

import org.spinecds.InvalidPatientException;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;

/**
 * Reproducible varied patients. Half are a minimally invasive candidate ({@link Patients#candidate})
 * with a few inputs made unknown or changed, half are "wild": each input unknown, changed or kept with
 * about equal chance. Changed values are drawn from {@link InputValues}, so that they fall on and
 * beside the rule base's thresholds. Contradictory combinations, which the patient model refuses, are
 * drawn again. {@link #partial} makes some set inputs known member by member.
 */
final class RandomPatients {

    private static final InputValues VALUES = new InputValues(Engine.ENGINE.thresholds());
    private static final Patient CANDIDATE = Patients.candidate().build();

    private RandomPatients() {
    }

    /** A reproducible list of {@link #one} patients. */
    static List<Patient> generate(long seed, int count) {
        Random random = new Random(seed);
        List<Patient> patients = new java.util.ArrayList<>(count);
        while (patients.size() < count) {
            patients.add(one(random));
        }
        return patients;
    }

    static Patient one(Random random) {
        while (true) {
            boolean wild = random.nextBoolean();
            Patient.Builder b = CANDIDATE.toBuilder();
            for (Input input : Input.values()) {
                double dice = random.nextDouble();
                if (wild ? dice < 0.3 : dice < 0.04) {
                    b.set(input, null);
                } else if (wild ? dice < 0.65 : dice < 0.12) {
                    List<Object> values = VALUES.of(input, null);
                    b.set(input, values.get(random.nextInt(values.size())));
                }
            }
            try {
                return b.build();
            } catch (InvalidPatientException contradictory) {
                // draw again
            }
        }
    }

    /**
     * A {@link #one} patient of which at least one set input is known member by member: each set input,
     * with even chance, becomes a list whose members are each present, absent or unknown as drawn
     * (present where the list had them, else absent, about half of the time each; unknown otherwise).
     */
    static Patient partial(Random random) {
        while (true) {
            Patient p = one(random);
            Patient.Builder b = p.toBuilder();
            for (Input input : Input.values()) {
                if (input.type() != Input.Type.ENUM_SET || random.nextBoolean()) {
                    continue;
                }
                List<Object> present = new java.util.ArrayList<>();
                List<Object> absent = new java.util.ArrayList<>();
                boolean known = p.isKnown(input);
                for (Object member : input.enumType().getEnumConstants()) {
                    double dice = random.nextDouble();
                    boolean in = known ? p.present(input).contains(member) : random.nextDouble() < 0.3;
                    if (dice < 0.5) {
                        (in ? present : absent).add(member);
                    }
                }
                b.members(input, present, absent);
            }
            try {
                Patient built = b.build();
                if (!built.partialInputs().isEmpty()) {
                    return built;
                }
            } catch (InvalidPatientException contradictory) {
                // draw again
            }
        }
    }
}
