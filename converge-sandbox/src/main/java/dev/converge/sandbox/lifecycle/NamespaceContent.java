package dev.converge.sandbox.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * NamespaceContent tallies what is left in a terminating namespace and turns it into the
 * namespace conditions the real namespace controller reports.
 */
final class NamespaceContent {
  private final Map<String, Integer> remaining = new TreeMap<>();
  private final Map<String, Integer> finalizers = new TreeMap<>();

  void count(String groupResource, ObjectNode obj) {
    remaining.merge(groupResource, 1, Integer::sum);
    for (JsonNode f : obj.path("metadata").path("finalizers")) {
      finalizers.merge(f.asText(), 1, Integer::sum);
    }
  }

  boolean empty() {
    return remaining.isEmpty();
  }

  /** Writes the five deletion conditions into a namespace status. */
  void writeConditions(ObjectNode status, String now) {
    Conditions.set(status, "NamespaceDeletionDiscoveryFailure", false, "ResourcesDiscovered",
        "All resources successfully discovered", now);
    Conditions.set(status, "NamespaceDeletionGroupVersionParsingFailure", false,
        "ParsedGroupVersions", "All legacy kube types successfully parsed", now);
    Conditions.set(status, "NamespaceDeletionContentFailure", false, "ContentDeleted",
        "All content successfully deleted, may be waiting on finalization", now);
    if (remaining.isEmpty()) {
      Conditions.set(status, "NamespaceContentRemaining", false, "ContentRemoved",
          "All content successfully removed", now);
    } else {
      Conditions.set(status, "NamespaceContentRemaining", true, "SomeResourcesRemain",
          "Some resources are remaining: " + join(remaining, " has ", " resource instances"),
          now);
    }
    if (finalizers.isEmpty()) {
      Conditions.set(status, "NamespaceFinalizersRemaining", false, "ContentHasNoFinalizers",
          "All content-preserving finalizers finished", now);
    } else {
      Conditions.set(status, "NamespaceFinalizersRemaining", true, "SomeFinalizersRemain",
          "Some content in the namespace has finalizers remaining: "
              + join(finalizers, " in ", " resource instances"), now);
    }
  }

  private static String join(Map<String, Integer> counts, String middle, String suffix) {
    StringJoiner out = new StringJoiner(", ");
    counts.forEach((k, n) -> out.add(k + middle + n + suffix));
    return out.toString();
  }
}
