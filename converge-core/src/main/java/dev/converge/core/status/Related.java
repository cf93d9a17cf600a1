package dev.converge.core.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Related carries the other objects a reader needs to judge one object. The caller gathers them (by
 * the workload's selector or owner references, from the object's namespace); readers trust that
 * they belong to the object.
 *
 * @param replicaSets ReplicaSets of a Deployment (used to tell its new pods from old ones)
 * @param pods pods of a workload (for their failure reasons and Warning events)
 * @param events events in the object's namespace; only Warnings about the object or its pods are
 *     kept, core/v1 and events.k8s.io/v1 shapes both understood
 * @param storageClass the StorageClass a PersistentVolumeClaim uses, or null when unknown
 * @param definition the CustomResourceDefinition of a custom resource, or null when unknown; when
 *     given and it declares a status subresource, a resource without status is still IN_PROGRESS
 * @param seenComplete the caller saw this object CURRENT earlier (a Job that completed and was then
 *     removed by ttlSecondsAfterFinished), so its absence means CURRENT, not NOT_FOUND
 */
public record Related(
    List<JsonNode> replicaSets,
    List<JsonNode> pods,
    List<JsonNode> events,
    JsonNode storageClass,
    JsonNode definition,
    boolean seenComplete) {

  /** Nothing related is known: enough for kinds whose status is self-contained. */
  public static final Related NONE =
      new Related(List.of(), List.of(), List.of(), null, null, false);

  public Related {
    replicaSets = List.copyOf(replicaSets);
    pods = List.copyOf(pods);
    events = List.copyOf(events);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.replicaSets.addAll(replicaSets);
    b.pods.addAll(pods);
    b.events.addAll(events);
    b.storageClass = storageClass;
    b.definition = definition;
    b.seenComplete = seenComplete;
    return b;
  }

  /** Builder collects related objects; every setter is optional. */
  public static final class Builder {
    private final List<JsonNode> replicaSets = new ArrayList<>();
    private final List<JsonNode> pods = new ArrayList<>();
    private final List<JsonNode> events = new ArrayList<>();
    private JsonNode storageClass;
    private JsonNode definition;
    private boolean seenComplete;

    private Builder() {}

    public Builder replicaSets(List<? extends JsonNode> objects) {
      replicaSets.addAll(objects);
      return this;
    }

    public Builder pods(List<? extends JsonNode> objects) {
      pods.addAll(objects);
      return this;
    }

    public Builder events(List<? extends JsonNode> objects) {
      events.addAll(objects);
      return this;
    }

    public Builder storageClass(JsonNode object) {
      storageClass = object;
      return this;
    }

    public Builder definition(JsonNode crd) {
      definition = crd;
      return this;
    }

    public Builder seenComplete(boolean seen) {
      seenComplete = seen;
      return this;
    }

    public Related build() {
      return new Related(replicaSets, pods, events, storageClass, definition, seenComplete);
    }
  }
}
