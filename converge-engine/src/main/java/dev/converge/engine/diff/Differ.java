package dev.converge.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.client.ApplyOption;
import dev.converge.core.client.Kind;
import dev.converge.core.client.KubeOps;
import dev.converge.core.errors.ConvergeException;
import dev.converge.core.errors.FieldManagerConflictException;
import dev.converge.engine.DriftPolicy;
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
  private final String fieldManager;

  /** @param fieldManager the manager {@code ops} applies as, to tell drift from conflicts as the apply does */
  public Differ(KubeOps ops, boolean force, String fieldManager) {
    this.ops = Objects.requireNonNull(ops, "ops == null");
    this.force = force;
    this.fieldManager = Objects.requireNonNull(fieldManager, "fieldManager == null");
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
      wouldBe = tree(dryRun(desired, force));
    } catch (FieldManagerConflictException e) {
      if (!DriftPolicy.isDrift(live.orElse(null), e, fieldManager)) {
        return ObjectDiff.failed(object.key(), e.getMessage() == null ? e.toString() : e.getMessage());
      }
      // drift: the apply would take the fields back, so show what it would make of them
      wouldBe = tree(dryRun(desired, true));
    } catch (ConvergeException e) {
      if (live.isPresent()) {
        return ObjectDiff.failed(object.key(), e.getMessage() == null ? e.toString() : e.getMessage());
      }
      // a new object whose namespace is new too cannot be dry-run: show it as written
      wouldBe = tree(desired);
    }
    return ObjectDiff.compute(object.key(), live.map(Differ::tree).orElse(null), wouldBe);
  }

  private HasMetadata dryRun(GenericKubernetesResource desired, boolean forced) {
    return forced ? ops.apply(desired, ApplyOption.dryRun(), ApplyOption.force()) : ops.apply(desired, ApplyOption.dryRun());
  }

  private static JsonNode tree(HasMetadata object) {
    return Serialization.jsonMapper().valueToTree(object);
  }
}
