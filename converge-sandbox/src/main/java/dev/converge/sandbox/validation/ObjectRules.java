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

  private static void withSpec(ObjectNode spec, java.util.function.Consumer<ObjectNode> action) {
    if (spec != null) {
      action.accept(spec);
    }
  }
}
