package dev.converge.engine.destroy;

import dev.converge.engine.manifest.ManifestObject;
import dev.converge.engine.manifest.Source;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.Planner;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans live objects as if they were manifests, so that objects found on the cluster (members to
 * prune, a set to destroy) are deleted in the same reverse order as the objects of a manifest set.
 */
final class LivePlan {

  /** The source named in messages about objects read from the cluster rather than a file. */
  static final String CLUSTER = "<cluster>";

  private LivePlan() {}

  static Plan of(List<GenericKubernetesResource> live) {
    List<ManifestObject> objects = new ArrayList<>();
    for (GenericKubernetesResource object : live) {
      objects.add(new ManifestObject(object, new Source(CLUSTER, objects.size(), 0)));
    }
    return Planner.plan(objects);
  }
}
