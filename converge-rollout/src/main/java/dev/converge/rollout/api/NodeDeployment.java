package dev.converge.rollout.api;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import org.jspecify.annotations.Nullable;

/**
 * NodeDeployment is a fleet of {@code spec.replicas} nodes, node {@code i} being the one-replica
 * StatefulSet {@code <name>-<i>}; a change of {@code spec.template} rolls the nodes in place, one
 * plan task at a time. The CRD lives in {@code src/main/resources/crds/nodedeployments.converge.dev.yaml}.
 */
@Group(NodeDeployment.GROUP)
@Version(NodeDeployment.VERSION)
@Plural("nodedeployments")
@ShortNames("nd")
public class NodeDeployment extends CustomResource<NodeDeploymentSpec, NodeDeploymentStatus>
    implements Namespaced {
  public static final String GROUP = "converge.dev";
  public static final String VERSION = "v1alpha1";
  public static final String CRD_NAME = "nodedeployments." + GROUP;
  /** Setting this annotation to a new value starts a new rollout after a failed one. */
  public static final String RETRY_ANNOTATION = "converge.dev/retry-rollout";

  /** A NodeDeployment named {@code name} with {@code replicas} nodes running {@code template}. */
  public static NodeDeployment of(String name, int replicas, NodeTemplate template) {
    NodeDeployment nd = new NodeDeployment();
    nd.setMetadata(new ObjectMetaBuilder().withName(name).build());
    nd.setSpec(new NodeDeploymentSpec(replicas, template, null, null, null));
    return nd;
  }

  @Override
  protected @Nullable NodeDeploymentSpec initSpec() {
    return null;
  }

  @Override
  protected @Nullable NodeDeploymentStatus initStatus() {
    return null;
  }
}
