package org.spinecds.patient;

/** Spinal regions concerned by the problem and the planned procedure. */
public enum Region {
    CERVICAL,
    THORACIC,
    LUMBAR
}
