/**
 * The NodeDeployment custom resource ({@code nodedeployments.converge.dev/v1alpha1}, short name
 * {@code nd}): a fleet of nodes, each its own one-replica StatefulSet, rolled in place by plan
 * (DESIGN.md §7). These types are what users read and write; the controller lives in
 * {@code dev.converge.rollout.internal}.
 *
 * <pre>{@code
 * NodeDeployment nd = NodeDeployment.of("chain", 3, NodeTemplate.ofImage("node:v1"));
 * client.resource(nd).inNamespace("prod").create();
 * // later: nd.getStatus().phase() is Ready, rollout() is null, currentHash() = templateHash
 * }</pre>
 */
@NullMarked
package dev.converge.rollout.api;

import org.jspecify.annotations.NullMarked;
