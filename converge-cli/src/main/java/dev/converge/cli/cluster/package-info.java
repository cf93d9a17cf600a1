/**
 * Cluster selection for CLI commands: kubectl's {@code --kubeconfig}, {@code --context} and
 * {@code -n}, or {@code --cluster embedded} (a running {@code converge sandbox}, else one started
 * in-process), checked with one fast preflight so an unreachable or unauthorized cluster exits 4.
 *
 * <pre>{@code
 * @Mixin ClusterOptions cluster;
 * try (ClusterSession session = ClusterSession.open(cluster, err)) {
 *   KubernetesClient client = session.client();
 *   String ns = session.namespace();
 * }
 * }</pre>
 */
@NullMarked
package dev.converge.cli.cluster;

import org.jspecify.annotations.NullMarked;
