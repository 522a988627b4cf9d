package org.spinecds.cdshooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.spinecds.fhir.FhirPatientMapper;

class WarmUpTest {

    @Test
    void theFhirPartNeedsNoEngineAndSucceedsOnTheBundledCall() {
        // run while the rule base compiles (spinecds serve): it must not fail, or the first call is slower
        assertThat(WarmUp.fhir(FhirPatientMapper.withDefaultCodes())).isTrue();
    }
}
