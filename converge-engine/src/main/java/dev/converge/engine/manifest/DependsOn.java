package dev.converge.engine.manifest;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the {@code config.kubernetes.io/depends-on} annotation in the format of cli-utils: a
 * comma-separated list of {@code group/namespaces/namespace/kind/name} for namespaced objects and
 * {@code group/kind/name} for cluster-scoped ones; the core group is empty
 * ({@code /namespaces/prod/ConfigMap/settings}).
 */
public final class DependsOn {
  public static final String ANNOTATION = "config.kubernetes.io/depends-on";

  private DependsOn() {}

  /**
   * The objects {@code value} names.
   *
   * @throws IllegalArgumentException naming the malformed reference and the expected forms
   */
  public static List<ObjectKey> parse(String value) {
    List<ObjectKey> refs = new ArrayList<>();
    for (String raw : value.split(",")) {
      String ref = raw.strip();
      if (ref.isEmpty()) {
        continue;
      }
      String[] parts = ref.split("/", -1);
      if (parts.length == 3 && !parts[1].isEmpty() && !parts[2].isEmpty()) {
        refs.add(new ObjectKey(parts[0], parts[1], null, parts[2]));
      } else if (parts.length == 5 && "namespaces".equals(parts[1])
          && !parts[2].isEmpty() && !parts[3].isEmpty() && !parts[4].isEmpty()) {
        refs.add(new ObjectKey(parts[0], parts[3], parts[2], parts[4]));
      } else {
        throw new IllegalArgumentException("malformed reference \"" + ref
            + "\": expected group/namespaces/namespace/kind/name or group/kind/name");
      }
    }
    return refs;
  }
}
