/**
 * The implementation of the FHIR mapping and renderings. Not an API: hosts use
 * {@link org.spinecds.fhir} only.
 */
package org.spinecds.fhir.internal;
