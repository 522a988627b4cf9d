package org.spinecds.patient;

/** Presenting symptoms. A given set is the complete list: an empty set means "no symptoms". */
public enum Symptom {
    BACK_PAIN,
    LEG_PAIN,
    NECK_PAIN,
    ARM_PAIN,
    NUMBNESS,
    WEAKNESS,
    /** A myelopathic symptom: unsteady or clumsy walking. */
    GAIT_DISTURBANCE,
    /** A myelopathic symptom: loss of fine hand movements (buttons, handwriting). */
    HAND_DEXTERITY_LOSS
}
