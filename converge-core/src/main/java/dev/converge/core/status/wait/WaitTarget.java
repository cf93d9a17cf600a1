package dev.converge.core.status.wait;

import dev.converge.core.errors.ObjectRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * WaitTarget is one object to wait for: its reference and, when known, its uid, so that waiting for
 * deletion counts a re-created object of the same name as gone.
 */
public record WaitTarget(ObjectRef ref, @Nullable String uid) {

  public WaitTarget {
    Objects.requireNonNull(ref, "ref == null");
    Objects.requireNonNull(ref.name(), "ref.name() == null: a wait needs a named object");
  }

  public static WaitTarget of(ObjectRef ref) {
    return new WaitTarget(ref, null);
  }

  /** A typed or generic fabric8 object; its uid is kept when the server assigned one. */
  public static WaitTarget of(HasMetadata obj) {
    String ns = obj.getMetadata().getNamespace();
    ObjectRef ref =
        new ObjectRef(obj.getApiVersion(), obj.getKind(), ns, obj.getMetadata().getName());
    return new WaitTarget(ref, obj.getMetadata().getUid());
  }

  ResourceType type() {
    return ResourceType.of(ref);
  }
}
