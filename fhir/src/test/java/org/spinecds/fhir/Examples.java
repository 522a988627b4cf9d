package org.spinecds.fhir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.hl7.fhir.r4.model.Bundle;
import org.spinecds.SpineCds;

/** The example patients and bundles of the examples module, and the one engine of the tests. */
final class Examples {

    /** The day the example bundles' dates are written against. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

    static final FhirPatientMapper MAPPER = FhirPatientMapper.withDefaultCodes().withClock(CLOCK);

    private static SpineCds engine;

    private Examples() {
    }

    static synchronized SpineCds engine() {
        if (engine == null) {
            engine = SpineCds.withDefaultRules();
        }
        return engine;
    }

    static Path examples() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("examples/patients"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("examples/patients not found above the working directory");
        }
        return p.resolve("examples");
    }

    /** The base names of the example patients, e.g. {@code lumbar-disc-herniation}. */
    static List<String> names() {
        try (Stream<Path> files = Files.list(examples().resolve("patients"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Bundle bundle(String name) {
        try {
            return FhirJson.parse(Bundle.class, Files.readString(examples().resolve("fhir/" + name + ".bundle.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path patientFile(String name) {
        return examples().resolve("patients/" + name + ".json");
    }
}
