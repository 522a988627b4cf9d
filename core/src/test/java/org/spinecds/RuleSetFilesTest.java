package org.spinecds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule set's files, read as the engine reads them, give the same rule base written back elsewhere. */
class RuleSetFilesTest {

    @TempDir
    Path dir;

    @TempDir
    Path elsewhere;

    @Test
    void theFilesWrittenBackElsewhereGiveTheSameRuleBase() throws IOException {
        Path rules = Fixture.copyTo(dir);

        SortedMap<String, byte[]> files = RuleSetFiles.read(rules);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path target = elsewhere.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }

        assertThat(files.keySet()).contains("criteria.json", "ruleset.json").anyMatch(f -> f.endsWith(".drl"));
        assertThat(SpineCds.builder().rules(elsewhere).build().knowledgeBase().sha256())
                .isEqualTo(SpineCds.builder().rules(rules).build().knowledgeBase().sha256());
    }

    @Test
    void aSingleDrlFileIsOneEntryUnderItsNameAndTheMapIsACopy() throws IOException {
        Path drl = Files.writeString(dir.resolve("one.drl"), "package x;\n");

        SortedMap<String, byte[]> files = RuleSetFiles.read(drl);
        files.get("one.drl")[0] = 'X';

        assertThat(RuleSetFiles.read(drl)).containsOnlyKeys("one.drl");
        assertThat(RuleSetFiles.read(drl).get("one.drl")).isEqualTo("package x;\n".getBytes());
        assertThatThrownBy(() -> files.put("two.drl", new byte[0])).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aMissingPathIsARuleLoadErrorNamingIt() {
        Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> RuleSetFiles.read(missing))
                .isInstanceOf(RuleLoadException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("no such file or directory");
    }
}
