package dev.converge.sandbox.http.protobuf;

import dev.converge.sandbox.http.protobuf.ProtoField.Type;
import java.util.HashMap;
import java.util.Map;

/**
 * KubeMessages holds the field numbers (from Kubernetes' generated.proto files) of the messages
 * the sandbox decodes: the top-level kinds kubectl's create generators send and what they nest.
 * Fields not listed are skipped.
 */
final class KubeMessages {
  /** Message name of each decodable top-level kind, keyed by {@code apiVersion/kind}. */
  static final Map<String, String> KINDS = Map.ofEntries(
      Map.entry("v1/Namespace", "Namespace"), Map.entry("v1/ConfigMap", "ConfigMap"),
      Map.entry("v1/Secret", "Secret"), Map.entry("v1/ServiceAccount", "ServiceAccount"),
      Map.entry("v1/Service", "Service"), Map.entry("apps/v1/Deployment", "Deployment"),
      // kubectl auth can-i, auth whoami and create token.
      Map.entry("authorization.k8s.io/v1/SelfSubjectAccessReview", "SelfSubjectAccessReview"),
      Map.entry("authorization.k8s.io/v1/SubjectAccessReview", "SubjectAccessReview"),
      Map.entry("authorization.k8s.io/v1/LocalSubjectAccessReview", "SubjectAccessReview"),
      Map.entry("authentication.k8s.io/v1/SelfSubjectReview", "SelfSubjectReview"),
      Map.entry("authentication.k8s.io/v1/TokenReview", "TokenReview"),
      Map.entry("authentication.k8s.io/v1/TokenRequest", "TokenRequest"));

  private static final Map<String, Map<Integer, ProtoField>> MESSAGES = new HashMap<>();

  static {
    message("ObjectMeta",
        1, scalar("name", Type.STRING), 2, scalar("generateName", Type.STRING),
        3, scalar("namespace", Type.STRING), 5, scalar("uid", Type.STRING),
        6, scalar("resourceVersion", Type.STRING), 11, scalar("labels", Type.STRING_MAP),
        12, scalar("annotations", Type.STRING_MAP), 14, list("finalizers", Type.STRING));
    message("Namespace", 1, msg("metadata", "ObjectMeta"), 2, msg("spec", "NamespaceSpec"));
    message("NamespaceSpec", 1, list("finalizers", Type.STRING));
    message("ConfigMap", 1, msg("metadata", "ObjectMeta"), 2, scalar("data", Type.STRING_MAP),
        3, scalar("binaryData", Type.BYTES_MAP), 4, pointer("immutable", Type.BOOL));
    message("Secret", 1, msg("metadata", "ObjectMeta"), 2, scalar("data", Type.BYTES_MAP),
        3, scalar("type", Type.STRING), 4, scalar("stringData", Type.STRING_MAP),
        5, pointer("immutable", Type.BOOL));
    message("ServiceAccount", 1, msg("metadata", "ObjectMeta"),
        4, pointer("automountServiceAccountToken", Type.BOOL));
    message("Service", 1, msg("metadata", "ObjectMeta"), 2, msg("spec", "ServiceSpec"));
    message("ServiceSpec", 1, new ProtoField("ports", Type.MESSAGE, "ServicePort", true, false),
        2, scalar("selector", Type.STRING_MAP), 3, scalar("clusterIP", Type.STRING),
        4, scalar("type", Type.STRING), 5, list("externalIPs", Type.STRING),
        7, scalar("sessionAffinity", Type.STRING), 10, scalar("externalName", Type.STRING));
    message("ServicePort", 1, scalar("name", Type.STRING), 2, scalar("protocol", Type.STRING),
        3, scalar("port", Type.INT), 4, scalar("targetPort", Type.INT_OR_STRING),
        5, scalar("nodePort", Type.INT));
    message("Deployment", 1, msg("metadata", "ObjectMeta"), 2, msg("spec", "DeploymentSpec"));
    message("DeploymentSpec", 1, pointer("replicas", Type.INT),
        2, msg("selector", "LabelSelector"), 3, msg("template", "PodTemplateSpec"),
        5, scalar("minReadySeconds", Type.INT), 6, pointer("revisionHistoryLimit", Type.INT),
        7, scalar("paused", Type.BOOL), 9, pointer("progressDeadlineSeconds", Type.INT));
    message("LabelSelector", 1, scalar("matchLabels", Type.STRING_MAP));
    message("PodTemplateSpec", 1, msg("metadata", "ObjectMeta"), 2, msg("spec", "PodSpec"));
    message("PodSpec", 2, new ProtoField("containers", Type.MESSAGE, "Container", true, false),
        3, scalar("restartPolicy", Type.STRING),
        4, pointer("terminationGracePeriodSeconds", Type.INT),
        6, scalar("dnsPolicy", Type.STRING), 7, scalar("nodeSelector", Type.STRING_MAP),
        8, scalar("serviceAccountName", Type.STRING));
    message("Container", 1, scalar("name", Type.STRING), 2, scalar("image", Type.STRING),
        3, list("command", Type.STRING), 4, list("args", Type.STRING),
        5, scalar("workingDir", Type.STRING),
        6, new ProtoField("ports", Type.MESSAGE, "ContainerPort", true, false),
        7, new ProtoField("env", Type.MESSAGE, "EnvVar", true, false),
        14, scalar("imagePullPolicy", Type.STRING));
    message("ContainerPort", 1, scalar("name", Type.STRING), 2, scalar("hostPort", Type.INT),
        3, scalar("containerPort", Type.INT), 4, scalar("protocol", Type.STRING),
        5, scalar("hostIP", Type.STRING));
    message("EnvVar", 1, scalar("name", Type.STRING), 2, scalar("value", Type.STRING));
    accessReviewMessages();
  }

  private KubeMessages() {}

  private static void accessReviewMessages() {
    message("SelfSubjectAccessReview", 1, msg("metadata", "ObjectMeta"),
        2, msg("spec", "SelfSubjectAccessReviewSpec"));
    message("SelfSubjectAccessReviewSpec", 1, msg("resourceAttributes", "ResourceAttributes"),
        2, msg("nonResourceAttributes", "NonResourceAttributes"));
    message("SubjectAccessReview", 1, msg("metadata", "ObjectMeta"),
        2, msg("spec", "SubjectAccessReviewSpec"));
    message("SubjectAccessReviewSpec", 1, msg("resourceAttributes", "ResourceAttributes"),
        2, msg("nonResourceAttributes", "NonResourceAttributes"), 3, scalar("user", Type.STRING),
        4, list("groups", Type.STRING), 6, scalar("uid", Type.STRING));
    message("ResourceAttributes", 1, scalar("namespace", Type.STRING),
        2, scalar("verb", Type.STRING), 3, scalar("group", Type.STRING),
        4, scalar("version", Type.STRING), 5, scalar("resource", Type.STRING),
        6, scalar("subresource", Type.STRING), 7, scalar("name", Type.STRING));
    message("NonResourceAttributes", 1, scalar("path", Type.STRING),
        2, scalar("verb", Type.STRING));
    message("SelfSubjectReview", 1, msg("metadata", "ObjectMeta"));
    message("TokenReview", 1, msg("metadata", "ObjectMeta"), 2, msg("spec", "TokenReviewSpec"));
    message("TokenReviewSpec", 1, scalar("token", Type.STRING),
        2, list("audiences", Type.STRING));
    message("TokenRequest", 1, msg("metadata", "ObjectMeta"), 2, msg("spec", "TokenRequestSpec"));
    message("TokenRequestSpec", 1, list("audiences", Type.STRING),
        4, pointer("expirationSeconds", Type.INT));
  }

  static Map<Integer, ProtoField> fields(String message) {
    return MESSAGES.getOrDefault(message, Map.of());
  }

  private static void message(String name, Object... numbersAndFields) {
    Map<Integer, ProtoField> fields = new HashMap<>();
    for (int i = 0; i < numbersAndFields.length; i += 2) {
      fields.put((Integer) numbersAndFields[i], (ProtoField) numbersAndFields[i + 1]);
    }
    MESSAGES.put(name, fields);
  }

  private static ProtoField scalar(String json, Type type) {
    return new ProtoField(json, type, null, false, false);
  }

  private static ProtoField pointer(String json, Type type) {
    return new ProtoField(json, type, null, false, true);
  }

  private static ProtoField list(String json, Type type) {
    return new ProtoField(json, type, null, true, false);
  }

  private static ProtoField msg(String json, String message) {
    return new ProtoField(json, Type.MESSAGE, message, false, false);
  }
}
