/**
 * The rollout operator (DESIGN.md §7): {@link dev.converge.rollout.RolloutOperator} runs the
 * NodeDeployment controller on the Java Operator SDK against any cluster; the custom resource's
 * types are in {@link dev.converge.rollout.api}.
 *
 * <pre>{@code
 * RolloutOperator.installCrd(client);
 * try (RolloutOperator op = RolloutOperator.start(config,
 *     OperatorOptions.defaults().withNamespaces(Set.of("prod")).withMetricsPort(9090))) {
 *   op.awaitStopped();
 * }
 * }</pre>
 */
@NullMarked
package dev.converge.rollout;

import org.jspecify.annotations.NullMarked;
