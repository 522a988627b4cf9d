package org.spinecds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecds.patient.Patient;

class AssessTest {

    @TempDir
    Path dir;

    @Test
    void aFindingCarriesItsMetadataEvidenceSourcesAndRule() {
        Fixture.copyTo(dir);
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
        SpineCds engine = SpineCds.builder().rules(dir).clock(clock).build();

        Assessment a = engine.assess(Patient.builder().age(61).build());

        assertThat(a.verdict()).isEqualTo(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        assertThat(a.possibleVerdicts()).containsExactly(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        assertThat(a.assessedAt()).isEqualTo(clock.instant());
        assertThat(a.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("FIX-OLD");
            assertThat(f.criterion()).isEqualTo("FIX-1");
            assertThat(f.category()).isEqualTo(Category.PATIENT_RISK);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.detail()).isEqualTo("Age 61");
            assertThat(f.action()).isEqualTo("Be careful");
            assertThat(f.evidence()).containsExactly(new Evidence("age", 61, "years", ">=", 60, "fixtureAge"));
            assertThat(f.sources()).extracting(Source::id).containsExactly("SRC-A", "SRC-B");
            assertThat(f.rule()).isEqualTo(new RuleRef("Older than the fixture age", "fixture.drl"));
        });
    }

    @Test
    void anUnknownInputDoesNotFireTheRule() {
        Fixture.copyTo(dir);
        SpineCds engine = SpineCds.builder().rules(dir).build();

        assertThat(engine.assess(Patient.builder().build()).findings()).isEmpty();
        assertThat(engine.assess(Patient.builder().age(59).build()).findings()).isEmpty();
    }

    @Test
    void aFailingConsequenceFailsThatAssessmentOnlyAndNamesTheRule() {
        Fixture.copyTo(dir);
        Fixture.write(dir.resolve("boom.drl"), """
                package org.spinecds.fixture;
                import org.spinecds.patient.*;
                rule "Boom"
                    @code("FIX-BOOM") @criterion("FIX-1") @source("SRC-A") @category("derivation")
                when
                    Patient( age == 13 )
                then
                    throw new IllegalStateException("boom");
                end
                """);
        SpineCds engine = SpineCds.builder().rules(dir).build();

        assertThatThrownBy(() -> engine.assess(Patient.builder().age(13).build()))
                .isInstanceOf(AssessmentException.class)
                .hasMessageContaining("Boom")
                .satisfies(e -> assertThat(((AssessmentException) e).rule()).isEqualTo("Boom"));
        assertThat(engine.assess(Patient.builder().age(70).build()).findingCodes()).containsExactly("FIX-OLD");
    }

    @Test
    void aRuleThatNeverComesToRestIsStopped() {
        Fixture.copyTo(dir);
        Fixture.write(dir.resolve("loop.drl"), """
                package org.spinecds.fixture;
                import org.spinecds.patient.*;
                rule "Loop"
                    @code("FIX-LOOP") @criterion("FIX-1") @source("SRC-A") @category("derivation")
                when
                    $p : Patient( age == 14 )
                then
                    update($p);
                end
                """);
        SpineCds engine = SpineCds.builder().rules(dir).build();

        assertThatThrownBy(() -> engine.assess(Patient.builder().age(14).build()))
                .isInstanceOf(AssessmentException.class)
                .hasMessageContaining("without coming to rest");
    }
}
