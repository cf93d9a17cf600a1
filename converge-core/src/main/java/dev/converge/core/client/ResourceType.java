package dev.converge.core.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What discovery knows about a kind: its resource name in URLs (the plural) and whether its
 * objects live in namespaces. Builds the request paths used in error messages and logs.
 */
public record ResourceType(String apiVersion, String kind, String plural, boolean namespaced) {

  public ResourceType {
    Objects.requireNonNull(apiVersion, "apiVersion == null");
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(plural, "plural == null");
  }

  /** The type of a fabric8 model class, from its annotations (no discovery call). */
  public static ResourceType of(Class<? extends HasMetadata> type) {
    return new ResourceType(HasMetadata.getApiVersion(type), HasMetadata.getKind(type),
        HasMetadata.getPlural(type), Namespaced.class.isAssignableFrom(type));
  }

  /** The API group, "" for the core group. */
  public String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  public String version() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
  }

  /** The group-version root: {@code /api/v1} or {@code /apis/apps/v1}. */
  public static String groupVersionPath(String apiVersion) {
    return apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
  }

  /** {@code /apis/apps/v1/namespaces/prod/deployments/web/status}; null parts are left out. */
  public String path(@Nullable String namespace, @Nullable String name, @Nullable String subresource) {
    StringBuilder sb = new StringBuilder(groupVersionPath(apiVersion));
    if (namespaced && namespace != null) {
      sb.append("/namespaces/").append(namespace);
    }
    sb.append('/').append(plural);
    if (name != null) {
      sb.append('/').append(name);
      if (subresource != null) {
        sb.append('/').append(subresource);
      }
    }
    return sb.toString();
  }
}
