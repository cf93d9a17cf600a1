package dev.converge.bench.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * KptTool drives {@code kpt live} (the cli-utils applier with kstatus waits): each set is copied
 * into a package of its own, initialised with {@code kpt live init} (inventory in {@code default},
 * unmeasured), then {@code kpt live apply --reconcile-timeout} and {@code kpt live destroy}. The
 * ResourceGroup CRD is installed once, when the tool is created.
 */
final class KptTool implements DeployTool {
  private final Command kpt;
  private final Path packages;
  private final Duration timeout;

  KptTool(Path kubeconfig, Path log, Path packages, Duration timeout) throws Exception {
    this.kpt = new Command(kubeconfig, log);
    this.packages = Files.createDirectories(packages);
    this.timeout = timeout;
    kpt.run(timeout, "kpt", "live", "install-resource-group");
  }

  @Override
  public String name() {
    return "kpt";
  }

  @Override
  public void prepare(DeploySet set) throws Exception {
    Path pkg = Files.createDirectories(pkg(set));
    try (Stream<Path> files = Files.list(set.dir())) {
      for (Path f : files.toList()) {
        Files.copy(f, pkg.resolve(f.getFileName()));
      }
    }
    kpt.run(timeout, "kpt", "live", "init", pkg.toString(), "--namespace", "default",
        "--inventory-id", "bench-" + set.namespace());
  }

  @Override
  public void apply(DeploySet set) throws Exception {
    kpt.run(timeout, "kpt", "live", "apply", pkg(set).toString(),
        "--reconcile-timeout=" + timeout.toSeconds() + "s");
  }

  @Override
  public void destroy(DeploySet set) throws Exception {
    kpt.run(timeout, "kpt", "live", "destroy", pkg(set).toString());
  }

  private Path pkg(DeploySet set) {
    return packages.resolve(set.namespace());
  }
}
