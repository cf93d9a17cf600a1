package dev.converge.sandbox.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.sandbox.Sandbox;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Kubectl runs the real kubectl binary against a sandbox, with its own kubeconfig and discovery
 * cache in a temporary directory.
 *
 * <p>kubectl verifies the sandbox's serving certificate against the CA in the written kubeconfig,
 * as it would for a real cluster (it never sends a bearer token over plain HTTP).
 */
final class Kubectl implements AutoCloseable {
  static final long TIMEOUT_SECONDS = 60;

  private final Path dir;
  private final List<Process> background = new ArrayList<>();

  /** Output of a finished kubectl run. */
  record Result(int exitCode, String out, String err) {
    Result succeeded() {
      assertThat(exitCode).as("kubectl exit code; stderr: %s; stdout: %s", err, out).isZero();
      return this;
    }
  }

  /** A kubectl still running (a watch or a wait); its output is collected as it comes. */
  record Running(Process process, Path out, Path err) {
    String output() {
      return read(out);
    }

    Result await() throws InterruptedException {
      assertThat(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS))
          .as("kubectl finished in time").isTrue();
      return new Result(process.exitValue(), read(out), read(err));
    }
  }

  /** The kubectl on PATH, if any. */
  static Optional<Path> onPath() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Arrays.stream(path.split(File.pathSeparator)).map(p -> Path.of(p, "kubectl"))
        .filter(Files::isExecutable).findFirst();
  }

  Kubectl(Sandbox sandbox) throws IOException {
    this.dir = Files.createTempDirectory("kubectl-");
    sandbox.writeKubeconfig(kubeconfig());
  }

  Path kubeconfig() {
    return dir.resolve("kubeconfig");
  }

  /** Runs kubectl to completion (bounded by {@link #TIMEOUT_SECONDS}). */
  Result run(String... args) throws IOException, InterruptedException {
    return start(args).await();
  }

  /** Runs kubectl with {@code stdin} as its standard input. */
  Result runWithInput(String stdin, String... args) throws IOException, InterruptedException {
    Running running = start(args);
    try (var in = running.process().getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    return running.await();
  }

  /** Starts kubectl in the background; {@link #close()} stops whatever is still running. */
  Running start(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add("kubectl");
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(err.toFile());
    pb.environment().put("KUBECONFIG", kubeconfig().toString());
    pb.environment().put("KUBECACHEDIR", dir.resolve("cache").toString());
    Process p = pb.start();
    background.add(p);
    return new Running(p, out, err);
  }

  /** A manifest from src/test/resources/kubectl as a file kubectl can read. */
  Path manifest(String name) throws IOException {
    Path target = dir.resolve(name);
    try (InputStream in = Kubectl.class.getResourceAsStream("/kubectl/" + name)) {
      if (in == null) {
        throw new IOException("no test manifest " + name);
      }
      Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    for (Process p : background) {
      p.destroyForcibly();
    }
  }
}
