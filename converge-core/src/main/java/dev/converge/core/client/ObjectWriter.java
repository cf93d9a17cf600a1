package dev.converge.core.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.function.UnaryOperator;

/**
 * ObjectWriter knows how to change Kubernetes objects safely (DESIGN.md §4): every call is
 * classified and retried only when repeating it cannot do harm, and each method documents how it
 * resolves the outcomes a retry can produce. Objects passed in are never modified.
 */
public interface ObjectWriter {

  /**
   * Server-side apply of {@code object} (PATCH {@code application/apply-patch+yaml}) under the
   * client's field manager, without force unless {@link ApplyOption#force()} is given.
   *
   * @return the object as the server stored it
   * @throws dev.converge.core.errors.FieldManagerConflictException when another manager owns a
   *     field this apply sets; lists the fields and their managers
   */
  <T extends HasMetadata> T apply(T object, ApplyOption... options);

  /**
   * Creates {@code object}, safely retried: the request carries a fresh create token (annotation
   * {@value CreateToken#ANNOTATION}); when a retried POST answers AlreadyExists because an earlier
   * attempt was committed but its response lost, the object is read back and returned if it carries
   * this token and is not terminating.
   *
   * @throws dev.converge.core.errors.AlreadyExistsException when the object was created by someone
   *     else (another token or none), or is being deleted; never adopted silently
   */
  <T extends HasMetadata> T create(T object);

  /**
   * Compare-and-swap update: applies {@code mutation} to a copy of {@code object} and PUTs it with
   * the object's resourceVersion (read live first when it has none). On Conflict the object is read
   * again live and the mutation applied again, at most {@link #MAX_CONFLICT_RETRIES} times.
   *
   * @throws dev.converge.core.errors.ConflictException when conflicts persist past the bound
   * @throws dev.converge.core.errors.NotFoundException when the object disappeared
   */
  <T extends HasMetadata> T update(T object, UnaryOperator<T> mutation);

  /** As {@link #update}, on the {@code /status} subresource (only the status of the result counts). */
  <T extends HasMetadata> T updateStatus(T object, UnaryOperator<T> mutation);

  /**
   * JSON merge patch of {@code object}'s status onto the {@code /status} subresource. When the
   * object carries a resourceVersion the patch is a compare-and-swap (Conflict if it changed);
   * clear it to patch unconditionally.
   */
  <T extends HasMetadata> T patchStatus(T object);

  /**
   * Deletes {@code object} (Background propagation unless told otherwise); an object already gone
   * counts as deleted. With {@link DeleteOption#waitUntilGone}, returns only once the object is gone
   * or replaced by one with another UID, watching rather than polling.
   *
   * @throws dev.converge.core.errors.DeleteNotCompleteException when it is still there after the
   *     wait; names its finalizers
   */
  void delete(HasMetadata object, DeleteOption... options);

  /**
   * Re-reads after a Conflict are bounded: ten rounds outlast a controller writing the object in a
   * tight loop while still failing fast on a caller racing itself (client-go's RetryOnConflict
   * default is 5 steps; DESIGN.md §4 allows 10).
   */
  int MAX_CONFLICT_RETRIES = 10;
}
