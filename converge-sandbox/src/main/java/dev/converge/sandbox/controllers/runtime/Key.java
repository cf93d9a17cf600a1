package dev.converge.sandbox.controllers.runtime;

import java.util.Objects;

/**
 * Key names one object a controller reconciles: its kind (plural resource), namespace (empty for
 * cluster scope) and name.
 */
public record Key(String kind, String namespace, String name) {
  public Key {
    Objects.requireNonNull(kind, "kind == null");
    namespace = namespace == null ? "" : namespace;
    Objects.requireNonNull(name, "name == null");
  }

  @Override
  public String toString() {
    return kind + "/" + (namespace.isEmpty() ? "" : namespace + "/") + name;
  }
}
