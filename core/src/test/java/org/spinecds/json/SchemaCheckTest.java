package org.spinecds.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

class SchemaCheckTest {

    private static final SchemaCheck EXAMPLE = SchemaCheck.of(SchemaCheckTest.class, "example.schema.json");

    private static List<String> check(String json) throws Exception {
        return EXAMPLE.check(new ObjectMapper().readTree(json), "criteria.json").stream().map(Object::toString).toList();
    }

    @Test
    void aValidDocumentHasNoViolations() throws Exception {
        assertThat(check("{\"criteria\": [{\"id\": \"A\", \"weight\": 1}]}")).isEmpty();
    }

    @Test
    void eachViolationNamesTheFileAndTheField() throws Exception {
        assertThat(check("{\"criteria\": [{\"id\": \"A\"}, {\"id\": \"B\"}, {\"id\": \"C\"}, {\"id\": \"\"}]}"))
                .singleElement().satisfies(m -> assertThat(m).startsWith("criteria.json: /criteria/3/id: "));
        assertThat(check("{\"criteria\": [{\"id\": \"A\", \"weight\": \"heavy\"}]}"))
                .singleElement().satisfies(m -> assertThat(m).startsWith("criteria.json: /criteria/0/weight: ")
                        .contains("number"));
    }

    @Test
    void anUnknownOrAMissingFieldIsNamedItself() throws Exception {
        assertThat(check("{\"criteria\": [{\"id\": \"A\", \"wieght\": 1}]}"))
                .containsExactly("criteria.json: /criteria/0/wieght: unknown field");
        assertThat(check("{\"criteria\": [{}]}")).containsExactly("criteria.json: /criteria/0/id: required");
        assertThat(check("[]")).singleElement().satisfies(m -> assertThat(m).startsWith("criteria.json: /: "));
    }

    @Test
    void aSchemaMayWordItsOwnMessage() throws Exception {
        assertThat(check("{\"criteria\": [{\"id\": \"A\", \"colour\": \"green\"}]}"))
                .containsExactly("criteria.json: /criteria/0/colour: must be \"red\" or \"blue\"");
    }

    @Test
    void aFieldCanBeNamedAsAPath() throws Exception {
        SchemaCheck.Violation v = EXAMPLE.check(new ObjectMapper().readTree("{\"criteria\": [{\"id\": \"A\"}, {\"id\": 3}]}"),
                "criteria.json").get(0);
        assertThat(v.field()).isEqualTo("/criteria/1/id");
        assertThat(v.path()).isEqualTo("criteria[1].id");
        assertThat(new SchemaCheck.Violation("f", "/", "m").path()).isEqualTo("$");
    }

    @Test
    void aMissingSchemaIsABuildError() {
        assertThatThrownBy(() -> SchemaCheck.of(SchemaCheckTest.class, "none.schema.json"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("none.schema.json");
    }
}
