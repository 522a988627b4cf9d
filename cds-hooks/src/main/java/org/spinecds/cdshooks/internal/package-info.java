/**
 * The implementation of the CDS Hooks service: HTTP routing on Jetty, the hook request and its FHIR
 * prefetch, cards from an assessment, the JWT check and the feedback log. Not an API: it changes
 * without notice.
 */
package org.spinecds.cdshooks.internal;
