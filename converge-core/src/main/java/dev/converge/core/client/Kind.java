package dev.converge.core.client;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * Names a kind of object and the Java type it is read as: a fabric8 model class ({@code
 * Kind.of(Deployment.class)}) or, for kinds without one, unstructured {@link
 * GenericKubernetesResource}s ({@code Kind.unstructured("example.com/v1", "Widget")}).
 *
 * @param type the Java type objects are read as
 * @param apiVersion {@code group/version}, or {@code version} for the core group
 * @param kind the kind, e.g. {@code Deployment}
 */
public record Kind<T extends HasMetadata>(Class<T> type, String apiVersion, String kind) {

  public Kind {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(apiVersion, "apiVersion == null");
    Objects.requireNonNull(kind, "kind == null");
  }

  /** Model classes' kinds, read once: fabric8 looks their annotations up reflectively. */
  private static final ClassValue<Kind<?>> MODEL_KINDS = new ClassValue<>() {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected Kind<?> computeValue(Class<?> type) {
      Class<? extends HasMetadata> model = (Class<? extends HasMetadata>) type;
      return new Kind(model, HasMetadata.getApiVersion(model), HasMetadata.getKind(model));
    }
  };

  /** A kind with a fabric8 model class, whose apiVersion and kind come from its annotations. */
  @SuppressWarnings("unchecked")
  public static <T extends HasMetadata> Kind<T> of(Class<T> type) {
    if (type == GenericKubernetesResource.class) {
      throw new IllegalArgumentException(
          "GenericKubernetesResource has no kind of its own; use Kind.unstructured(apiVersion, kind)");
    }
    return (Kind<T>) MODEL_KINDS.get(type);
  }

  /** A kind read as unstructured objects; its plural and scope come from discovery. */
  public static Kind<GenericKubernetesResource> unstructured(String apiVersion, String kind) {
    return new Kind<>(GenericKubernetesResource.class, apiVersion, kind);
  }

  /** The kind of {@code object}: unstructured for a {@link GenericKubernetesResource}, else its class. */
  @SuppressWarnings("unchecked")
  public static <T extends HasMetadata> Kind<T> of(T object) {
    Objects.requireNonNull(object, "object == null");
    if (object instanceof GenericKubernetesResource) {
      return (Kind<T>) unstructured(
          Objects.requireNonNull(object.getApiVersion(), "unstructured object without apiVersion"),
          Objects.requireNonNull(object.getKind(), "unstructured object without kind"));
    }
    return of((Class<T>) object.getClass());
  }

  /** Whether objects of this kind are read as {@link GenericKubernetesResource}. */
  public boolean unstructured() {
    return type == GenericKubernetesResource.class;
  }

  @Override
  public String toString() {
    return apiVersion + " " + kind;
  }
}
