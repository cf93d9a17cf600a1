package dev.converge.engine.destroy;

import dev.converge.engine.inventory.Inventory;
import dev.converge.engine.manifest.ManifestObject;
import dev.converge.engine.manifest.ObjectKey;
import dev.converge.engine.plan.Plan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pruner deletes the members of an ApplySet that are no longer desired, after a successful apply,
 * in reverse plan order, waiting for each to go; then narrows the parent to the desired set. Only
 * objects carrying this set's part-of label are candidates: an object of the same kind without it
 * is never touched.
 */
public final class Pruner {
  private static final Logger log = LoggerFactory.getLogger(Pruner.class);

  private final Destroyer destroyer;

  public Pruner(Destroyer destroyer) {
    this.destroyer = Objects.requireNonNull(destroyer, "destroyer == null");
  }

  /**
   * Refuses an empty desired set unless allowed; call before the apply too, so that nothing at all
   * is written for a set that would be refused.
   *
   * @throws EmptySetException when {@code desired} is empty and {@code options} do not allow it
   */
  public static void requireAllowed(Inventory inventory, Plan desired, PruneOptions options) {
    if (desired.objects().isEmpty() && !options.allowEmpty()) {
      throw new EmptySetException(inventory.parent().namespace() + "/" + inventory.parent().name());
    }
  }

  /**
   * Prunes after an apply of {@code desired}.
   *
   * @param applySucceeded whether every object of the apply landed: a failed apply prunes nothing,
   *     since the members it would delete may be what the failed objects were meant to replace
   * @throws EmptySetException as {@link #requireAllowed}
   */
  public PruneResult prune(Inventory inventory, Plan desired, boolean applySucceeded, PruneOptions options) {
    return prune(inventory, desired, applySucceeded, options, key -> {});
  }

  /** As {@link #prune(Inventory, Plan, boolean, PruneOptions)}, telling {@code pruned} about each member as it goes. */
  public PruneResult prune(Inventory inventory, Plan desired, boolean applySucceeded, PruneOptions options,
      Consumer<ObjectKey> pruned) {
    requireAllowed(inventory, desired, options);
    if (!applySucceeded) {
      log.debug("apply failed; prune of {} skipped", inventory.parent().name());
      return PruneResult.skipped("the apply failed; nothing is pruned after a failed apply");
    }
    Set<ObjectKey> wanted = desired.objects().stream().map(ManifestObject::key).collect(Collectors.toSet());
    List<GenericKubernetesResource> stale = inventory.members().stream()
        // members() selects by label; checked again because deleting is not undoable
        .filter(m -> inventory.parent().isMember(m.getMetadata().getLabels()))
        .filter(m -> !wanted.contains(keyOf(m)))
        .toList();
    DestroyResult destroyed = destroyer.destroy(LivePlan.of(stale), pruned);
    if (destroyed.succeeded()) {
      // only now may the parent stop listing the kinds and namespaces of the pruned members
      inventory.narrow(inventory.parent().contentsOf(desired.objects()));
    }
    return new PruneResult(Optional.empty(), destroyed);
  }

  private static ObjectKey keyOf(GenericKubernetesResource live) {
    return new ObjectKey(ObjectKey.groupOf(live.getApiVersion()), live.getKind(),
        live.getMetadata().getNamespace(), live.getMetadata().getName());
  }
}
