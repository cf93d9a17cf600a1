/**
 * The apply engine's typed progress stream (DESIGN.md §6): what the engine planned, applied (and
 * whether the object actually changed), waits for, saw become ready, failed, pruned or deleted. The
 * CLI renders it; tests assert on it.
 *
 * <pre>{@code
 * List<ProgressEvent> seen = new CopyOnWriteArrayList<>();
 * ApplyResult result = applier.apply(plan, ApplyOptions.DEFAULTS, seen::add);
 * // Planned, Applied(CREATED|CONFIGURED|UNCHANGED)..., Waiting..., Ready... or Failed...
 * }</pre>
 */
@NullMarked
package dev.converge.engine.progress;

import org.jspecify.annotations.NullMarked;
