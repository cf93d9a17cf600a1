package dev.converge.rollout.internal;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Optional;

/**
 * Where a task reads a StatefulSet from. Post-write decisions must read live: an informer cache
 * can still hold the object as it was before this very reconcile wrote it (seeds/002, #216).
 */
@FunctionalInterface
public interface StatefulSetReads {
  Optional<StatefulSet> get(String namespace, String name);
}
