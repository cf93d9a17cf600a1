package dev.converge.sandbox.api;

import java.util.List;
import java.util.Locale;

/**
 * ResourceType describes one served resource: where it lives in the URL space, what kind it holds
 * and which verbs and subresources discovery advertises for it.
 *
 * @param group API group, "" for the core group
 * @param version served version, e.g. "v1"
 * @param kind object kind, e.g. "Deployment"
 * @param plural resource name in URLs, e.g. "deployments"
 * @param namespaced whether objects live inside a namespace
 * @param shortNames kubectl short names
 * @param categories discovery categories (e.g. "all")
 * @param statusSubresource whether {@code /status} is served and spec/status writes are split
 * @param scaleSubresource whether {@code /scale} is served
 */
public record ResourceType(
    String group,
    String version,
    String kind,
    String plural,
    boolean namespaced,
    List<String> shortNames,
    List<String> categories,
    boolean statusSubresource,
    boolean scaleSubresource) {

  public static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  public String singular() {
    return kind.toLowerCase(Locale.ROOT);
  }

  /** Storage key, independent of the served version: objects of every version share it. */
  public String groupResource() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  public String listKind() {
    return kind + "List";
  }

  public List<String> verbs() {
    return ALL_VERBS;
  }

  /** Whether writes to the main resource ignore status (true for every type with /status). */
  public boolean hasStatusSplit() {
    return statusSubresource;
  }

  public ResourceType withVersion(String otherVersion) {
    return new ResourceType(group, otherVersion, kind, plural, namespaced, shortNames, categories,
        statusSubresource, scaleSubresource);
  }
}
