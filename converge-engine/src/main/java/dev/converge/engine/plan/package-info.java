/**
 * The apply order of a validated manifest set: a DAG of hard edges (Namespace, defining CRD,
 * {@code config.kubernetes.io/depends-on}) layered into stages, with the {@link
 * dev.converge.engine.plan.Rank} table ordering objects the edges leave free. Pure logic, no I/O.
 *
 * <p>Contract for the applier: apply stage by stage; objects within a stage are independent and may
 * go concurrently under a bound; a stage starts once the previous one is applied and its
 * Namespaces are Active and CRDs Established. Prune and destroy walk {@link
 * dev.converge.engine.plan.Plan#reversed()}.
 *
 * <pre>{@code
 * Plan plan = Planner.plan(objects);
 * for (Plan.Stage stage : plan.stages()) {
 *   stage.objects().parallelStream().forEach(o -> ops.apply(o.resource()));   // bounded in practice
 * }
 * }</pre>
 */
@NullMarked
package dev.converge.engine.plan;

import org.jspecify.annotations.NullMarked;
