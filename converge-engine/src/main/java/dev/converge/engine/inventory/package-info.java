/**
 * ApplySet inventory (KEP-3659), compatible with {@code kubectl apply --applyset}: a parent Secret
 * labelled {@code applyset.kubernetes.io/id} and annotated with its tooling and the group-kinds (and
 * namespaces) it may contain; members labelled {@code applyset.kubernetes.io/part-of}. Pure rules
 * ({@link dev.converge.engine.inventory.ApplySetId}, {@link dev.converge.engine.inventory.ApplySetParent},
 * {@link dev.converge.engine.inventory.ApplySetContents}) are apart from the cluster I/O of
 * {@link dev.converge.engine.inventory.Inventory}.
 *
 * <pre>{@code
 * Inventory inventory = new Inventory(ops, ops.discovery(), ApiVersions.preferred(client),
 *     ApplySetParent.secret("prod", "web"));
 * List<ManifestObject> stamped = inventory.widen(desired);
 * List<GenericKubernetesResource> members = inventory.members();
 * }</pre>
 */
@NullMarked
package dev.converge.engine.inventory;

import org.jspecify.annotations.NullMarked;
