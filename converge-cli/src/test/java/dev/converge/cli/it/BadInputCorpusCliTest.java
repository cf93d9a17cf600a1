package dev.converge.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.cli.it.Cli.Run;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus of issue 10 (converge-engine's {@code src/test/resources/bad-input/INDEX.tsv})
 * through the CLI: {@code converge apply} exits 2, stderr names the file, document and field the
 * index gives, without a stack trace, and the sandbox (controllers off, so every write would be the
 * CLI's) receives zero write requests.
 */
@Timeout(120)
class BadInputCorpusCliTest {
  /** stdin-error cases fail after this many bytes, as in the engine's corpus test. */
  static final int BYTES_BEFORE_ERROR = 16;

  static Sandbox sandbox;
  static Path kubeconfig;
  @TempDir
  static Path dir;

  /** One line of INDEX.tsv: id, input, file named, document (-1: whole read), field, fragment, what. */
  record Case(String id, String input, String file, int document, String field, String fragment,
      String description) {

    static Case parse(String line) {
      String[] f = line.split("\t", -1);
      return new Case(f[0], f[1], f[2], Integer.parseInt(f[3]), f[4], f[5], f[6]);
    }
  }

  /** The corpus in the engine module beside this one (tests run in converge-cli/). */
  static Path corpus() {
    return Path.of("").toAbsolutePath().resolveSibling("converge-engine")
        .resolve("src/test/resources/bad-input");
  }

  static Stream<Named<Case>> cases() throws IOException {
    return Files.readAllLines(corpus().resolve("INDEX.tsv")).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .map(Case::parse).map(c -> Named.of(c.id() + ": " + c.description(), c));
  }

  @BeforeAll
  static void start() throws IOException {
    assertThat(cases().count()).as("corpus size").isGreaterThanOrEqualTo(30);
    sandbox = Sandbox.start(SandboxOptions.defaults().withControllers(false));
    kubeconfig = dir.resolve("sandbox.kubeconfig");
    sandbox.writeKubeconfig(kubeconfig);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void givenBadInput_whenApplied_thenExit2NamingFileDocumentAndFieldNoStackTraceAndZeroWrites(Case c,
      @TempDir Path temp) throws IOException {
    // given
    sandbox.requests().reset();

    // when: run with the JVM's stderr captured too, where the CLI's log lines go
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PrintStream savedErr = System.err;
    Run run;
    System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
    try {
      run = apply(c, temp);
    } finally {
      System.setErr(savedErr);
    }

    // then
    assertThat(run.code()).as(run.toString()).isEqualTo(2);
    String err = run.err();
    assertThat(err).as(run.toString()).contains(c.fragment()).doesNotContain("\tat ", "Exception:");
    assertThat(logs.toString(StandardCharsets.UTF_8)).as("log output").doesNotContain("\tat ");
    if (c.document() >= 0) {
      assertThat(err).as(run.toString()).contains(c.file() + "#" + c.document());
    } else {
      assertThat(err).as(run.toString()).contains(c.file().equals("-") ? "from -" : c.file());
    }
    if (!c.field().equals("-")) {
      assertThat(err).as(run.toString()).contains(c.field());
    }
    assertThat(Cli.writes(sandbox)).as("write requests at the sandbox").isZero();
  }

  /** {@code converge apply -f INPUT --applyset corpus --prune}, with stdin fed for stdin cases. */
  static Run apply(Case c, Path temp) throws IOException {
    Path corpus = corpus();
    String[] args = {"apply", "-f", "", "--applyset", "corpus", "--prune", "--kubeconfig", kubeconfig.toString()};
    if (c.input().startsWith("stdin:") || c.input().startsWith("stdin-error:")) {
      String name = c.input().substring(c.input().indexOf(':') + 1);
      byte[] bytes = Files.readAllBytes(corpus.resolve(name));
      args[2] = "-";
      InputStream stdin = c.input().startsWith("stdin:") ? new ByteArrayInputStream(bytes)
          : failingAfter(bytes, BYTES_BEFORE_ERROR);
      InputStream saved = System.in;
      System.setIn(stdin);
      try {
        return Cli.run(args);
      } finally {
        System.setIn(saved);
      }
    }
    args[2] = (c.id().equals("unreadable-file") ? unreadableDirectory(corpus.resolve(c.input()), temp)
        : corpus.resolve(c.input())).toString();
    return Cli.run(args);
  }

  /** A copy of {@code source} plus b.yaml, a link to nothing: unreadable even for root. */
  static Path unreadableDirectory(Path source, Path temp) throws IOException {
    Path copy = Files.createDirectories(temp.resolve("unreadable-file"));
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : files.toList()) {
        Files.copy(f, copy.resolve(f.getFileName().toString()));
      }
    }
    Files.createSymbolicLink(copy.resolve("b.yaml"), copy.resolve("does-not-exist.yaml"));
    return copy;
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
