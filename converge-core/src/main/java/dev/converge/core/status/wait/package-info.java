/**
 * Watch-driven readiness waits (DESIGN.md §5, issue 5): a {@link
 * dev.converge.core.status.wait.ReadinessWaiter} watches each object and the related objects the
 * readiness model needs (ReplicaSets, pods, Events, StorageClasses, CRDs), recomputes {@link
 * dev.converge.core.status.ReadinessModel} on every relevant change, reports each change as a
 * {@link dev.converge.core.status.wait.ReadinessEvent}, fails fast on FAILED and, on timeout,
 * returns the last status, reasons and Warning events of every object not done.
 *
 * <p>Watches come from a {@link dev.converge.core.status.wait.WatchSource}, shared per kind and
 * namespace; {@link dev.converge.core.status.wait.InformerWatchSource} implements it over fabric8
 * informers. Time comes from an injected {@link java.time.Clock}.
 *
 * <pre>{@code
 * try (WatchSource source = new InformerWatchSource(client);
 *     ReadinessWaiter waiter = new ReadinessWaiter(source, WaitOptions.DEFAULTS
 *         .withTimeout(Duration.ofMinutes(2)))) {
 *   WaitResult result = waiter.await(List.of(WaitTarget.of(deployment)),
 *       e -> log.info("{}", e.oneLine()));     // IN_PROGRESS 1/3 ..., then CURRENT
 *   result.orThrow();                          // RolloutFailedException or NotReadyException
 * }
 * }</pre>
 */
@NullMarked
package dev.converge.core.status.wait;

import org.jspecify.annotations.NullMarked;
