package org.spinecds.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A finding's detail reads exactly as {@link String#format} in the root locale would write it. */
class FindingFactFormatTest {

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of("The BMI is %s kg/m2 (at least %s).", new Object[] {"31.2", "30"}),
                Arguments.of("%d weeks of care, %s", new Object[] {6, null}),
                Arguments.of("100%% of %s", new Object[] {"levels"}),
                Arguments.of("%d levels", new Object[] {4L}),
                Arguments.of("%d as a double falls back", new Object[] {4}),
                Arguments.of("%.1f kg/m2", new Object[] {31.25}),
                Arguments.of("%5s|%-3s|", new Object[] {"a", "b"}),
                Arguments.of("extra arguments are ignored: %s", new Object[] {"one", "two"}),
                Arguments.of("ends with %s", new Object[] {1.5}),
                Arguments.of("%s%s%s", new Object[] {true, 'c', Double.valueOf(40)}));
    }

    @ParameterizedTest
    @MethodSource("formats")
    void readsAsStringFormat(String format, Object[] args) {
        assertThat(FindingFact.format(format, args)).isEqualTo(String.format(Locale.ROOT, format, args));
    }
}
