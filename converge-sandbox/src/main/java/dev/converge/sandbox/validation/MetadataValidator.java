package dev.converge.sandbox.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.sandbox.api.ResourceType;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * MetadataValidator checks object metadata as {@code ValidateObjectMeta} does: the name format
 * each kind requires, generateName, label keys and values, annotation keys and total size.
 */
final class MetadataValidator {
  /** Total size of all annotation keys and values, as the API server limits it (256 KiB). */
  static final int TOTAL_ANNOTATION_SIZE = 256 * 1024;
  /** CronJob names leave room for the 11-character suffix of the Jobs they create. */
  static final int CRONJOB_NAME_MAX = 52;

  private static final Set<String> DNS_LABEL_KINDS = Set.of("Namespace");
  private static final Set<String> DNS1035_KINDS = Set.of("Service");
  private static final Set<String> PATH_SEGMENT_GROUPS = Set.of("rbac.authorization.k8s.io");

  private MetadataValidator() {}

  static void validate(ResourceType type, JsonNode meta, FieldErrors errors) {
    Function<String, List<String>> nameRule = nameRule(type);
    String generateName = text(meta, "generateName");
    if (!generateName.isEmpty()) {
      for (String msg : nameRule.apply(maskTrailingDash(generateName))) {
        errors.invalid("metadata.generateName", generateName, msg);
      }
    }
    String name = text(meta, "name");
    if (name.isEmpty()) {
      errors.required("metadata.name", "name or generateName is required");
    } else {
      for (String msg : nameRule.apply(name)) {
        errors.invalid("metadata.name", name, msg);
      }
      if (type.kind().equals("CronJob") && type.group().equals("batch")
          && name.length() > CRONJOB_NAME_MAX) {
        errors.invalid("metadata.name", name, NameRules.maxLength(CRONJOB_NAME_MAX));
      }
    }
    labels(meta.get("labels"), "metadata.labels", errors);
    annotations(meta.get("annotations"), errors);
  }

  /** Validates a label map (object metadata or a pod template's). */
  static void labels(JsonNode labels, String field, FieldErrors errors) {
    if (labels == null || !labels.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      for (String msg : NameRules.qualifiedName(e.getKey())) {
        errors.invalid(field, e.getKey(), msg);
      }
      String value = e.getValue().asText();
      for (String msg : NameRules.labelValue(value)) {
        errors.invalid(field, value, msg);
      }
    }
  }

  private static void annotations(JsonNode annotations, FieldErrors errors) {
    if (annotations == null || !annotations.isObject()) {
      return;
    }
    long total = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      // Annotation keys are checked case-insensitively, as upstream lower-cases them first.
      for (String msg : NameRules.qualifiedName(e.getKey().toLowerCase(Locale.ROOT))) {
        errors.invalid("metadata.annotations", e.getKey(), msg);
      }
      total += e.getKey().getBytes(StandardCharsets.UTF_8).length
          + e.getValue().asText().getBytes(StandardCharsets.UTF_8).length;
    }
    if (total > TOTAL_ANNOTATION_SIZE) {
      errors.tooLong("metadata.annotations", TOTAL_ANNOTATION_SIZE);
    }
  }

  private static Function<String, List<String>> nameRule(ResourceType type) {
    if (type.group().isEmpty() && DNS_LABEL_KINDS.contains(type.kind())) {
      return NameRules::dns1123Label;
    }
    if (type.group().isEmpty() && DNS1035_KINDS.contains(type.kind())) {
      return NameRules::dns1035Label;
    }
    if (PATH_SEGMENT_GROUPS.contains(type.group())) {
      return NameRules::pathSegment;
    }
    return NameRules::dns1123Subdomain;
  }

  /** generateName may end in '-', so the check replaces a trailing dash as upstream does. */
  private static String maskTrailingDash(String prefix) {
    return prefix.length() > 1 && prefix.endsWith("-")
        ? prefix.substring(0, prefix.length() - 2) + "a" : prefix;
  }

  private static String text(JsonNode meta, String field) {
    JsonNode v = meta == null ? null : meta.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }
}
