package dev.converge.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.engine.manifest.ObjectKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The difference between a live object and what an apply would make of it, as lines of {@code
 * path: value}: {@code -} for what goes, {@code +} for what comes. Pure: both sides are given.
 * Secret {@code data} and {@code stringData} values are never shown, only each key and whether it
 * was added, removed, changed or unchanged.
 *
 * @param error why the dry run failed (e.g. a field conflict), or null
 */
public record ObjectDiff(ObjectKey object, Change change, List<String> lines, @Nullable String error) {

  /** What the apply would do to the object. */
  public enum Change { ADDED, CHANGED, UNCHANGED, ERROR }

  /** The fields the server and controllers own, left out of every comparison. */
  static final List<String> IGNORED_METADATA =
      List.of("managedFields", "resourceVersion", "generation", "uid", "creationTimestamp");

  /** Converge's own bookkeeping (the digest of the configuration it applied): not a change to show. */
  static final List<String> IGNORED_ANNOTATIONS = List.of("converge.dev/applied-digest");

  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private static final List<String> SECRET_VALUES = List.of("data", "stringData");

  public ObjectDiff {
    Objects.requireNonNull(object, "object == null");
    Objects.requireNonNull(change, "change == null");
    lines = List.copyOf(lines);
  }

  /**
   * Compares {@code live} (null when the object does not exist) with {@code desired}, the answer of
   * the dry-run apply.
   */
  public static ObjectDiff compute(ObjectKey object, @Nullable JsonNode live, JsonNode desired) {
    boolean secret = object.group().isEmpty() && "Secret".equals(object.kind());
    Map<String, String> before = live == null ? Map.of() : flatten(normalize(live));
    Map<String, String> after = flatten(normalize(desired));
    List<String> lines = new ArrayList<>();
    boolean changed = false;
    for (String path : union(before, after)) {
      String was = before.get(path);
      String will = after.get(path);
      if (secret && isSecretValue(path)) {
        String state = was == null ? "added" : will == null ? "removed" : was.equals(will) ? "unchanged" : "changed";
        changed |= !"unchanged".equals(state);
        lines.add((state.equals("unchanged") ? "  " : "~ ") + path + ": (" + state + ", value hidden)");
        continue;
      }
      if (Objects.equals(was, will)) {
        continue;
      }
      changed = true;
      if (was != null) {
        lines.add("- " + path + ": " + was);
      }
      if (will != null) {
        lines.add("+ " + path + ": " + will);
      }
    }
    Change change = live == null ? Change.ADDED : changed ? Change.CHANGED : Change.UNCHANGED;
    return new ObjectDiff(object, change, lines, null);
  }

  /** A dry run that the server refused; {@code error} says why. */
  public static ObjectDiff failed(ObjectKey object, String error) {
    return new ObjectDiff(object, Change.ERROR, List.of(), error);
  }

  /** {@code ~ apps/namespaces/prod/Deployment/web (CHANGED)}. */
  public String header() {
    String mark = switch (change) {
      case ADDED -> "+";
      case CHANGED -> "~";
      case UNCHANGED -> "=";
      case ERROR -> "!";
    };
    return mark + " " + object + " (" + change + (error == null ? "" : ": " + error) + ")";
  }

  private static boolean isSecretValue(String path) {
    // kubectl's client-side apply copies the whole Secret, values included, into this annotation
    return SECRET_VALUES.stream().anyMatch(p -> path.startsWith(p + "."))
        || path.equals("metadata.annotations." + LAST_APPLIED);
  }

  private static TreeSet<String> union(Map<String, String> a, Map<String, String> b) {
    TreeSet<String> all = new TreeSet<>(a.keySet());
    all.addAll(b.keySet());
    return all;
  }

  /** A copy without status and the metadata the server keeps for itself. */
  private static JsonNode normalize(JsonNode object) {
    JsonNode copy = object.deepCopy();
    if (copy instanceof ObjectNode o) {
      o.remove("status");
      if (o.get("metadata") instanceof ObjectNode m) {
        m.remove(IGNORED_METADATA);
        if (m.get("annotations") instanceof ObjectNode annotations) {
          annotations.remove(IGNORED_ANNOTATIONS);
          if (annotations.isEmpty()) {
            m.remove("annotations");
          }
        }
        if (m.isEmpty()) {
          o.remove("metadata");
        }
      }
    }
    return copy;
  }

  /** Leaves as {@code spec.template.spec.containers[0].image -> "nginx"}, sorted by path. */
  static Map<String, String> flatten(JsonNode node) {
    Map<String, String> out = new TreeMap<>();
    flatten("", node, out);
    return out;
  }

  private static void flatten(String path, JsonNode node, Map<String, String> out) {
    if (node.isObject() && !node.isEmpty()) {
      node.fields().forEachRemaining(e -> flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(),
          e.getValue(), out));
    } else if (node.isArray() && !node.isEmpty()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(path + "[" + i + "]", node.get(i), out);
      }
    } else if (!path.isEmpty()) {
      out.put(path, node.toString());
    }
  }
}
