package dev.converge.engine.manifest;

import dev.converge.core.client.Discovery;
import dev.converge.core.errors.NoMatchException;
import java.util.Optional;

/**
 * KindResolver knows which kinds the cluster serves and whether their objects live in namespaces.
 * Validation asks it about every kind that no CustomResourceDefinition in the set provides.
 */
@FunctionalInterface
public interface KindResolver {

  /** Whether objects of a kind live in namespaces. */
  enum Scope { NAMESPACED, CLUSTER }

  /** The scope of {@code kind} in {@code apiVersion}, or empty when the cluster does not serve it. */
  Optional<Scope> scopeOf(String apiVersion, String kind);

  /**
   * Resolves through the core client's discovery; a kind it does not serve resolves empty, but only
   * after the client's NoMatch retries. Validation uses {@link ServedKinds}, which answers at once.
   */
  static KindResolver of(Discovery discovery) {
    return (apiVersion, kind) -> {
      try {
        return Optional.of(discovery.lookup(apiVersion, kind).namespaced() ? Scope.NAMESPACED : Scope.CLUSTER);
      } catch (NoMatchException e) {
        return Optional.empty();
      }
    };
  }
}
