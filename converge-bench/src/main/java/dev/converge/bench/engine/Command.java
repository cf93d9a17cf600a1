package dev.converge.bench.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Command runs an external tool (kubectl, kpt) against the sandbox and fails with its output. */
final class Command {
  /** Lines of a failed command's output kept in the exception message. */
  static final int TAIL_LINES = 15;

  private final Path kubeconfig;
  private final Path log;

  Command(Path kubeconfig, Path log) {
    this.kubeconfig = kubeconfig;
    this.log = log;
  }

  void run(Duration timeout, String... argv) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(List.of(argv)).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    Process p = pb.start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly().waitFor();
      throw new IllegalStateException(String.join(" ", argv) + ": no exit within " + timeout + "\n" + tail());
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", argv) + ": exit " + p.exitValue() + "\n" + tail());
    }
  }

  private String tail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
  }
}
