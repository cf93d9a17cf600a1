package dev.converge.bench.engine;

import java.nio.file.Path;
import java.time.Duration;

/**
 * KubectlTool is what a shell script does: {@code kubectl apply --server-side -f DIR}, then
 * {@code kubectl wait --for=condition=Available} on the Deployments (ConfigMaps need no wait);
 * {@code kubectl delete -f DIR --wait} to destroy.
 */
final class KubectlTool implements DeployTool {
  private final Command kubectl;
  private final Duration timeout;

  KubectlTool(Path kubeconfig, Path log, Duration timeout) {
    this.kubectl = new Command(kubeconfig, log);
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return "kubectl";
  }

  @Override
  public void apply(DeploySet set) throws Exception {
    kubectl.run(timeout, "kubectl", "apply", "--server-side", "-f", set.dir().toString());
    kubectl.run(timeout, "kubectl", "wait", "--for=condition=Available", "deployment", "--all",
        "-n", set.namespace(), "--timeout=" + timeout.toSeconds() + "s");
  }

  @Override
  public void destroy(DeploySet set) throws Exception {
    kubectl.run(timeout, "kubectl", "delete", "-f", set.dir().toString(), "--ignore-not-found",
        "--wait=true", "--timeout=" + timeout.toSeconds() + "s");
  }
}
