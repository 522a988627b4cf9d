package org.spinecds.patient;

/** Presenting symptoms. A given set is the complete list: an empty set means "no symptoms". */
public enum Symptom {
    BACK_PAIN,
    LEG_PAIN,
    NECK_PAIN,
    ARM_PAIN,
    NUMBNESS,
    WEAKNESS
}
