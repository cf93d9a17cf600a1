package dev.converge.sandbox.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ResourceType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * ObjectRules applies the API server's per-kind defaults and validation: names, labels and
 * annotations, immutable fields, immutable ConfigMaps and Secrets.
 *
 * <p>Defaults are idempotent and never override a value the user set. The only state is the
 * Service address allocator, so two Services never share a cluster IP or node port.
 */
public final class ObjectRules {
  private final ServiceDefaults services = new ServiceDefaults(new ClusterIpAllocator());

  /** Fills defaults the real API server sets on create (e.g. Service type, Deployment strategy). */
  public void defaults(ResourceType type, ObjectNode object) {
    defaults(type, null, object);
  }

  /**
   * Fills defaults; on update ({@code previous} non-null) values the server allocated, such as a
   * Service's cluster IP, are carried over when the write omits them.
   */
  public void defaults(ResourceType type, ObjectNode previous, ObjectNode object) {
    ObjectNode spec = Defaults.existing(object, "spec");
    switch (type.group() + "/" + type.kind()) {
      case "apps/Deployment" -> withSpec(spec, WorkloadDefaults::deployment);
      case "apps/StatefulSet" -> withSpec(spec, WorkloadDefaults::statefulSet);
      case "apps/DaemonSet" -> withSpec(spec, WorkloadDefaults::daemonSet);
      case "apps/ReplicaSet", "/ReplicationController" ->
          withSpec(spec, WorkloadDefaults::replicaSet);
      case "batch/Job" -> WorkloadDefaults.job(object);
      case "batch/CronJob" -> withSpec(spec, WorkloadDefaults::cronJob);
      case "/Pod" -> withSpec(spec, PodSpecDefaults::apply);
      case "/PersistentVolumeClaim" -> withSpec(spec, WorkloadDefaults::persistentVolumeClaim);
      case "/Service" -> services.apply(Defaults.object(object, "spec"),
          previous == null ? null : Defaults.existing(previous, "spec"));
      case "/Secret" -> secret(object);
      default -> { }
    }
  }

  /** @throws dev.converge.sandbox.api.ApiException 422 Invalid with field causes */
  public void validateCreate(ResourceType type, ObjectNode object) {
    FieldErrors errors = new FieldErrors();
    MetadataValidator.validate(type, object.path("metadata"), errors);
    kindSpecific(type, object, errors);
    errors.throwIfAny(type, object.path("metadata").path("name").asText(""));
  }

  /** @throws dev.converge.sandbox.api.ApiException 422 Invalid, e.g. "field is immutable" */
  public void validateUpdate(ResourceType type, ObjectNode previous, ObjectNode next) {
    FieldErrors errors = new FieldErrors();
    JsonNode meta = next.path("metadata");
    MetadataValidator.labels(meta.get("labels"), "metadata.labels", errors);
    ImmutableFields.check(type.group(), type.kind(), previous, next, errors);
    errors.throwIfAny(type, meta.path("name").asText(""));
  }

  private static void kindSpecific(ResourceType type, ObjectNode object, FieldErrors errors) {
    if (type.group().equals("batch") && type.kind().equals("Job")) {
      String policy = object.path("spec").path("template").path("spec").path("restartPolicy")
          .asText("");
      if (!policy.equals("OnFailure") && !policy.equals("Never")) {
        errors.notSupported("spec.template.spec.restartPolicy", policy, "OnFailure", "Never");
      }
    }
  }

  /** The server folds write-only {@code stringData} into base64 {@code data}; type defaults. */
  private static void secret(ObjectNode secret) {
    Defaults.text(secret, "type", "Opaque");
    requireBase64(secret.get("data"));
    JsonNode stringData = secret.get("stringData");
    if (stringData == null) {
      return;
    }
    if (stringData.isObject()) {
      ObjectNode data = Defaults.object(secret, "data");
      for (Iterator<Map.Entry<String, JsonNode>> it = stringData.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        data.put(e.getKey(), Base64.getEncoder()
            .encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
      }
    }
    secret.remove("stringData");
  }

  /**
   * A Secret's {@code data} values are bytes, base64 in JSON: the real server fails to decode
   * anything else and answers 400 before any validation, so a client never stores garbage.
   *
   * @throws dev.converge.sandbox.api.ApiException 400 BadRequest naming the first bad byte
   */
  private static void requireBase64(JsonNode data) {
    if (data == null || !data.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
      JsonNode value = it.next().getValue();
      if (value.isNull()) {
        continue;
      }
      String text = value.isTextual() ? value.asText() : null;
      int bad = text == null ? 0 : firstNonBase64(text);
      if (bad >= 0) {
        throw dev.converge.sandbox.api.ApiException.badRequest(
            "Secret in version \"v1\" cannot be handled as a Secret: "
                + (text == null ? "json: cannot unmarshal " + value.getNodeType().name().toLowerCase(
                    java.util.Locale.ROOT) + " into Go struct field Secret.data of type []uint8"
                    : "illegal base64 data at input byte " + bad));
      }
    }
  }

  /** Index of the first byte Go's standard base64 decoding rejects, or -1 when it decodes. */
  static int firstNonBase64(String text) {
    int padding = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean alphabet = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
          || c == '+' || c == '/';
      if (c == '=' && i >= text.length() - 2 && text.length() % 4 == 0) {
        padding++;
      } else if (!alphabet || padding > 0) {
        return i;
      }
    }
    return text.length() % 4 == 0 ? -1 : text.length() - text.length() % 4;
  }

  private static void withSpec(ObjectNode spec, java.util.function.Consumer<ObjectNode> action) {
    if (spec != null) {
      action.accept(spec);
    }
  }
}
