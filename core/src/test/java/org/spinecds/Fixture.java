package org.spinecds;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Copies the fixture rule set of the test resources into a directory, to load or to break it. */
final class Fixture {

    static final List<String> FILES = List.of("sources.json", "criteria.json", "thresholds.json", "ruleset.json",
            "fixture.drl");

    private Fixture() {
    }

    static Path copyTo(Path dir) {
        try {
            for (String f : FILES) {
                try (InputStream in = Fixture.class.getResourceAsStream("/fixture/" + f)) {
                    Files.copy(in, dir.resolve(f));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
