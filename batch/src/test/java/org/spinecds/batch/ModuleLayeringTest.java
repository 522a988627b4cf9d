package org.spinecds.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The build's dependency arrows run one way, down: every module's pom may depend (in any scope) only on
 * modules of a lower layer, so that core stays at the bottom and nothing depends on the applications
 * (the command-line tool, the Spark job, the benchmarks). A new module needs a layer here. And no other
 * module's code uses core's internals ({@code org.spinecds.internal}, which core's module-info does not
 * export), also where it runs on the class path. The bill of materials lists every module that is
 * deployed.
 *
 * <p>It reads the poms and sources of the whole tree from here, a light module that is no JPMS module
 * itself (its tests may read java.xml).
 */
class ModuleLayeringTest {

    /** Each module's layer, bottom first. Modules of one layer may not depend on each other. */
    static final Map<String, Integer> LAYERS = Map.of(
            "spinecds-core", 0,
            "spinecds-testkit", 1,
            "spinecds-rules", 2,
            "spinecds-fhir", 3,
            "spinecds-batch", 3,
            "spinecds-cds-hooks", 4,
            "spinecds-examples", 5,
            "spinecds-spark", 5,
            "spinecds-benchmarks", 5);

    private static final String ORDER = "core < testkit < rules < fhir, batch < cds-hooks < examples, spark, "
            + "benchmarks";

    @Test
    void everyArrowOfTheBuildRunsDown() throws Exception {
        Path root = Path.of("..").toRealPath();

        assertThat(root.resolve("pom.xml")).exists();
        assertThat(backArrows(root)).isEmpty();
    }

    @Test
    void theBomListsEveryPublishedModuleAndNothingElse() throws Exception {
        Path root = Path.of("..").toRealPath();
        java.util.Set<String> published = new java.util.TreeSet<>();
        for (Element module : children(read(root.resolve("pom.xml")), "modules", "module")) {
            Element pom = read(root.resolve(module.getTextContent().trim()).resolve("pom.xml"));
            if (!"pom".equals(text(pom, "packaging")) && elements(pom, "properties").stream()
                    .noneMatch(p -> "true".equals(text(p, "maven.deploy.skip")))) {
                published.add(text(pom, "artifactId"));
            }
        }
        java.util.Set<String> listed = new java.util.TreeSet<>();
        Element bom = read(root.resolve("bom/pom.xml"));
        for (Element management : elements(bom, "dependencyManagement")) {
            for (Element dependency : children(management, "dependencies", "dependency")) {
                listed.add(text(dependency, "artifactId"));
            }
        }

        assertThat(published).contains("spinecds-core", "spinecds-rules");
        assertThat(listed).as("bom/pom.xml's dependencyManagement: every module that is deployed")
                .isEqualTo(published);
    }

    @Test
    void noOtherModulesCodeUsesCoresInternals() throws Exception {
        assertThat(internalUses(Path.of("..").toRealPath())).isEmpty();
    }

    @Test
    void aUseOfCoresInternalsIsNamedWithItsFile(@TempDir Path root) throws Exception {
        parent(root, "core", "batch");
        Path source = root.resolve("batch/src/main/java/org/spinecds/batch/Fast.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package org.spinecds.batch;\n\nimport org.spinecds.internal.Assessor;\n");
        Path core = root.resolve("core/src/main/java/org/spinecds/internal/Assessor.java");
        Files.createDirectories(core.getParent());
        Files.writeString(core, "package org.spinecds.internal;\n");

        assertThat(internalUses(root)).containsExactly(
                "batch/src/main/java/org/spinecds/batch/Fast.java uses org.spinecds.internal, which core does not export");
    }

    @Test
    void anArrowUpOrAcrossALayerIsNamedWithItsPom(@TempDir Path root) throws Exception {
        parent(root, "core", "batch", "spark");
        module(root, "core", "spinecds-core", "spinecds-batch");
        module(root, "batch", "spinecds-batch", "spinecds-core");
        module(root, "spark", "spinecds-spark", "spinecds-batch", "spinecds-examples");

        assertThat(backArrows(root)).containsExactly(
                "core/pom.xml: spinecds-core depends on spinecds-batch, which is not below it (" + ORDER + ")",
                "spark/pom.xml: spinecds-spark depends on spinecds-examples, which is not below it (" + ORDER + ")");
    }

    @Test
    void anArrowUpInAProfileOrAPluginIsNamedToo(@TempDir Path root) throws Exception {
        parent(root, "core", "fhir");
        module(root, "core", "spinecds-core");
        Files.createDirectories(root.resolve("fhir"));
        Files.writeString(root.resolve("fhir/pom.xml"), "<project><artifactId>spinecds-fhir</artifactId>"
                + "<profiles><profile><id>x</id><dependencies><dependency><groupId>org.spinecds</groupId>"
                + "<artifactId>spinecds-examples</artifactId></dependency></dependencies></profile></profiles>"
                + "<build><plugins><plugin><artifactId>exec-maven-plugin</artifactId><dependencies><dependency>"
                + "<groupId>org.spinecds</groupId><artifactId>spinecds-spark</artifactId></dependency>"
                + "</dependencies></plugin></plugins></build></project>");

        assertThat(backArrows(root)).containsExactly(
                "fhir/pom.xml: spinecds-fhir depends on spinecds-examples, which is not below it (" + ORDER + ")",
                "fhir/pom.xml: spinecds-fhir depends on spinecds-spark, which is not below it (" + ORDER + ")");
    }

    @Test
    void aModuleWithoutALayerIsNamed(@TempDir Path root) throws Exception {
        parent(root, "core", "extras");
        module(root, "core", "spinecds-core");
        module(root, "extras", "spinecds-extras", "spinecds-core");

        assertThat(backArrows(root)).containsExactly(
                "extras/pom.xml: spinecds-extras has no layer; give it one in ModuleLayeringTest.LAYERS");
    }

    /** What is wrong with the arrows of the build rooted here: one message a pom and dependency. */
    static List<String> backArrows(Path root) throws Exception {
        List<String> problems = new ArrayList<>();
        for (Element module : children(read(root.resolve("pom.xml")), "modules", "module")) {
            String dir = module.getTextContent().trim();
            Element pom = read(root.resolve(dir).resolve("pom.xml"));
            if ("pom".equals(text(pom, "packaging"))) {
                continue; // a bill of materials or an aggregator: no code, no arrows
            }
            String artifact = text(pom, "artifactId");
            Integer layer = LAYERS.get(artifact);
            if (layer == null) {
                problems.add(dir + "/pom.xml: " + artifact + " has no layer; give it one in ModuleLayeringTest.LAYERS");
                continue;
            }
            for (Element dependency : dependencies(pom)) {
                String group = text(dependency, "groupId");
                if (!"org.spinecds".equals(group) && !"${project.groupId}".equals(group)) {
                    continue;
                }
                String target = text(dependency, "artifactId");
                Integer below = LAYERS.get(target);
                if (below == null || below >= layer) {
                    problems.add(dir + "/pom.xml: " + artifact + " depends on " + target + ", which is not below it ("
                            + ORDER + ")");
                }
            }
        }
        return problems;
    }

    /** The main source files of modules other than core that name core's internal package. */
    static List<String> internalUses(Path root) throws Exception {
        java.util.regex.Pattern internal = java.util.regex.Pattern.compile("\\borg\\.spinecds\\.internal\\b");
        List<String> uses = new ArrayList<>();
        for (Element module : children(read(root.resolve("pom.xml")), "modules", "module")) {
            String dir = module.getTextContent().trim();
            Path sources = root.resolve(dir).resolve("src/main/java");
            if (dir.equals("core") || !Files.isDirectory(sources)) {
                continue;
            }
            try (java.util.stream.Stream<Path> files = Files.walk(sources)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    if (internal.matcher(Files.readString(f)).find()) {
                        uses.add(root.relativize(f).toString().replace('\\', '/')
                                + " uses org.spinecds.internal, which core does not export");
                    }
                }
            }
        }
        return uses;
    }

    private static Element read(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    }

    /**
     * Every dependency a module's pom declares, wherever: its own, a profile's, a plugin's (an arrow
     * too); not the versions of a dependencyManagement, which declare none.
     */
    private static List<Element> dependencies(Element pom) {
        List<Element> found = new ArrayList<>();
        org.w3c.dom.NodeList all = pom.getElementsByTagName("dependency");
        for (int i = 0; i < all.getLength(); i++) {
            Element d = (Element) all.item(i);
            boolean managed = false;
            for (Node n = d.getParentNode(); n != null; n = n.getParentNode()) {
                managed |= n instanceof Element e && e.getTagName().equals("dependencyManagement");
            }
            if (!managed) {
                found.add(d);
            }
        }
        return found;
    }

    /** The {@code child} elements of {@code parent}'s direct {@code list} element (not of plugins or management). */
    private static List<Element> children(Element parent, String list, String child) {
        List<Element> found = new ArrayList<>();
        for (Element l : elements(parent, list)) {
            found.addAll(elements(l, child));
        }
        return found;
    }

    private static List<Element> elements(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        List<Element> found = elements(parent, name);
        return found.isEmpty() ? null : found.get(0).getTextContent().trim();
    }

    private static void parent(Path root, String... modules) throws IOException {
        StringBuilder s = new StringBuilder("<project><artifactId>spinecds-parent</artifactId><packaging>pom"
                + "</packaging><modules>");
        for (String m : modules) {
            s.append("<module>").append(m).append("</module>");
        }
        Files.writeString(root.resolve("pom.xml"), s.append("</modules></project>"));
    }

    private static void module(Path root, String dir, String artifact, String... dependencies) throws IOException {
        StringBuilder s = new StringBuilder("<project><artifactId>").append(artifact).append("</artifactId>"
                + "<dependencies>");
        for (String d : dependencies) {
            s.append("<dependency><groupId>org.spinecds</groupId><artifactId>").append(d)
                    .append("</artifactId><scope>test</scope></dependency>");
        }
        Files.createDirectories(root.resolve(dir));
        Files.writeString(root.resolve(dir).resolve("pom.xml"), s.append("</dependencies></project>"));
    }
}
