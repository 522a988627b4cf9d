package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.spinecds.patient.Procedure;

/** The clinical catalogue of the default rules (classes.json, procedures.json) and the patient format agree. */
class ClinicalCatalogueTest {

    private static JsonNode read(String file) throws Exception {
        try (InputStream in = ClinicalCatalogueTest.class.getResourceAsStream("/org/spinecds/rules/" + file)) {
            return new ObjectMapper().readTree(in);
        }
    }

    /** The patient reader refuses a procedure that contradicts the regions by Procedure.region(): the rules must agree. */
    @Test
    void everyProcedureIsListedOnceWithTheRegionThePatientFormatGivesIt() throws Exception {
        Map<Procedure, String> regions = new HashMap<>();
        for (JsonNode p : read("procedures.json")) {
            String region = p.path("region").isTextual() ? p.get("region").asText() : null;
            assertThat(regions.put(Procedure.valueOf(p.get("procedure").asText()), String.valueOf(region))).isNull();
        }

        for (Procedure p : Procedure.values()) {
            assertThat(regions.get(p)).as(p.name()).isEqualTo(String.valueOf(p.region()));
        }
    }
}
