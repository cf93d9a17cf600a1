package dev.converge.sandbox.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ResourceType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** CrdSpec reads what a CustomResourceDefinition declares: names, scope and served versions. */
record CrdSpec(String name, String group, String kind, String plural, String singular,
    String listKind, String scope, List<String> shortNames, List<String> categories,
    List<JsonNode> versions) {
  static final String GROUP = "apiextensions.k8s.io";
  static final String GROUP_RESOURCE = "customresourcedefinitions." + GROUP;
  private static final Pattern KUBE_VERSION = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

  static CrdSpec of(ObjectNode crd) {
    JsonNode spec = crd.path("spec");
    JsonNode names = spec.path("names");
    String kind = names.path("kind").asText("");
    List<JsonNode> versions = new ArrayList<>();
    spec.path("versions").forEach(versions::add);
    return new CrdSpec(ObjectKey.name(crd), spec.path("group").asText(""), kind,
        names.path("plural").asText(""),
        names.path("singular").asText(kind.toLowerCase(Locale.ROOT)),
        names.path("listKind").asText(kind + "List"), spec.path("scope").asText(""),
        texts(names.path("shortNames")), texts(names.path("categories")), versions);
  }

  String groupResource() {
    return plural + "." + group;
  }

  /** The version marked storage, or null. */
  String storageVersion() {
    for (JsonNode v : versions) {
      if (v.path("storage").asBoolean(false)) {
        return v.path("name").asText();
      }
    }
    return null;
  }

  /** A resource type per served version, most preferred first (GA, then beta, then alpha). */
  List<ResourceType> servedTypes() {
    List<ResourceType> out = new ArrayList<>();
    for (JsonNode v : versions) {
      if (v.path("served").asBoolean(false)) {
        JsonNode sub = v.path("subresources");
        out.add(new ResourceType(group, v.path("name").asText(), kind, plural,
            scope.equals("Namespaced"), shortNames, categories, sub.has("status"),
            sub.has("scale")));
      }
    }
    out.sort(Comparator.comparing(ResourceType::version, CrdSpec::compareVersions));
    return out;
  }

  /** Kubernetes version priority: v2 before v1 before v1beta2 before v1alpha1 before others. */
  static int compareVersions(String a, String b) {
    Matcher ma = KUBE_VERSION.matcher(a);
    Matcher mb = KUBE_VERSION.matcher(b);
    boolean ka = ma.matches();
    boolean kb = mb.matches();
    if (!ka || !kb) {
      return ka == kb ? a.compareTo(b) : (ka ? -1 : 1);
    }
    int stability = Integer.compare(rank(mb.group(2)), rank(ma.group(2)));
    if (stability != 0) {
      return stability;
    }
    int major = Long.compare(Long.parseLong(mb.group(1)), Long.parseLong(ma.group(1)));
    if (major != 0 || ma.group(3) == null) {
      return major;
    }
    return Long.compare(Long.parseLong(mb.group(3)), Long.parseLong(ma.group(3)));
  }

  private static int rank(String stability) {
    return stability == null ? 2 : stability.equals("beta") ? 1 : 0;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return List.copyOf(out);
  }
}
