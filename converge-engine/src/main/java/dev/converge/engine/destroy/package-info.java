/**
 * Destroy: deletes a set in reverse plan order and waits until each object is gone, naming the
 * finalizers that block one. {@link dev.converge.engine.destroy.Pruner} uses it to remove the
 * members of an ApplySet that left the desired set.
 *
 * <pre>{@code
 * Destroyer destroyer = new Destroyer(ops, Duration.ofMinutes(2), Destroyer.DEFAULT_CONCURRENCY);
 * destroyer.destroy(plan).orThrow();
 * new Pruner(destroyer).prune(inventory, plan, applyResult.succeeded(), PruneOptions.DEFAULTS);
 * }</pre>
 */
@NullMarked
package dev.converge.engine.destroy;

import org.jspecify.annotations.NullMarked;
