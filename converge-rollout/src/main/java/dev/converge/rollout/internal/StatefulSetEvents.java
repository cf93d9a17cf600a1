package dev.converge.rollout.internal;

import dev.converge.rollout.api.NodeDeployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * StatefulSetEvents watches the StatefulSets NodeDeployments own (mapped back by owner
 * reference), so a pod becoming ready (which the StatefulSet's status reflects) wakes the
 * controller. Its cache is deliberately not what tasks decide from; see {@link StatefulSetReads}.
 */
final class StatefulSetEvents {
  static final String NAME = "statefulsets";
  private @Nullable InformerEventSource<StatefulSet, NodeDeployment> source;

  InformerEventSource<StatefulSet, NodeDeployment> create(
      EventSourceContext<NodeDeployment> context) {
    source = new InformerEventSource<>(InformerEventSourceConfiguration
        .from(StatefulSet.class, NodeDeployment.class).withName(NAME)
        .withLabelSelector(Children.NAME_LABEL).build(), context);
    return source;
  }

  /** The informer's copy: may lag the API server by however late watch events are. */
  Optional<StatefulSet> cached(String namespace, String name) {
    return source == null ? Optional.empty() : source.get(new ResourceID(name, namespace));
  }
}
