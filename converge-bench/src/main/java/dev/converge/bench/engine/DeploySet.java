package dev.converge.bench.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * DeploySet is the workload of the engine scenarios: one fresh Namespace holding {@code configMaps}
 * ConfigMaps and {@code deployments} single-replica Deployments, written as a manifest directory
 * ({@code 00-namespace.yaml}, {@code 10-configmaps.yaml}, {@code 20-deployments.yaml}) that every
 * tool reads, so that all of them start from the same files.
 */
record DeploySet(String namespace, Path dir, int configMaps, int deployments) {

  /** Every object of the set, its Namespace included. */
  int objects() {
    return 1 + configMaps + deployments;
  }

  static DeploySet write(Path root, String namespace, int configMaps, int deployments) throws IOException {
    Path dir = Files.createDirectories(root.resolve(namespace));
    Files.writeString(dir.resolve("00-namespace.yaml"),
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + namespace + "\n");
    StringBuilder cms = new StringBuilder();
    for (int i = 0; i < configMaps; i++) {
      cms.append("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-").append(i)
          .append("\n  namespace: ").append(namespace).append("\n  labels:\n    app: bench\n")
          .append("data:\n  index: \"").append(i).append("\"\n  greeting: hello from config map ")
          .append(i).append("\n---\n");
    }
    Files.writeString(dir.resolve("10-configmaps.yaml"), cms);
    StringBuilder deps = new StringBuilder();
    for (int i = 0; i < deployments; i++) {
      String name = "web-" + i;
      deps.append("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ").append(name)
          .append("\n  namespace: ").append(namespace).append("\nspec:\n  replicas: 1\n")
          .append("  selector:\n    matchLabels:\n      app: ").append(name).append('\n')
          .append("  template:\n    metadata:\n      labels:\n        app: ").append(name).append('\n')
          .append("    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n")
          .append("        ports:\n        - containerPort: 80\n---\n");
    }
    Files.writeString(dir.resolve("20-deployments.yaml"), deps);
    return new DeploySet(namespace, dir, configMaps, deployments);
  }
}
