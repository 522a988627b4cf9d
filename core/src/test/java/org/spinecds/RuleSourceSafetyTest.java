package org.spinecds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DRL runs Java: rules load only from where the host says, as the files the host vetted. */
class RuleSourceSafetyTest {

    @TempDir
    Path dir;

    @TempDir
    Path elsewhere;

    @Test
    void aLinkToAFileOutsideTheRuleDirectoryIsRefused() throws IOException {
        Fixture.copyTo(dir);
        Path outside = elsewhere.resolve("evil.drl");
        Files.writeString(outside, "package x;\n");
        Files.createSymbolicLink(dir.resolve("evil.drl"), outside);

        assertThatThrownBy(() -> SpineCds.builder().rules(dir).build())
                .isInstanceOf(RuleLoadException.class)
                .hasMessageContaining("evil.drl").hasMessageContaining("outside the rule directory");
    }

    @Test
    void aLinkToADirectoryOutsideIsRefused() throws IOException {
        Fixture.copyTo(dir);
        Files.writeString(elsewhere.resolve("more.drl"), "package x;\n");
        Files.createSymbolicLink(dir.resolve("more"), elsewhere);

        assertThatThrownBy(() -> SpineCds.builder().rules(dir).build())
                .isInstanceOf(RuleLoadException.class)
                .hasMessageContaining("more").hasMessageContaining("outside the rule directory");
    }

    @Test
    void aDotDotPathInAClasspathManifestIsRefused() throws IOException {
        // the classpath form lists its files; a listed path must stay inside the rule set
        Path cp = dir.resolve("cp");
        Files.createDirectories(cp.resolve("org/x"));
        Files.writeString(cp.resolve("org/x/ruleset.json"), "{\"drl\": [\"../y/evil.drl\"]}");
        ClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {cp.toUri().toURL()}, null);

        assertThatThrownBy(() -> org.spinecds.internal.RuleSetSource.fromClasspath(loader, "org/x"))
                .isInstanceOf(RuleLoadException.class).hasMessageContaining("must be a path inside the rule set");
    }

    @Test
    void anOversizedRuleFileIsRefused() throws IOException {
        Fixture.copyTo(dir);
        Files.writeString(dir.resolve("huge.drl"), "// " + "x".repeat(1 << 20) + "\n");

        assertThatThrownBy(() -> SpineCds.builder().rules(dir).build())
                .isInstanceOf(RuleLoadException.class).hasMessageContaining("huge.drl: is larger than 1048576 bytes");
    }

    @Test
    void aPinnedHashLoadsOnlyThatRuleSet() {
        Fixture.copyTo(dir);
        String sha = SpineCds.builder().rules(dir).build().knowledgeBase().sha256();

        assertThat(SpineCds.builder().rules(dir).requireSha256(sha).build().knowledgeBase().sha256()).isEqualTo(sha);

        Path drl = dir.resolve("fixture.drl");
        Fixture.write(drl, Fixture.read(drl).replace("age >= $t.value", "age >= 0"));
        assertThatThrownBy(() -> SpineCds.builder().rules(dir).requireSha256(sha).build())
                .isInstanceOf(RuleLoadException.class)
                .hasMessageContaining("but the host pinned " + sha).hasMessageContaining("refused before compiling");
        assertThatThrownBy(() -> SpineCds.builder().requireSha256("abc"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPinnedEngineRefusesAChangedRuleSetOnReload() {
        Fixture.copyTo(dir);
        String sha = SpineCds.builder().rules(dir).build().knowledgeBase().sha256();
        SpineCds engine = SpineCds.builder().rules(dir).requireSha256(sha).build();
        Path drl = dir.resolve("fixture.drl");
        Fixture.write(drl, Fixture.read(drl) + "\n// changed\n");

        assertThatThrownBy(engine::reload).isInstanceOf(RuleLoadException.class);
        assertThat(engine.knowledgeBase().sha256()).isEqualTo(sha);
    }

    @Test
    void noDeserialisationNoKmoduleNoXstreamNoScanner() throws IOException {
        List<String> forbidden = List.of("ObjectInputStream", "readObject", "KieScanner", "KieContainer",
                "newKieContainer", "KieRepository", "kmodule", "XStream", "KieFileSystem");
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            for (Path f : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                for (String word : forbidden) {
                    if (text.contains(word) && !f.endsWith("package-info.java")) {
                        // the loader's documentation may name what it avoids; code may not use it
                        assertThat(text.lines().filter(l -> l.contains(word))
                                .allMatch(l -> l.strip().startsWith("*") || l.strip().startsWith("//")))
                                .as("%s uses %s", f, word).isTrue();
                    }
                }
            }
        }
        assertThat(onClasspath("com.thoughtworks.xstream.XStream")).as("XStream").isFalse();
        assertThat(onClasspath("org.kie.scanner.KieRepositoryScannerImpl")).as("KieScanner").isFalse();
        assertThat(onClasspath("org.drools.xml.support.XmlSupportImpl")).as("drools-xml-support").isFalse();
    }

    private static boolean onClasspath(String className) {
        try {
            Class.forName(className, false, RuleSourceSafetyTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
