/**
 * The patient fact: {@link org.spinecds.patient.Patient}, built with its builder from the inputs of
 * {@link org.spinecds.patient.Input} (each with its JSON name, unit and possible range), every one of
 * which may be unknown. Validation rejects impossible and contradictory values with an
 * {@link org.spinecds.InvalidPatientException} naming the field.
 */
package org.spinecds.patient;
