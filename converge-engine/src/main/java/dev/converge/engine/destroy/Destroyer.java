package dev.converge.engine.destroy;

import dev.converge.core.client.DeleteOption;
import dev.converge.core.client.Kind;
import dev.converge.core.client.KubeOps;
import dev.converge.engine.inventory.Inventory;
import dev.converge.engine.manifest.ManifestObject;
import dev.converge.engine.manifest.ObjectKey;
import dev.converge.engine.plan.Plan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Destroyer deletes the objects of a plan in reverse order, stage by stage, each stage's objects
 * concurrently, and waits until every one is gone (or replaced by an object with another UID)
 * before the next stage: dependants go before what they depend on, and a Namespace is waited for
 * until its finalization ends, so that a later apply can recreate it. Objects already gone count
 * as done, so a second destroy is a success with nothing to do.
 *
 * <pre>{@code
 * DestroyResult result = new Destroyer(ops, Duration.ofMinutes(2), 16).destroy(plan).orThrow();
 * }</pre>
 */
public final class Destroyer {
  private static final Logger log = LoggerFactory.getLogger(Destroyer.class);

  /** Concurrent deletes per stage, as the applier's writes: hides round trips, avoids throttling. */
  public static final int DEFAULT_CONCURRENCY = 16;

  private final KubeOps ops;
  private final Duration timeout;
  private final int concurrency;

  /**
   * @param timeout how long each object may take to go; past it the delete fails with
   *     DeleteNotCompleteException naming the finalizers still on the object
   */
  public Destroyer(KubeOps ops, Duration timeout, int concurrency) {
    this.ops = Objects.requireNonNull(ops, "ops == null");
    this.timeout = Objects.requireNonNull(timeout, "timeout == null");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout <= 0: " + timeout);
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency < 1: " + concurrency);
    }
    this.concurrency = concurrency;
  }

  public DestroyResult destroy(Plan plan) {
    return destroy(plan, key -> {});
  }

  /**
   * As {@link #destroy(Plan)}, telling {@code gone} about each object the moment it is seen gone
   * (from pool threads: return quickly).
   */
  public DestroyResult destroy(Plan plan, Consumer<ObjectKey> gone) {
    List<ObjectKey> deleted = new ArrayList<>();
    List<ObjectKey> alreadyGone = new ArrayList<>();
    Map<ObjectKey, RuntimeException> failed = new LinkedHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      for (Plan.Stage stage : plan.reversed()) {
        Map<ObjectKey, CompletableFuture<Boolean>> deletes = new LinkedHashMap<>();
        for (ManifestObject object : stage.objects()) {
          deletes.put(object.key(), CompletableFuture.supplyAsync(() -> {
            boolean deletedNow = deleteAndWait(object);
            if (deletedNow) {
              gone.accept(object.key());
            }
            return deletedNow;
          }, pool));
        }
        deletes.forEach((key, delete) -> {
          try {
            (delete.join() ? deleted : alreadyGone).add(key);
          } catch (CompletionException e) {
            failed.put(key, e.getCause() instanceof RuntimeException r ? r : e);
          }
        });
        if (!failed.isEmpty()) {
          // what is left is what the failed objects depend on: deleting it could strand them
          log.debug("destroy stage {} failed; {} earlier stages left in place", stage.index(), stage.index());
          break;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return new DestroyResult(deleted, alreadyGone, failed);
  }

  /**
   * Destroys a whole ApplySet: its live members in reverse plan order, then, once they are all
   * gone, its parent Secret. A set already destroyed (no parent, no members) is nothing to do.
   */
  public DestroyResult destroy(Inventory inventory) {
    return destroy(inventory, key -> {});
  }

  /** As {@link #destroy(Inventory)}, telling {@code gone} about each member as it goes. */
  public DestroyResult destroy(Inventory inventory, Consumer<ObjectKey> gone) {
    DestroyResult members = destroy(LivePlan.of(inventory.members()), gone);
    if (members.succeeded()) {
      inventory.deleteParent(timeout);
    }
    return members;
  }

  /** True when the object was there and is now gone, false when it was gone already. */
  private boolean deleteAndWait(ManifestObject object) {
    Kind<GenericKubernetesResource> kind = Kind.unstructured(
        Objects.requireNonNull(object.apiVersion(), "apiVersion"), Objects.requireNonNull(object.kind(), "kind"));
    // the live object carries the UID the wait checks: a new object of the same name is not ours
    Optional<GenericKubernetesResource> live = ops.get(kind, object.namespace(), object.key().name());
    if (live.isEmpty()) {
      return false;
    }
    ops.delete(live.get(), DeleteOption.waitUntilGone(timeout));
    return true;
  }
}
