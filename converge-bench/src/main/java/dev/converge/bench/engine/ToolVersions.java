package dev.converge.bench.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** ToolVersions reads the versions of the external tools for the report. */
final class ToolVersions {
  private ToolVersions() {}

  /** The client version kubectl's dispatcher picked for the sandbox's server version. */
  static String kubectl(Path kubeconfig) {
    return firstMatching(kubeconfig, "Client Version:", "kubectl", "version").replace("Client Version: ", "");
  }

  static String kpt() {
    return firstMatching(null, "", "kpt", "version");
  }

  private static String firstMatching(@Nullable Path kubeconfig, String prefix, String... argv) {
    try {
      ProcessBuilder pb = new ProcessBuilder(List.of(argv)).redirectErrorStream(true);
      if (kubeconfig != null) {
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
      }
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(30, TimeUnit.SECONDS);
      return out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("unknown").trim();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
