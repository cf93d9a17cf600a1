package dev.converge.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.converge.sandbox.api.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * ManagedEntry is one {@code metadata.managedFields} entry: a manager's operation and the fields
 * it owns. Entries are identified as the API server identifies them: Apply entries by manager and
 * subresource, Update entries also by apiVersion.
 */
record ManagedEntry(String manager, String operation, String apiVersion, String time,
    String subresource, FieldSet fields) {
  static final String APPLY = "Apply";
  static final String UPDATE = "Update";

  /** The API server's order: Apply before Update, then by time, manager, version, subresource. */
  private static final Comparator<ManagedEntry> ORDER = Comparator
      .comparing(ManagedEntry::operation)
      .thenComparing(e -> e.time == null ? "" : e.time)
      .thenComparing(ManagedEntry::manager)
      .thenComparing(e -> e.apiVersion == null ? "" : e.apiVersion)
      .thenComparing(ManagedEntry::subresource);

  boolean is(String manager, String operation, String apiVersion, String subresource) {
    return this.manager.equals(manager) && this.operation.equals(operation)
        && this.subresource.equals(subresource)
        && (operation.equals(APPLY) || apiVersion.equals(this.apiVersion));
  }

  ManagedEntry withFields(FieldSet newFields) {
    return new ManagedEntry(manager, operation, apiVersion, time, subresource, newFields);
  }

  /** How conflict messages name this manager, e.g. {@code "kubectl" using apps/v1}. */
  String describe() {
    String quoted = quote(manager);
    if (operation.equals(UPDATE)) {
      return quoted + " using " + apiVersion;
    }
    return subresource.isEmpty() ? quoted
        : quoted + " with subresource " + quote(subresource);
  }

  /** Decodes managedFields; entries without a manager or operation are dropped. */
  static List<ManagedEntry> decode(JsonNode managedFields) {
    List<ManagedEntry> out = new ArrayList<>();
    if (managedFields == null || !managedFields.isArray()) {
      return out;
    }
    for (JsonNode e : managedFields) {
      String manager = e.path("manager").asText("");
      String operation = e.path("operation").asText("");
      if (operation.isEmpty()) {
        continue;
      }
      out.add(new ManagedEntry(manager, operation, e.path("apiVersion").asText(null),
          e.path("time").asText(null), e.path("subresource").asText(""),
          FieldsV1.decode(e.get("fieldsV1"))));
    }
    return out;
  }

  /** Encodes entries in the server's order, dropping those that own nothing. */
  static ArrayNode encode(List<ManagedEntry> entries) {
    List<ManagedEntry> sorted = new ArrayList<>(entries.size());
    for (ManagedEntry e : entries) {
      if (!e.fields.isEmpty()) {
        sorted.add(e);
      }
    }
    sorted.sort(ORDER);
    ArrayNode out = Json.NODES.arrayNode(sorted.size());
    for (ManagedEntry e : sorted) {
      ObjectNode n = out.addObject();
      n.put("manager", e.manager).put("operation", e.operation);
      if (e.apiVersion != null) {
        n.put("apiVersion", e.apiVersion);
      }
      if (e.time != null) {
        n.put("time", e.time);
      }
      n.put("fieldsType", "FieldsV1");
      n.set("fieldsV1", FieldsV1.encode(e.fields));
      if (!e.subresource.isEmpty()) {
        n.put("subresource", e.subresource);
      }
    }
    return out;
  }

  /** Go's %q, which JSON quoting matches for the plain strings manager names are. */
  private static String quote(String s) {
    return TextNode.valueOf(s).toString();
  }
}
