package dev.converge.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Scenario (7) applies examples/bookshop into a fresh Namespace per tool and round. */
@Timeout(30)
class CliBenchExampleTest {
  /** examples/ of this checkout (tests run in converge-bench/). */
  private static final Path BOOKSHOP = Path.of("").toAbsolutePath().resolveSibling("examples").resolve("bookshop");

  @Test
  void givenBookshop_whenCopiedForARound_thenEveryNamespaceReferenceIsRenamedAndNothingElse(@TempDir Path tmp)
      throws Exception {
    // when
    Path dir = CliScenario.example(BOOKSHOP, tmp.resolve("cli-converge-r1"), "cli-converge-r1");

    // then
    String all = readAll(dir);
    assertThat(all).doesNotContain("namespace: bookshop", "namespaces/bookshop/", "name: bookshop\n",
        ".bookshop.svc");
    assertThat(all).contains("  name: cli-converge-r1\n", "namespace: cli-converge-r1",
        "apps/namespaces/cli-converge-r1/StatefulSet/postgres", "name: bookshop-api", "DATABASE_NAME: bookshop");
    try (Stream<Path> copies = Files.list(dir); Stream<Path> originals = Files.list(BOOKSHOP)) {
      assertThat(copies.count()).isEqualTo(originals.filter(p -> p.toString().endsWith(".yaml")).count());
    }
  }

  private static String readAll(Path dir) throws Exception {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        all.append(Files.readString(f));
      }
    }
    return all.toString();
  }
}
