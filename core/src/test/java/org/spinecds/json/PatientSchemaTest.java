package org.spinecds.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class PatientSchemaTest {

    /** The committed schema is the one the patient model gives; regenerate it with PatientSchema.main. */
    @Test
    void theCommittedSchemaIsUpToDate() throws Exception {
        Path committed = Path.of("..", "schema", "patient.schema.json");

        assertThat(Files.readString(committed))
                .as("schema/patient.schema.json is stale: regenerate it as docs/rule-authoring.md says")
                .isEqualTo(PatientSchema.generate());
    }
}
