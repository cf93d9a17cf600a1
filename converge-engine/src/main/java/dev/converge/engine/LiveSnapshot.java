package dev.converge.engine;

import dev.converge.core.client.Kind;
import dev.converge.core.client.KubeOps;
import dev.converge.core.client.ListOption;
import dev.converge.core.errors.ConvergeException;
import dev.converge.engine.manifest.ManifestObject;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LiveSnapshot is what a stage's objects look like live before they are applied, read with one
 * LIST per (kind, namespace) instead of a GET per object: 1,000 ConfigMaps cost two pages, not
 * 1,000 round trips. Objects it did not list (a lone object of its kind, objects without a
 * namespace, or a kind whose LIST failed) are read with a GET, so the answer is always what a GET would have said at read time.
 */
final class LiveSnapshot {
  private static final Logger log = LoggerFactory.getLogger(LiveSnapshot.class);

  /** Objects per LIST page: large enough for few round trips, small enough for modest responses. */
  static final int PAGE_SIZE = 500;

  /** Below this many objects of one kind and namespace a GET each is cheaper than listing all. */
  static final int MIN_TO_LIST = 2;

  private record Group(String apiVersion, String kind, @Nullable String namespace) {
    static Group of(ManifestObject o) {
      return new Group(o.resource().getApiVersion(), o.resource().getKind(), o.namespace());
    }
  }

  private final KubeOps ops;
  private final Map<Group, Map<String, HasMetadata>> listed;

  private LiveSnapshot(KubeOps ops, Map<Group, Map<String, HasMetadata>> listed) {
    this.ops = ops;
    this.listed = listed;
  }

  /** Lists each (kind, namespace) of {@code objects} that has at least {@link #MIN_TO_LIST} objects. */
  static LiveSnapshot read(KubeOps ops, List<ManifestObject> objects) {
    Map<Group, Integer> counts = new LinkedHashMap<>();
    objects.forEach(o -> counts.merge(Group.of(o), 1, Integer::sum));
    Map<Group, Map<String, HasMetadata>> listed = new HashMap<>();
    counts.forEach((group, n) -> {
      // Without a namespace, a LIST of a namespaced kind would span every namespace, where names
      // repeat; such objects (and the rare bulk of a cluster-scoped kind) are read one by one.
      if (n < MIN_TO_LIST || group.namespace() == null) {
        return;
      }
      try {
        listed.put(group, list(ops, group));
      } catch (ConvergeException e) {
        // e.g. allowed to get but not to list: fall back to a GET per object
        log.debug("cannot list {} {}; reading each object: {}", group.kind(), group.namespace(), e.getMessage());
      }
    });
    return new LiveSnapshot(ops, listed);
  }

  private static Map<String, HasMetadata> list(KubeOps ops, Group group) {
    Kind<GenericKubernetesResource> kind = Kind.unstructured(group.apiVersion(), group.kind());
    Map<String, HasMetadata> byName = new HashMap<>();
    for (GenericKubernetesResource item : ops.list(kind, group.namespace(), ListOption.pageSize(PAGE_SIZE))) {
      // Items of a LIST may omit apiVersion and kind; a GET's answer has them, and the no-op
      // check compares them.
      if (item.getApiVersion() == null) {
        item.setApiVersion(group.apiVersion());
      }
      if (item.getKind() == null) {
        item.setKind(group.kind());
      }
      byName.put(item.getMetadata().getName(), item);
    }
    return byName;
  }

  /** The live object as listed, or read now when its group was not listed; null when absent. */
  @Nullable HasMetadata before(ManifestObject object) {
    String name = Objects.requireNonNull(object.name(), "name");
    Map<String, HasMetadata> group = listed.get(Group.of(object));
    if (group != null) {
      return group.get(name);
    }
    Optional<GenericKubernetesResource> live =
        ops.get(Kind.of(object.resource()), object.namespace(), name);
    return live.orElse(null);
  }
}
