package dev.converge.engine;

import dev.converge.core.client.ApplyOption;
import dev.converge.core.client.ObjectWriter;
import dev.converge.core.status.wait.ReadinessWaiter;
import dev.converge.core.status.wait.WaitTarget;
import dev.converge.engine.manifest.CrdIndex;
import dev.converge.engine.manifest.ManifestObject;
import dev.converge.engine.manifest.ObjectKey;
import dev.converge.engine.plan.Plan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applier applies a {@link Plan} with server-side apply, stage by stage, the objects of a stage
 * concurrently under a bound. Before the next stage starts, the Namespaces of the stage must be
 * Active and its CRDs Established (through the readiness waiter), so that their dependants are not
 * rejected. A failed stage ends the apply: later stages depend on it.
 *
 * <p>Skeleton: waits for all objects, prune, progress events and no-op detection come next.
 */
public final class Applier {
  private static final Logger log = LoggerFactory.getLogger(Applier.class);

  /** Concurrent writes per stage: enough to hide round trips, few enough not to be throttled. */
  public static final int DEFAULT_CONCURRENCY = 16;

  private final ObjectWriter writer;
  private final ReadinessWaiter waiter;
  private final int concurrency;

  public Applier(ObjectWriter writer, ReadinessWaiter waiter, int concurrency) {
    this.writer = Objects.requireNonNull(writer, "writer == null");
    this.waiter = Objects.requireNonNull(waiter, "waiter == null");
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency < 1: " + concurrency);
    }
    this.concurrency = concurrency;
  }

  public ApplyResult apply(Plan plan, ApplyOption... options) {
    List<ObjectKey> applied = new ArrayList<>();
    Map<ObjectKey, RuntimeException> failed = new LinkedHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      for (Plan.Stage stage : plan.stages()) {
        Map<ManifestObject, CompletableFuture<HasMetadata>> writes = new LinkedHashMap<>();
        for (ManifestObject object : stage.objects()) {
          writes.put(object, CompletableFuture.supplyAsync(() -> writer.apply(object.resource(), options), pool));
        }
        List<HasMetadata> gates = new ArrayList<>();
        writes.forEach((object, write) -> {
          try {
            HasMetadata live = write.join();
            applied.add(object.key());
            if (gatesDependants(object)) {
              gates.add(live);
            }
          } catch (java.util.concurrent.CompletionException e) {
            failed.put(object.key(), e.getCause() instanceof RuntimeException r ? r : e);
          }
        });
        if (!failed.isEmpty()) {
          log.debug("stage {} failed; {} later stages not applied", stage.index(), plan.stages().size() - stage.index() - 1);
          break;
        }
        if (!gates.isEmpty()) {
          // Namespaces Active, CRDs Established: otherwise their dependants are rejected
          waiter.awaitReady(gates.stream().map(WaitTarget::of).toList()).orThrow();
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return new ApplyResult(applied, failed);
  }

  private static boolean gatesDependants(ManifestObject object) {
    return CrdIndex.isCrd(object) || (object.group().isEmpty() && "Namespace".equals(object.kind()));
  }
}
