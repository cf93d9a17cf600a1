package dev.converge.engine.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ManifestReaderTest {

  static Path resource(String name) throws URISyntaxException {
    return Path.of(ManifestReaderTest.class.getResource("/manifests/" + name).toURI());
  }

  @Nested
  class Yaml {
    @Test
    void givenMultipleDocuments_whenRead_thenEachObjectKeepsItsDocumentIndexAndLine() {
      // given
      String text = """
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: one}
          ---
          ---   # empty, skipped as kubectl does
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: two}
          """;

      // when
      Manifests read = dev.converge.engine.manifest.Yaml.read("set.yaml", text);

      // then
      assertThat(read.problems()).isEmpty();
      assertThat(read.objects()).extracting(ManifestObject::name).containsExactly("one", "two");
      assertThat(read.objects()).extracting(ManifestObject::source)
          .containsExactly(new Source("set.yaml", 0, 1), new Source("set.yaml", 2, 6));
    }

    @Test
    void givenLeadingSeparator_whenRead_thenFirstDocumentIsIndexZero() {
      Manifests read = dev.converge.engine.manifest.Yaml.read("set.yaml", """
          ---
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: one}
          """);

      assertThat(read.objects()).extracting(ManifestObject::source).containsExactly(new Source("set.yaml", 0, 2));
    }

    @Test
    void givenBrokenDocument_whenRead_thenProblemNamesFileDocumentAndLine_andOthersAreStillRead() {
      // given: document 1 has a bad indentation on its 4th line (line 7 of the file)
      String text = """
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: good}
          ---
          apiVersion: v1
          kind: ConfigMap
            metadata: {name: bad}
          ---
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: also-good}
          """;

      // when
      Manifests read = dev.converge.engine.manifest.Yaml.read("broken.yaml", text);

      // then
      assertThat(read.objects()).extracting(ManifestObject::name).containsExactly("good", "also-good");
      assertThat(read.problems()).singleElement().satisfies(p -> {
        assertThat(p.source().file()).isEqualTo("broken.yaml");
        assertThat(p.source().document()).isEqualTo(1);
        assertThat(p.source().line()).isEqualTo(7);
        assertThat(p.message()).startsWith("does not parse");
      });
    }

    @Test
    void givenScalarDocument_whenRead_thenProblemSaysItIsNotAnObject() {
      Manifests read = dev.converge.engine.manifest.Yaml.read("s.yaml", "just a string\n");

      assertThat(read.problems()).singleElement().extracting(Problem::message).asString()
          .contains("not an object");
    }
  }

  @Test
  void givenStdin_whenRead_thenSourceIsDash() {
    // given
    var in = new ByteArrayInputStream("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"}}"
        .getBytes(StandardCharsets.UTF_8));

    // when
    Manifests read = new ManifestReader().read(ManifestReader.STDIN, in);

    // then
    assertThat(read.objects()).singleElement().extracting(o -> o.source().file()).isEqualTo("-");
  }

  @Test
  void givenJsonStreamOfTwoObjects_whenRead_thenBothAreReadAsDocumentsZeroAndOne() {
    Manifests read = dev.converge.engine.manifest.Yaml.read("s.json",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"}}\n"
            + "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"b\"}}\n");

    assertThat(read.problems()).isEmpty();
    assertThat(read.objects()).extracting(o -> o.name() + "@" + o.source().document() + ":" + o.source().line())
        .containsExactly("a@0:1", "b@1:2");
  }

  @Test
  void givenYamlFlowMapping_whenRead_thenReadAsYamlNotRejectedAsJson() {
    Manifests read = dev.converge.engine.manifest.Yaml.read("flow.yaml",
        "{apiVersion: v1, kind: ConfigMap, metadata: {name: flow}}\n");

    assertThat(read.problems()).isEmpty();
    assertThat(read.objects()).singleElement().extracting(ManifestObject::name).isEqualTo("flow");
  }

  @Test
  void givenDirectory_whenRead_thenManifestFilesAreReadRecursivelyInSortedOrder() throws Exception {
    // when
    Manifests read = new ManifestReader().read(List.of(resource("tree")));

    // then: b.yaml, c.json (a List, expanded), sub/a.yml; notes.txt is not a manifest file
    assertThat(read.problems()).isEmpty();
    assertThat(read.objects()).extracting(ManifestObject::name)
        .containsExactly("b-one", "b-two", "c-one", "c-two", "sub-a");
    assertThat(read.objects().get(1).source().document()).isEqualTo(2);
    assertThat(read.objects().get(4).source().file()).endsWith("a.yml");
  }
}
