package dev.converge.engine.manifest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The API server's limits on labels, annotations and object data, checked before anything is sent
 * so that a set is refused whole instead of half applied: label keys and values (apimachinery
 * {@code ValidateLabels}), the 256 KiB annotation total, and the 1 MiB of data a ConfigMap or Secret
 * may hold.
 */
final class MetadataRules {

  /** Label value and key-name limit (apimachinery {@code LabelValueMaxLength}). */
  static final int MAX_LABEL_VALUE = 63;
  /** Sum of annotation keys and values (apimachinery {@code TotalAnnotationSizeLimitB}). */
  static final int MAX_ANNOTATIONS_BYTES = 256 * 1024;
  /** ConfigMap and Secret data (apiserver {@code MaxSecretSize}; ConfigMaps share it). */
  static final int MAX_DATA_BYTES = 1024 * 1024;

  private static final Pattern QUALIFIED_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private MetadataRules() {}

  static List<Problem> check(ManifestObject object) {
    List<Problem> problems = new ArrayList<>();
    Map<String, String> labels = object.resource().getMetadata().getLabels();
    if (labels != null) {
      labels.forEach((key, value) -> {
        String field = "metadata.labels[" + key + "]";
        if (!validKey(key)) {
          problems.add(Problem.of(object, field, "\"" + key + "\" is not a valid label key: an optional"
              + " DNS subdomain prefix and '/', then at most 63 characters of letters, digits, '-', '_'"
              + " and '.', starting and ending alphanumeric"));
        }
        if (value != null && !value.isEmpty()
            && (value.length() > MAX_LABEL_VALUE || !QUALIFIED_NAME.matcher(value).matches())) {
          problems.add(Problem.of(object, field, "\"" + abbreviate(value) + "\" is not a valid label value:"
              + " at most 63 characters of letters, digits, '-', '_' and '.', starting and ending alphanumeric"));
        }
      });
    }
    Map<String, String> annotations = object.resource().getMetadata().getAnnotations();
    if (annotations != null) {
      long size = annotations.entrySet().stream()
          .mapToLong(e -> bytes(e.getKey()) + (e.getValue() == null ? 0 : bytes(e.getValue()))).sum();
      if (size > MAX_ANNOTATIONS_BYTES) {
        problems.add(Problem.of(object, "metadata.annotations", "total " + size
            + " bytes exceeds the API server's limit of 256 KiB (" + MAX_ANNOTATIONS_BYTES + " bytes)"));
      }
    }
    if (object.group().isEmpty() && ("ConfigMap".equals(object.kind()) || "Secret".equals(object.kind()))) {
      long data = dataBytes(object.resource().getAdditionalProperties());
      if (data > MAX_DATA_BYTES) {
        problems.add(Problem.of(object, "data", object.kind() + " data of " + data
            + " bytes exceeds the 1 MiB (" + MAX_DATA_BYTES + " bytes) limit; mount large files another way"));
      }
    }
    return problems;
  }

  private static boolean validKey(String key) {
    int slash = key.lastIndexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (prefix.isEmpty() || prefix.length() > Names.MAX_SUBDOMAIN || !SUBDOMAIN.matcher(prefix).matches()) {
        return false;
      }
    }
    return !name.isEmpty() && name.length() <= MAX_LABEL_VALUE && QUALIFIED_NAME.matcher(name).matches();
  }

  /** Bytes of {@code data} and {@code stringData} (decoded size for base64) and {@code binaryData}. */
  private static long dataBytes(Map<String, Object> properties) {
    long total = 0;
    for (String field : List.of("data", "stringData", "binaryData")) {
      if (properties.get(field) instanceof Map<?, ?> entries) {
        for (Object value : entries.values()) {
          total += value == null ? 0 : bytes(value.toString());
        }
      }
    }
    return total;
  }

  private static long bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
