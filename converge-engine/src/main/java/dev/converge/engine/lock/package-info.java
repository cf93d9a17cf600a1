/**
 * ApplySet-scoped mutual exclusion: one {@code converge apply} or {@code destroy} at a time per
 * ApplySet, held as a {@code coordination.k8s.io/v1} Lease next to the parent (issue 10). The Lease
 * carries a TTL and is renewed in the background, so a crashed run never leaves a lock that blocks
 * the next one: after the TTL the next run takes it over. Takeovers are compare-and-swap writes on the
 * Lease's resourceVersion, so two racers cannot both win.
 *
 * <pre>{@code
 * try (ApplySetLock lock = ApplySetLock.acquire(ops, parent, LockOptions.defaults())) {
 *   applier.apply(plan, applyOptions, listener);
 *   lock.ensureHeld();            // optional: fail if the lease was lost (e.g. API unreachable > TTL)
 * }                               // released: the next run need not wait for the TTL
 * }</pre>
 *
 * <p>A destroy that deleted the ApplySet's parent calls {@link
 * dev.converge.engine.lock.ApplySetLock#closeAndDelete()} instead: the Lease goes too, but only while
 * it is still ours (a conditional delete), never another run's live lock.
 *
 * <p>{@link dev.converge.engine.lock.LeaseClaim} holds the pure rules (who may take the Lease when);
 * {@link dev.converge.engine.lock.ApplySetLock} does the I/O.
 */
@NullMarked
package dev.converge.engine.lock;

import org.jspecify.annotations.NullMarked;
