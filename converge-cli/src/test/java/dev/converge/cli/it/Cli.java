package dev.converge.cli.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.cli.ConvergeCommand;
import dev.converge.sandbox.Sandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;

/** Runs {@code converge} in-process, as a user would from a shell, capturing exit code and output. */
final class Cli {
  static final Set<String> WRITE_VERBS = Set.of("create", "update", "patch", "delete", "deletecollection");

  /** What one command printed and returned. */
  record Run(int code, String out, String err) {
    JsonNode json() {
      try {
        return new ObjectMapper().readTree(out);
      } catch (IOException e) {
        throw new UncheckedIOException("stdout is not one JSON document:\n" + out + "\nstderr:\n" + err, e);
      }
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private Cli() {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = ConvergeCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /** {@code converge <args> --kubeconfig <kubeconfig>}. */
  static Run against(Path kubeconfig, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--kubeconfig");
    all.add(kubeconfig.toString());
    return run(all.toArray(String[]::new));
  }

  static Path write(Path dir, String name, String yaml) {
    try {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      return Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long writes(Sandbox sandbox) {
    return sandbox.requests().snapshot().entrySet().stream()
        .filter(e -> WRITE_VERBS.contains(e.getKey().verb())).mapToLong(e -> e.getValue()).sum();
  }

  /** examples/ of this checkout (tests run in converge-cli/). */
  static Path example(String app) {
    return Path.of("").toAbsolutePath().resolveSibling("examples").resolve(app);
  }

  /** shared/fixtures beside the checkout, as the engine's fixture tests find it. */
  static Optional<Path> fixtures() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared").resolve("fixtures");
      if (Files.isDirectory(candidate.resolve("podinfo"))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  static String configMap(String namespace, String name) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: %s, namespace: %s}
        data: {greeting: hello}
        """.formatted(name, namespace);
  }

  static String namespace(String name) {
    return """
        apiVersion: v1
        kind: Namespace
        metadata: {name: %s}
        """.formatted(name);
  }

}
