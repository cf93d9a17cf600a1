package dev.converge.core.client.internal;

import dev.converge.core.client.ObjectWriter;
import dev.converge.core.errors.CallInfo;
import dev.converge.core.errors.ConflictException;
import dev.converge.core.errors.ErrorClassifier;
import dev.converge.core.errors.NotFoundException;
import dev.converge.core.retry.CallKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Optimistic-concurrency updates (DESIGN.md §4): PUT with the resourceVersion the mutation was
 * computed from; on Conflict read live, mutate again, and try again, at most {@link
 * ObjectWriter#MAX_CONFLICT_RETRIES} times. Each PUT is itself retried on transient failures as an
 * {@link CallKind#UPDATE}, which never retries a Conflict: that loop is this one.
 */
public final class CompareAndSwap {

  private static final String STATUS = "status";

  private final Scopes scopes;
  private final Calls calls;

  public CompareAndSwap(Scopes scopes, Calls calls) {
    this.scopes = scopes;
    this.calls = calls;
  }

  /** Updates the object, or its status subresource when {@code status} is set. */
  public <T extends HasMetadata> T update(T object, UnaryOperator<T> mutation, boolean status) {
    Scope<T> scope = scopes.of(object);
    String name = object.getMetadata().getName();
    String verb = status ? "update status" : "update";
    CallInfo call = scope.call(verb, name, status ? STATUS : null);
    T current = object.getMetadata().getResourceVersion() == null ? readLive(scope, name)
        : object;
    ConflictException last = null;
    for (int round = 0; round <= ObjectWriter.MAX_CONFLICT_RETRIES; round++) {
      if (round > 0) {
        current = readLive(scope, name);
      }
      T desired = mutation.apply(scopes.copy(current));
      // The mutation may not drop the version it was computed from: that would be a blind write.
      desired.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
      try {
        return calls.run(scope, call, CallKind.UPDATE,
            () -> status ? scope.of(desired).updateStatus() : scope.of(desired).update());
      } catch (ConflictException conflict) {
        if (last != null) {
          conflict.addSuppressed(last);
        }
        last = conflict;
      }
    }
    throw tooManyConflicts(call, last);
  }

  private <T extends HasMetadata> T readLive(Scope<T> scope, String name) {
    T live = calls.run(scope, scope.call("get", name), CallKind.READ,
        () -> scope.named(name).get());
    if (live == null) {
      throw (NotFoundException) ErrorClassifier.classify(404, new StatusBuilder()
          .withStatus("Failure").withCode(404).withReason("NotFound")
          .withMessage("it was deleted while being updated").build(), null,
          scope.call("get", name));
    }
    return live;
  }

  private static ConflictException tooManyConflicts(CallInfo call, @Nullable ConflictException last) {
    Status status = new StatusBuilder().withStatus("Failure").withCode(409).withReason("Conflict")
        .withMessage("still conflicting after " + ObjectWriter.MAX_CONFLICT_RETRIES
            + " re-reads (limit " + ObjectWriter.MAX_CONFLICT_RETRIES
            + "); another writer keeps changing the object")
        .build();
    return (ConflictException) ErrorClassifier.classify(409, status, last, call);
  }
}
