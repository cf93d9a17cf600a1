package dev.converge.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.Json;
import java.util.Iterator;
import java.util.Map;

/**
 * FieldsV1 reads and writes the {@code fieldsV1} JSON format of managedFields: nested objects
 * keyed by path elements, {@code {}} for a leaf member, and {@code ".": {}} first inside an
 * object when the path that leads to it is itself a member (e.g. a list-map item with fields).
 */
public final class FieldsV1 {
  private static final String SELF = ".";

  private FieldsV1() {}

  public static ObjectNode encode(FieldSet set) {
    ObjectNode out = Json.object();
    write(set, out);
    return out;
  }

  private static void write(FieldSet set, ObjectNode out) {
    for (Map.Entry<String, FieldSet> e : set.children().entrySet()) {
      FieldSet child = e.getValue();
      ObjectNode node = out.putObject(e.getKey());
      if (!child.children().isEmpty()) {
        if (child.member()) {
          node.putObject(SELF);
        }
        write(child, node);
      }
    }
  }

  /** Decodes fieldsV1; anything that is not an object decodes as the empty set. */
  public static FieldSet decode(JsonNode fields) {
    FieldSet set = FieldSet.empty();
    if (fields != null && fields.isObject()) {
      read(fields, set);
    }
    return set;
  }

  private static void read(JsonNode node, FieldSet into) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals(SELF)) {
        into.markMember();
        continue;
      }
      FieldSet child = FieldSet.empty();
      if (e.getValue().isEmpty()) {
        child.markMember();
      } else {
        read(e.getValue(), child);
      }
      into.attach(e.getKey(), child);
    }
  }
}
