package dev.converge.engine.inventory;

import dev.converge.core.client.ApplyOption;
import dev.converge.core.client.DeleteOption;
import dev.converge.core.client.Discovery;
import dev.converge.core.client.Kind;
import dev.converge.core.client.KubeOps;
import dev.converge.core.client.ListOption;
import dev.converge.core.client.ResourceType;
import dev.converge.core.errors.NoMatchException;
import dev.converge.engine.manifest.ManifestObject;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inventory keeps an ApplySet on the cluster: its parent Secret (applied server-side) and the
 * members it finds by their part-of label. A typical apply:
 *
 * <pre>{@code
 * List<ManifestObject> stamped = inventory.widen(desired);  // parent first, stamped copies back
 * ApplyResult result = applier.apply(Planner.plan(stamped));
 * pruner.prune(inventory, Planner.plan(stamped), result.succeeded());  // narrows the parent
 * }</pre>
 */
public final class Inventory {
  private static final Logger log = LoggerFactory.getLogger(Inventory.class);

  private final KubeOps ops;
  private final Discovery discovery;
  private final ApiVersions versions;
  private final ApplySetParent parent;

  public Inventory(KubeOps ops, Discovery discovery, ApiVersions versions, ApplySetParent parent) {
    this.ops = Objects.requireNonNull(ops, "ops == null");
    this.discovery = Objects.requireNonNull(discovery, "discovery == null");
    this.versions = Objects.requireNonNull(versions, "versions == null");
    this.parent = Objects.requireNonNull(parent, "parent == null");
  }

  public ApplySetParent parent() {
    return parent;
  }

  /** The live parent Secret, or empty when the set was never applied (or was destroyed). */
  public Optional<Secret> readParent() {
    return ops.get(Kind.of(Secret.class), parent.namespace(), parent.name());
  }

  /** What the live parent says the set contains; empty when there is no parent. */
  public ApplySetContents contents() {
    return readParent().map(Inventory::contentsOf).orElse(ApplySetContents.EMPTY);
  }

  /**
   * Before an apply: makes sure the parent exists and lists both what it listed and what {@code
   * desired} adds (so an interrupted apply leaves no member unlisted), then returns copies of
   * {@code desired} carrying the part-of label.
   *
   * @throws ForeignApplySetException when the parent exists and belongs to another tool; nothing
   *     is written then
   */
  public List<ManifestObject> widen(List<ManifestObject> desired) {
    Optional<Secret> live = readParent();
    live.ifPresent(this::requireOurs);
    ApplySetContents listed = live.map(Inventory::contentsOf).orElse(ApplySetContents.EMPTY);
    ApplySetContents needed = listed.union(parent.contentsOf(desired));
    // a re-apply of the same set writes nothing: the parent already says all it must
    if (live.isEmpty() || !needed.equals(listed) || !isCurrent(live.get())) {
      record(needed);
    }
    return parent.stamp(desired);
  }

  /** Whether the live parent carries this set's id label and Converge's tooling exactly. */
  private boolean isCurrent(Secret live) {
    Map<String, String> labels = live.getMetadata().getLabels();
    Map<String, String> annotations = live.getMetadata().getAnnotations();
    return labels != null && parent.id().equals(labels.get(ApplySetKeys.ID_LABEL))
        && annotations != null && parent.tooling().equals(annotations.get(ApplySetKeys.TOOLING_ANNOTATION));
  }

  /**
   * Reads only: refuses when the live parent belongs to another tool, so a run can fail before it
   * takes the ApplySet's lock. {@link #widen} checks again under the lock.
   *
   * @throws ForeignApplySetException naming the parent and its tooling
   */
  public void requireOurs() {
    readParent().ifPresent(this::requireOurs);
  }

  /** Refuses a parent whose tooling names another tool: only its name part counts, not the version. */
  private void requireOurs(Secret live) {
    Map<String, String> annotations = live.getMetadata().getAnnotations();
    String tooling = annotations == null ? null : annotations.get(ApplySetKeys.TOOLING_ANNOTATION);
    if (tooling != null && !toolName(tooling).equals(toolName(parent.tooling()))) {
      throw new ForeignApplySetException(parent.namespace() + "/" + parent.name(), tooling);
    }
  }

  private static String toolName(String tooling) {
    int slash = tooling.indexOf('/');
    return slash < 0 ? tooling : tooling.substring(0, slash);
  }

  private static ApplySetContents contentsOf(Secret live) {
    return ApplySetContents.parse(live.getMetadata().getAnnotations() == null
        ? Map.of() : live.getMetadata().getAnnotations());
  }

  /**
   * After a prune: makes the parent list exactly {@code contents}, writing only when it does not
   * already (a re-apply of the same set writes nothing).
   */
  public void narrow(ApplySetContents contents) {
    Optional<Secret> live = readParent();
    if (live.isPresent() && isCurrent(live.get()) && contentsOf(live.get()).equals(contents)) {
      return;
    }
    record(contents);
  }

  /** Writes exactly {@code contents} to the parent (server-side apply, creating it if needed). */
  public Secret record(ApplySetContents contents) {
    return ops.apply(parent.toSecret(contents), ApplyOption.force());
  }

  /**
   * The live members: for each group-kind the parent lists, the objects labelled part-of this set,
   * in the parent's namespace and its additional namespaces (cluster-scoped kinds once). Kinds the
   * server no longer serves are skipped: nothing of them can be left.
   */
  public List<GenericKubernetesResource> members() {
    ApplySetContents contents = contents();
    List<String> namespaces = new ArrayList<>();
    namespaces.add(parent.namespace());
    namespaces.addAll(contents.additionalNamespaces());
    Map<String, GenericKubernetesResource> byUid = new LinkedHashMap<>();
    for (GroupKind groupKind : contents.groupKinds()) {
      Optional<String> apiVersion = versions.of(groupKind);
      if (apiVersion.isEmpty()) {
        log.debug("group of {} not served; no members of it can exist", groupKind);
        continue;
      }
      Kind<GenericKubernetesResource> kind = Kind.unstructured(apiVersion.get(), groupKind.kind());
      ResourceType type;
      try {
        type = discovery.lookup(apiVersion.get(), groupKind.kind());
      } catch (NoMatchException e) {
        log.debug("{} not served; no members of it can exist", groupKind);
        continue;
      }
      for (String namespace : type.namespaced() ? namespaces : Collections.<String>singletonList(null)) {
        for (GenericKubernetesResource member : ops.list(kind, namespace,
            ListOption.labelSelector(parent.memberSelector()))) {
          if (parent.isMember(member.getMetadata().getLabels())) {
            byUid.put(member.getMetadata().getUid(), member);
          }
        }
      }
    }
    return List.copyOf(byUid.values());
  }

  /** Deletes the parent Secret and waits until it is gone; a missing parent counts as deleted. */
  public void deleteParent(Duration timeout) {
    Optional<Secret> live = readParent();
    live.ifPresent(s -> ops.delete(s, DeleteOption.waitUntilGone(timeout)));
  }
}
