package dev.converge.engine.destroy;

import dev.converge.engine.manifest.ObjectKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a prune did: the members it deleted, or why it did nothing ({@link #skipped}).
 *
 * @param skipped why nothing was pruned (the apply failed), empty when the prune ran
 * @param destroyed the deletion of the members no longer desired; empty when skipped
 */
public record PruneResult(Optional<String> skipped, DestroyResult destroyed) {

  static PruneResult skipped(String reason) {
    return new PruneResult(Optional.of(reason), new DestroyResult(List.of(), List.of(), Map.of()));
  }

  public List<ObjectKey> pruned() {
    return destroyed.deleted();
  }

  public boolean succeeded() {
    return destroyed.succeeded();
  }
}
