package dev.converge.engine.manifest;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One object of a manifest set, unstructured, with the place it was read from. Unstructured because
 * the set holds custom resources of kinds no model class knows, and {@link GenericKubernetesResource}
 * goes to the core client's {@code apply} as it is.
 */
public record ManifestObject(GenericKubernetesResource resource, Source source) {

  public ManifestObject {
    Objects.requireNonNull(resource, "resource == null");
    Objects.requireNonNull(source, "source == null");
  }

  public @Nullable String apiVersion() {
    return resource.getApiVersion();
  }

  public @Nullable String kind() {
    return resource.getKind();
  }

  public @Nullable String name() {
    return resource.getMetadata() == null ? null : resource.getMetadata().getName();
  }

  public @Nullable String namespace() {
    return resource.getMetadata() == null ? null : resource.getMetadata().getNamespace();
  }

  public String group() {
    return apiVersion() == null ? "" : ObjectKey.groupOf(apiVersion());
  }

  /** The identity of this object; only valid once apiVersion, kind and name are known present. */
  public ObjectKey key() {
    return new ObjectKey(group(), Objects.requireNonNull(kind(), "kind"),
        namespace(), Objects.requireNonNull(name(), "name"));
  }

  /** {@code apps/v1 Deployment prod/web} as far as it is known, for messages. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(apiVersion() == null ? "<no apiVersion>" : apiVersion()).append(' ');
    sb.append(kind() == null ? "<no kind>" : kind()).append(' ');
    if (namespace() != null) {
      sb.append(namespace()).append('/');
    }
    sb.append(name() == null ? "<no name>" : name());
    return sb.toString();
  }
}
