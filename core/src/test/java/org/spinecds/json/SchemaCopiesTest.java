package org.spinecds.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A reader checks its file format against a schema resource beside it; the repository's
 * {@code schema/} holds the committed copy that authors read. The two must be the same bytes.
 */
class SchemaCopiesTest {

    private static final Path REPOSITORY = Path.of("..");

    /** Every schema resource of every module's main code. */
    private static List<Path> resources() throws IOException {
        try (Stream<Path> files = Files.walk(REPOSITORY, 1)) {
            return files.map(m -> m.resolve("src/main/resources")).filter(Files::isDirectory)
                    .flatMap(SchemaCopiesTest::schemasUnder).sorted().toList();
        }
    }

    private static Stream<Path> schemasUnder(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".schema.json")).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everySchemaAReaderUsesIsTheCommittedOne() throws IOException {
        List<Path> resources = resources();
        assertThat(resources).as("schema resources").isNotEmpty();
        for (Path resource : resources) {
            Path committed = REPOSITORY.resolve("schema").resolve(resource.getFileName());
            assertThat(committed).as(resource + " has a committed copy in schema/").exists();
            assertThat(Files.readAllBytes(resource)).as(resource + " equals " + committed)
                    .isEqualTo(Files.readAllBytes(committed));
        }
    }
}
