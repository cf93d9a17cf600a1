/**
 * The NodeDeployment controller's machinery; not API. Pure logic (template hash, plan state
 * machine, conditions and phase, stall detection, child objects) is kept apart from the classes
 * that do I/O ({@link dev.converge.rollout.internal.NodeDeploymentReconciler},
 * {@link dev.converge.rollout.internal.TaskExecutor}) so it is unit-tested directly.
 *
 * <pre>{@code
 * String hash = TemplateHash.of(nd.getSpec().template());
 * Plan plan = Plans.forRollout("p1", hash, 3, now);
 * PlanTask next = Plans.runnable(plan, 1).get(0);   // node-0/apply-statefulset
 * plan = Plans.record(plan, next.id(), TaskOutcome.done(), now);
 * }</pre>
 */
@NullMarked
package dev.converge.rollout.internal;

import org.jspecify.annotations.NullMarked;
