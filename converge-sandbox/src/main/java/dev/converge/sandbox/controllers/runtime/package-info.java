/**
 * The small controller runtime under the simulated controllers: a de-duplicating work queue with
 * several workers (never one key on two at once) that parks paused keys and retries failures
 * with back-off ({@link dev.converge.sandbox.controllers.runtime.WorkQueue}), the
 * {@link dev.converge.sandbox.controllers.runtime.Reconciler} contract, and pure helpers for
 * owner references, pod readiness, template hashes and timestamps.
 *
 * <p>Hand-written rather than taken from a controller framework so that it stays a few hundred
 * lines, needs no locking in reconcilers for one object's state and can pause per kind or per
 * object, which is what tests need.
 *
 * <pre>{@code
 * ScheduledExecutorService workers = Executors.newScheduledThreadPool(4);
 * WorkQueue queue = new WorkQueue(workers, pauses, Map.of("jobs", jobController));
 * queue.add(new Key("jobs", "default", "backup"));
 * }</pre>
 */
package dev.converge.sandbox.controllers.runtime;
