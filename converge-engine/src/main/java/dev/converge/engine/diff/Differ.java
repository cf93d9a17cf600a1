package dev.converge.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.client.ApplyOption;
import dev.converge.core.client.Kind;
import dev.converge.core.client.KubeOps;
import dev.converge.core.errors.ConvergeException;
import dev.converge.engine.manifest.ManifestObject;
import dev.converge.engine.plan.Plan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Differ asks the server what an apply would make of each object (server-side dry-run apply, so
 * defaulting, admission and field ownership count) and compares that with the live object.
 */
public final class Differ {
  private final KubeOps ops;
  private final boolean force;

  public Differ(KubeOps ops, boolean force) {
    this.ops = Objects.requireNonNull(ops, "ops == null");
    this.force = force;
  }

  public DiffReport diff(Plan plan) {
    List<ObjectDiff> out = new ArrayList<>();
    for (ManifestObject object : plan.objects()) {
      out.add(diff(object));
    }
    return new DiffReport(out);
  }

  private ObjectDiff diff(ManifestObject object) {
    GenericKubernetesResource desired = object.resource();
    Kind<GenericKubernetesResource> kind = Kind.unstructured(
        Objects.requireNonNull(object.apiVersion(), "apiVersion"), object.key().kind());
    Optional<GenericKubernetesResource> live = ops.get(kind, object.namespace(), object.key().name());
    JsonNode wouldBe;
    try {
      HasMetadata answer = force
          ? ops.apply(desired, ApplyOption.dryRun(), ApplyOption.force())
          : ops.apply(desired, ApplyOption.dryRun());
      wouldBe = tree(answer);
    } catch (ConvergeException e) {
      if (live.isPresent()) {
        return ObjectDiff.failed(object.key(), e.getMessage() == null ? e.toString() : e.getMessage());
      }
      // a new object whose namespace is new too cannot be dry-run: show it as written
      wouldBe = tree(desired);
    }
    return ObjectDiff.compute(object.key(), live.map(Differ::tree).orElse(null), wouldBe);
  }

  private static JsonNode tree(HasMetadata object) {
    return Serialization.jsonMapper().valueToTree(object);
  }
}
