/**
 * Controllers of the apps group: Deployments (ReplicaSets per template revision, Recreate and
 * RollingUpdate with maxSurge and maxUnavailable, progress deadline), ReplicaSets, StatefulSets
 * (ControllerRevisions, ordered pods, partitioned rolling update, OnDelete, claims) and
 * DaemonSets (one pod per fake node).
 *
 * <pre>{@code
 * RollingMath.Limits limits = RollingMath.resolve(new IntOrString("25%"), null, 10); // 3, 2
 * }</pre>
 */
package dev.converge.sandbox.controllers.apps;
