package dev.converge.engine.inventory;

import dev.converge.core.errors.CallInfo;
import dev.converge.core.retry.CallKind;
import dev.converge.core.retry.Retrier;
import dev.converge.core.retry.RetryPolicy;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ApiVersions knows which version to read a group-kind in. The ApplySet annotations name kinds
 * without versions, and a kind pruned from the set may have no object left in the manifests to
 * take a version from.
 */
@FunctionalInterface
public interface ApiVersions {

  /** The {@code apiVersion} to list {@code groupKind} with, or empty when its group is not served. */
  Optional<String> of(GroupKind groupKind);

  /**
   * The server's preferred version of each group, from {@code GET /apis} (read once per group
   * asked for and not yet known, so a group added by a CRD later is still found).
   */
  static ApiVersions preferred(KubernetesClient client) {
    Map<String, String> known = new ConcurrentHashMap<>();
    return groupKind -> {
      if (groupKind.group().isEmpty()) {
        return Optional.of("v1");
      }
      if (!known.containsKey(groupKind.group())) {
        // Retried and classified like every other call (a raw fabric8 failure escaped here under faults).
        for (APIGroup group : Retrier.of(RetryPolicy.DEFAULT).call(CallInfo.ofPath("get", "/apis"), CallKind.READ, client::getApiGroups).getGroups()) {
          if (group.getPreferredVersion() != null) {
            known.put(group.getName(), group.getPreferredVersion().getGroupVersion());
          }
        }
      }
      return Optional.ofNullable(known.get(groupKind.group()));
    };
  }
}
