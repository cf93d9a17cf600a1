/**
 * Readiness model: a pure function from a Kubernetes object (unstructured, so custom resources
 * work) and its related objects to a {@link dev.converge.core.status.Status} with a reason, a
 * one-line message, failing pods and Warning events (DESIGN.md §5, modelled on kstatus).
 *
 * <pre>{@code
 * Related related = Related.builder().replicaSets(rs).pods(pods).events(events).build();
 * Readiness r = ReadinessModel.compute(deployment, related, clock.instant());
 * if (r.status() == Status.FAILED) throw new RolloutFailed(r.message());
 * }</pre>
 */
package dev.converge.core.status;
