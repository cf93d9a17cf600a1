package dev.converge.sandbox.http.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.api.ResourceType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * TableRenderer turns objects of one resource into a {@code meta.k8s.io/v1} Table: NAME, the
 * kind's columns ({@link KindColumns}), AGE, and per row the object as the client asked
 * ({@code includeObject=None|Metadata|Object}, Metadata by default).
 */
public final class TableRenderer {
  /** The media type of a Table answer. */
  public static final String CONTENT_TYPE = "application/json;as=Table;v=v1;g=meta.k8s.io";

  private final String includeObject;
  private final Clock clock;
  private final List<Column> columns;

  public TableRenderer(ResourceType type, String includeObject, Clock clock) {
    this.includeObject = includeObject == null || includeObject.isEmpty()
        ? "Metadata" : includeObject;
    if (!List.of("None", "Metadata", "Object").contains(this.includeObject)) {
      throw ApiException.badRequest("includeObject: Unsupported value: \"" + includeObject
          + "\": supported values: \"None\", \"Metadata\", \"Object\"");
    }
    this.clock = clock;
    List<Column> all = new ArrayList<>();
    all.add(new Column("Name", "string", 0,
        o -> Json.NODES.textNode(Json.textAt(o, "metadata", "name"))));
    // As the real printers order them: default columns, AGE, then the -o wide extras.
    List<Column> kindColumns = KindColumns.of(type.group(), type.kind());
    kindColumns.stream().filter(c -> c.priority() == 0).forEach(all::add);
    all.add(new Column("Age", "string", 0, o -> Json.NODES.textNode(age(o))));
    kindColumns.stream().filter(c -> c.priority() > 0).forEach(all::add);
    this.columns = List.copyOf(all);
  }

  /** Whether an Accept header asks for a Table (kubectl lists it before plain JSON). */
  public static boolean wantsTable(String accept) {
    return accept != null && accept.contains("as=Table") && accept.contains("g=meta.k8s.io");
  }

  /** A Table of a list's items, carrying its resourceVersion and continue token. */
  public ObjectNode list(ObjectNode list) {
    ObjectNode table = header(list.path("metadata"));
    ArrayNode rows = table.putArray("rows");
    for (JsonNode item : list.path("items")) {
      rows.add(row((ObjectNode) item));
    }
    return table;
  }

  /** A Table of one object (a single get, or the object of one watch event). */
  public ObjectNode single(ObjectNode object) {
    ObjectNode meta = Json.object();
    String rv = Json.textAt(object, "metadata", "resourceVersion");
    if (rv != null) {
      meta.put("resourceVersion", rv);
    }
    ObjectNode table = header(meta);
    table.putArray("rows").add(row(object));
    return table;
  }

  private ObjectNode header(JsonNode listMeta) {
    ObjectNode table = Json.object();
    table.put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    ObjectNode meta = table.putObject("metadata");
    for (String field : List.of("resourceVersion", "continue", "remainingItemCount")) {
      if (listMeta.hasNonNull(field)) {
        meta.set(field, listMeta.get(field));
      }
    }
    ArrayNode defs = table.putArray("columnDefinitions");
    for (Column c : columns) {
      ObjectNode d = defs.addObject();
      d.put("name", c.name()).put("type", c.type())
          .put("format", c.name().equals("Name") ? "name" : "").put("description", c.name())
          .put("priority", c.priority());
    }
    return table;
  }

  private ObjectNode row(ObjectNode object) {
    ObjectNode row = Json.object();
    ArrayNode cells = row.putArray("cells");
    for (Column c : columns) {
      cells.add(c.cell().apply(object));
    }
    switch (includeObject) {
      case "Object" -> row.set("object", object);
      case "Metadata" -> {
        ObjectNode partial = row.putObject("object");
        partial.put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
        partial.set("metadata", object.path("metadata").deepCopy());
      }
      default -> { }
    }
    return row;
  }

  private String age(ObjectNode object) {
    String created = Json.textAt(object, "metadata", "creationTimestamp");
    if (created == null) {
      return "<unknown>";
    }
    try {
      return HumanDuration.format(Duration.between(Instant.parse(created), clock.instant()));
    } catch (DateTimeParseException e) {
      return "<unknown>";
    }
  }
}
