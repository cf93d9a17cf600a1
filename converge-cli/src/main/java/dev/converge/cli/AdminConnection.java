package dev.converge.cli;

import dev.converge.sandbox.admin.AdminClient;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** AdminConnection is the {@code --kubeconfig} switch of every {@code sandbox ctl} command. */
final class AdminConnection {
  @Option(names = "--kubeconfig", paramLabel = "FILE",
      defaultValue = ".converge/sandbox.kubeconfig",
      description = "Kubeconfig the running sandbox wrote (server URL, CA, admin token). "
          + "Default: ${DEFAULT-VALUE}.")
  Path kubeconfig;

  AdminClient client() {
    return AdminClient.fromKubeconfig(kubeconfig.toAbsolutePath().normalize());
  }
}
