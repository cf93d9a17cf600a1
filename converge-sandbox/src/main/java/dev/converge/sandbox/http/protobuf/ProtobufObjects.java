package dev.converge.sandbox.http.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.api.Json;
import java.util.Base64;
import java.util.Map;

/**
 * ProtobufObjects decodes a {@code application/vnd.kubernetes.protobuf} body (the {@code k8s\0}
 * magic, then a runtime.Unknown envelope holding type meta and the encoded object) into the JSON
 * object it stands for.
 */
public final class ProtobufObjects {
  private static final byte[] MAGIC = {'k', '8', 's', 0};

  private ProtobufObjects() {}

  /** Decodes the body, or answers 415 for kinds the sandbox cannot decode. */
  public static ObjectNode decode(byte[] body) {
    for (int i = 0; i < MAGIC.length; i++) {
      if (body.length < MAGIC.length || body[i] != MAGIC[i]) {
        throw ApiException.badRequest("the protobuf body of the request lacks the k8s prefix");
      }
    }
    WireReader envelope = new WireReader(body, MAGIC.length, body.length - MAGIC.length);
    String apiVersion = "";
    String kind = "";
    byte[] raw = null;
    while (envelope.hasMore()) {
      int tag = envelope.tag();
      switch (tag >>> 3) {
        case 1 -> {
          WireReader typeMeta = envelope.nested();
          while (typeMeta.hasMore()) {
            int t = typeMeta.tag();
            switch (t >>> 3) {
              case 1 -> apiVersion = typeMeta.string();
              case 2 -> kind = typeMeta.string();
              default -> typeMeta.skip(t & 7);
            }
          }
        }
        case 2 -> raw = envelope.bytes();
        default -> envelope.skip(tag & 7);
      }
    }
    String message = KubeMessages.KINDS.get(apiVersion + "/" + kind);
    if (message == null || raw == null) {
      throw ApiException.unsupportedMediaType("application/vnd.kubernetes.protobuf for "
          + apiVersion + " " + kind + " (the sandbox decodes protobuf only for "
          + KubeMessages.KINDS.keySet() + ")");
    }
    ObjectNode obj = Json.object();
    obj.put("apiVersion", apiVersion).put("kind", kind);
    obj.setAll(message(new WireReader(raw, 0, raw.length), message));
    return obj;
  }

  private static ObjectNode message(WireReader in, String message) {
    Map<Integer, ProtoField> fields = KubeMessages.fields(message);
    ObjectNode out = Json.object();
    while (in.hasMore()) {
      int tag = in.tag();
      ProtoField field = fields.get(tag >>> 3);
      if (field == null) {
        in.skip(tag & 7);
        continue;
      }
      switch (field.type()) {
        case STRING_MAP, BYTES_MAP -> mapEntry(in.nested(), field, out);
        default -> {
          JsonNode value = value(in, field);
          if (field.repeated()) {
            ((ArrayNode) (out.has(field.json()) ? out.get(field.json())
                : out.putArray(field.json()))).add(value);
          } else if (field.keepZero() || !isZero(value)) {
            out.set(field.json(), value);
          }
        }
      }
    }
    return out;
  }

  private static JsonNode value(WireReader in, ProtoField field) {
    return switch (field.type()) {
      case STRING -> Json.NODES.textNode(in.string());
      case BYTES -> Json.NODES.textNode(Base64.getEncoder().encodeToString(in.bytes()));
      case INT -> Json.NODES.numberNode(in.varint());
      case BOOL -> Json.NODES.booleanNode(in.varint() != 0);
      case MESSAGE -> message(in.nested(), field.message());
      case INT_OR_STRING -> intOrString(in.nested());
      default -> throw new IllegalStateException("maps are decoded as entries");
    };
  }

  private static void mapEntry(WireReader entry, ProtoField field, ObjectNode out) {
    String key = "";
    JsonNode value = Json.NODES.textNode("");
    while (entry.hasMore()) {
      int tag = entry.tag();
      switch (tag >>> 3) {
        case 1 -> key = entry.string();
        case 2 -> value = Json.NODES.textNode(field.type() == ProtoField.Type.BYTES_MAP
            ? Base64.getEncoder().encodeToString(entry.bytes()) : entry.string());
        default -> entry.skip(tag & 7);
      }
    }
    Json.child(out, field.json()).set(key, value);
  }

  private static JsonNode intOrString(WireReader in) {
    long type = 0;
    long intVal = 0;
    String strVal = "";
    while (in.hasMore()) {
      int tag = in.tag();
      switch (tag >>> 3) {
        case 1 -> type = in.varint();
        case 2 -> intVal = in.varint();
        case 3 -> strVal = in.string();
        default -> in.skip(tag & 7);
      }
    }
    return type == 1 ? Json.NODES.textNode(strVal) : Json.NODES.numberNode((int) intVal);
  }

  private static boolean isZero(JsonNode value) {
    return (value.isTextual() && value.asText().isEmpty())
        || (value.isNumber() && value.asLong() == 0)
        || (value.isBoolean() && !value.asBoolean())
        || (value.isObject() && value.isEmpty());
  }
}
