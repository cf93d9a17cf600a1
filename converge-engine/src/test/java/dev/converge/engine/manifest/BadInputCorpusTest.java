package dev.converge.engine.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.converge.core.client.ClientOptions;
import dev.converge.core.client.ConvergeClient;
import dev.converge.sandbox.faults.RequestQuery;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus (issue 10; {@code src/test/resources/bad-input/INDEX.tsv}): every case is
 * refused by the reader or the validator (against the sandbox's discovery) with a message naming
 * the file, the document and the field, and the sandbox receives no write request.
 */
@ConvergeCluster(controllers = false)
@Requires(Capability.REQUEST_COUNTS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadInputCorpusTest {

  static final List<String> WRITE_VERBS = List.of("create", "update", "patch", "delete", "deletecollection");
  /** stdin-error cases fail after this many bytes. */
  static final int BYTES_BEFORE_ERROR = 16;

  /** One line of INDEX.tsv. */
  record Case(String id, String input, String file, int document, String field, String fragment,
      String description) {

    static Case parse(String line) {
      String[] f = line.split("\t", -1);
      return new Case(f[0], f[1], f[2], Integer.parseInt(f[3]), f[4], f[5], f[6]);
    }
  }

  static Path corpus() {
    try {
      return Path.of(Objects.requireNonNull(BadInputCorpusTest.class.getResource("/bad-input/INDEX.tsv"),
          "bad-input/INDEX.tsv on the test classpath").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Named<Case>> cases() throws IOException {
    return Files.readAllLines(corpus().resolve("INDEX.tsv")).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .map(Case::parse).map(c -> Named.of(c.id() + ": " + c.description(), c));
  }

  static long writes(TestCluster cluster) {
    return WRITE_VERBS.stream().mapToLong(v -> cluster.requests().count(RequestQuery.all().verb(v))).sum();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void givenBadInput_whenReadAndValidated_thenRefusedNamingFileDocumentAndFieldWithZeroWrites(
      Case c, TestCluster cluster, @TempDir Path temp) throws IOException {
    // given
    long writesBefore = writes(cluster);
    try (ConvergeClient ops = ConvergeClient.wrap(cluster.client(), ClientOptions.DEFAULTS)) {
      ManifestValidator validator = new ManifestValidator(KindResolver.of(ops.discovery()), cluster.namespace());

      // when
      Throwable thrown = catchThrowable(() -> validator.validate(read(c, temp)).orThrow());

      // then
      if (c.document() < 0) {
        // the input cannot be read at all: the error names the file
        assertThat(thrown).isInstanceOf(UncheckedIOException.class).hasMessageContaining(c.fragment());
        assertThat(thrown.getMessage()).endsWith(c.file().equals("-") ? "-" : c.file());
      } else {
        assertThat(thrown).isInstanceOf(InvalidManifestException.class);
        List<Problem> problems = ((InvalidManifestException) thrown).problems();
        assertThat(problems).as(problems.toString()).anySatisfy(p -> {
          assertThat(p.source().file()).endsWith(c.file());
          assertThat(p.source().document()).isEqualTo(c.document());
          assertThat(p.field()).isEqualTo(c.field().equals("-") ? null : c.field());
          assertThat(p.message()).contains(c.fragment());
        });
        // the rendered message, as the CLI prints it, carries all three
        assertThat(thrown.getMessage()).contains(c.file() + "#" + c.document())
            .doesNotContain("\tat ");
      }
    }
    assertThat(writes(cluster)).as("write requests at the sandbox").isEqualTo(writesBefore);
  }

  /** Reads the case's input as the CLI would: files and directories, or standard input. */
  static Manifests read(Case c, Path temp) throws IOException {
    Path corpus = corpus();
    ManifestReader reader = new ManifestReader();
    if (c.input().startsWith("stdin:")) {
      byte[] bytes = Files.readAllBytes(corpus.resolve(c.input().substring("stdin:".length())));
      return reader.read(ManifestReader.STDIN, new ByteArrayInputStream(bytes));
    }
    if (c.input().startsWith("stdin-error:")) {
      byte[] bytes = Files.readAllBytes(corpus.resolve(c.input().substring("stdin-error:".length())));
      return reader.read(ManifestReader.STDIN, failingAfter(bytes, BYTES_BEFORE_ERROR));
    }
    if (c.id().equals("unreadable-file")) {
      return reader.read(List.of(unreadableDirectory(corpus.resolve(c.input()), temp)));
    }
    return reader.read(List.of(corpus.resolve(c.input())));
  }

  /** A copy of {@code source} plus b.yaml, a link to nothing: unreadable even for root. */
  static Path unreadableDirectory(Path source, Path temp) throws IOException {
    Path dir = Files.createDirectories(temp.resolve("unreadable-file"));
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName().toString()));
      }
    }
    Files.createSymbolicLink(dir.resolve("b.yaml"), dir.resolve("does-not-exist.yaml"));
    return dir;
  }

  static InputStream failingAfter(byte[] bytes, int limit) {
    return new InputStream() {
      int read;

      @Override
      public int read() throws IOException {
        if (read >= limit) {
          throw new IOException("stdin closed by the other end");
        }
        return read < bytes.length ? bytes[read++] & 0xff : -1;
      }
    };
  }
}
