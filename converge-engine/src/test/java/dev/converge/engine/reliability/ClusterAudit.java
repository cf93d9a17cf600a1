package dev.converge.engine.reliability;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the cluster holds after a run, read by listing it with a client no fault touches: the
 * members found by their part-of label (by key and UID), the bystanders and the parent.
 *
 * @param lost expected members that are not there
 * @param extra labelled members that should not be there (a duplicate, or a member not pruned)
 * @param recreated members whose UID changed since the reference listing (deleted and made again)
 * @param bystandersMissing bystanders a run deleted although they were not its own
 * @param parentPresent whether the parent Secret exists
 */
record ClusterAudit(List<String> lost, List<String> extra, List<String> recreated,
    List<String> bystandersMissing, boolean parentPresent) {

  /** Key ({@code Kind/namespace/name}) to UID of every labelled member of {@code set}. */
  static Map<String, String> members(KubernetesClient admin, MixedSet set) {
    String selector = "applyset.kubernetes.io/part-of=" + set.parent().id();
    Map<String, String> byKey = new TreeMap<>();
    List<HasMetadata> live = new ArrayList<>();
    live.addAll(admin.namespaces().withLabelSelector(selector).list().getItems());
    live.addAll(admin.configMaps().inAnyNamespace().withLabelSelector(selector).list().getItems());
    live.addAll(admin.secrets().inAnyNamespace().withLabelSelector(selector).list().getItems());
    live.addAll(admin.apps().deployments().inAnyNamespace().withLabelSelector(selector).list().getItems());
    for (HasMetadata o : live) {
      if (o.getMetadata().getDeletionTimestamp() != null) {
        continue;  // on its way out: counts as gone
      }
      String ns = o.getMetadata().getNamespace() == null ? "" : o.getMetadata().getNamespace();
      byKey.put(o.getKind() + "/" + ns + "/" + o.getMetadata().getName(), o.getMetadata().getUid());
    }
    return byKey;
  }

  /** Audits the cluster against {@code expected} members, UIDs compared with {@code before}. */
  static ClusterAudit of(KubernetesClient admin, MixedSet set, List<String> expected,
      Map<String, String> before) {
    Map<String, String> live = members(admin, set);
    List<String> lost = expected.stream().filter(k -> !live.containsKey(k)).toList();
    List<String> extra = live.keySet().stream().filter(k -> !expected.contains(k)).toList();
    List<String> recreated = live.entrySet().stream()
        .filter(e -> before.containsKey(e.getKey()) && !before.get(e.getKey()).equals(e.getValue()))
        .map(Map.Entry::getKey).toList();
    List<String> missing = new ArrayList<>();
    for (String name : List.of("bystander", "other-set")) {
      if (admin.configMaps().inNamespace(set.home()).withName(name).get() == null) {
        missing.add("ConfigMap/" + set.home() + "/" + name);
      }
    }
    boolean parent = admin.secrets().inNamespace(set.home()).withName(set.parent().name()).get() != null;
    return new ClusterAudit(lost, extra, recreated, missing, parent);
  }

  boolean clean() {
    return lost.isEmpty() && extra.isEmpty() && recreated.isEmpty() && bystandersMissing.isEmpty();
  }

  @Override
  public String toString() {
    return "lost " + lost + ", extra " + extra + ", recreated " + recreated + ", bystanders missing "
        + bystandersMissing + ", parent " + (parentPresent ? "present" : "absent");
  }
}
