package org.spinecds.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Procedure;
import org.spinecds.patient.Region;
import org.spinecds.patient.Symptom;

/**
 * The schemas of classes.json and procedures.json list the members of the patient model's enums by
 * hand, so that a misspelt member is refused with the field it is in: every such list is the enum's
 * constants, in their order, and every list is of a known enum.
 */
class CatalogueSchemaEnumsTest {

    /** The enum each list stands for, by the name of the property that holds it. */
    private static final Map<String, Class<? extends Enum<?>>> ENUMS = Map.of(
            "treatableDiagnoses", Diagnosis.class, "coveredDiagnoses", Diagnosis.class,
            "forDiagnoses", Diagnosis.class, "symptoms", Symptom.class, "procedure", Procedure.class,
            "region", Region.class, "sameDayOnlyIn", Region.class);

    @ParameterizedTest
    @ValueSource(strings = {"classes.schema.json", "procedures.schema.json"})
    void everyEnumListIsTheJavaEnum(String schema) throws IOException {
        Map<String, JsonNode> lists = new TreeMap<>();
        try (InputStream in = ClinicalCatalogue.class.getResourceAsStream(schema)) {
            collect(new ObjectMapper().readTree(in), null, "", lists);
        }

        assertThat(lists).as("enum lists in " + schema).isNotEmpty();
        lists.forEach((pointer, list) -> {
            String property = property(pointer);
            assertThat(ENUMS).as(pointer + " in " + schema + " is of a known enum").containsKey(property);
            List<String> members = new ArrayList<>();
            list.forEach(m -> {
                if (!m.isNull()) {
                    members.add(m.asText());
                }
            });
            assertThat(members).as(pointer + " in " + schema)
                    .containsExactlyElementsOf(Arrays.stream(ENUMS.get(property).getEnumConstants())
                            .map(Enum::name).toList());
        });
    }

    /** Every {@code enum} list of the schema, by its JSON Pointer. */
    private static void collect(JsonNode node, String name, String pointer, Map<String, JsonNode> lists) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("enum")) {
                    lists.put(pointer + "/enum", e.getValue());
                } else {
                    collect(e.getValue(), e.getKey(), pointer + "/" + e.getKey(), lists);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), name, pointer + "/" + i, lists);
            }
        }
    }

    /** The property a list belongs to: the last name before it that is not a schema keyword. */
    private static String property(String pointer) {
        List<String> keywords = List.of("enum", "items", "properties", "oneOf", "anyOf", "type", "$defs");
        String[] parts = pointer.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (!keywords.contains(parts[i]) && !parts[i].matches("\\d+")) {
                return parts[i];
            }
        }
        return "";
    }
}
