package dev.converge.sandbox.controllers.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.Locale;
import java.util.Optional;

/** Owners reads and writes controller owner references. */
public final class Owners {
  private Owners() {}

  /** A controller reference to {@code owner}, blocking its foreground deletion like upstream. */
  public static OwnerReference controllerRef(HasMetadata owner) {
    return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind()).withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid()).withController(true)
        .withBlockOwnerDeletion(true).build();
  }

  /** The owner reference with {@code controller: true}, if any. */
  public static Optional<OwnerReference> controllerOf(HasMetadata obj) {
    return obj.getMetadata().getOwnerReferences().stream()
        .filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
  }

  /** Whether {@code obj} is controlled by the object with {@code uid}. */
  public static boolean controlledBy(HasMetadata obj, String uid) {
    return controllerOf(obj).map(r -> uid.equals(r.getUid())).orElse(false);
  }

  /** Plural resource of a built-in kind: ReplicaSet → replicasets. */
  public static String plural(String kind) {
    String lower = kind.toLowerCase(Locale.ROOT);
    if (lower.endsWith("s")) {
      return lower + "es";
    }
    if (lower.endsWith("y")) {
      return lower.substring(0, lower.length() - 1) + "ies";
    }
    return lower + "s";
  }
}
