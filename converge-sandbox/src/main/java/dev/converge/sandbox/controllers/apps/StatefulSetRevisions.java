package dev.converge.sandbox.controllers.apps;

import dev.converge.sandbox.controllers.runtime.Owners;
import dev.converge.sandbox.controllers.runtime.TemplateHash;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * StatefulSetRevisions keeps a StatefulSet's ControllerRevisions: one per distinct template,
 * named {@code <sts>-<hash>}, whose data is the patch that restores the template (as upstream
 * stores it) and whose revision number grows each time a template becomes current again.
 */
final class StatefulSetRevisions {
  private final KubernetesClient client;
  private final StatefulSet sts;
  private final List<ControllerRevision> revisions;

  StatefulSetRevisions(KubernetesClient client, StatefulSet sts) {
    this.client = client;
    this.sts = sts;
    this.revisions = client.apps().controllerRevisions().inNamespace(ns())
        .withLabelSelector(sts.getSpec().getSelector()).list().getItems().stream()
        .filter(r -> Owners.controlledBy(r, sts.getMetadata().getUid())).toList();
  }

  /** The revision of the current template, created or renumbered as needed. */
  ControllerRevision updateRevision() {
    int collisions = sts.getStatus() == null || sts.getStatus().getCollisionCount() == null ? 0
        : sts.getStatus().getCollisionCount();
    String name = sts.getMetadata().getName() + "-"
        + TemplateHash.of(sts.getSpec().getTemplate(), collisions);
    long max = revisions.stream().mapToLong(ControllerRevision::getRevision).max().orElse(0);
    Optional<ControllerRevision> existing = byName(name);
    if (existing.isPresent()) {
      ControllerRevision r = existing.get();
      if (r.getRevision() < max) {
        // A rollback: the old template becomes the newest revision again.
        r.setRevision(max + 1);
        return client.apps().controllerRevisions().inNamespace(ns()).resource(r).update();
      }
      return r;
    }
    Map<String, String> labels = new HashMap<>(sts.getSpec().getTemplate().getMetadata()
        .getLabels());
    labels.put(StatefulSetController.REVISION_LABEL, name);
    ControllerRevision r = new ControllerRevisionBuilder().withNewMetadata().withName(name)
        .withNamespace(ns()).withLabels(labels)
        .withOwnerReferences(Owners.controllerRef(sts)).endMetadata()
        .withRevision(max + 1).withData(data(sts.getSpec().getTemplate())).build();
    return client.apps().controllerRevisions().inNamespace(ns()).resource(r).create();
  }

  Optional<ControllerRevision> byName(String name) {
    return revisions.stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst();
  }

  /** The template a revision restores. */
  static PodTemplateSpec template(ControllerRevision r) {
    @SuppressWarnings("unchecked")
    Map<String, Object> data = TemplateHash.copy(r.getData(), Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) data.get("spec");
    @SuppressWarnings("unchecked")
    Map<String, Object> template = new LinkedHashMap<>((Map<String, Object>) spec.get("template"));
    template.remove("$patch");
    return TemplateHash.copy(template, PodTemplateSpec.class);
  }

  private static Map<String, Object> data(PodTemplateSpec template) {
    @SuppressWarnings("unchecked")
    Map<String, Object> t = new LinkedHashMap<>(TemplateHash.copy(template, Map.class));
    t.put("$patch", "replace");
    return Map.of("spec", Map.of("template", t));
  }

  private String ns() {
    return sts.getMetadata().getNamespace();
  }
}
