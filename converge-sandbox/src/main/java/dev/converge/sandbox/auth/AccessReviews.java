package dev.converge.sandbox.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * AccessReviews answers the authorization.k8s.io reviews ({@code kubectl auth can-i}):
 * SelfSubjectAccessReview asks for the caller, SubjectAccessReview and LocalSubjectAccessReview
 * for any user and groups. Each answer is the request echoed back with {@code status.allowed}
 * (and {@code status.reason} when RBAC has something to say).
 */
public final class AccessReviews {
  private final RbacAuthorizer authorizer;

  public AccessReviews(RbacAuthorizer authorizer) {
    this.authorizer = authorizer;
  }

  /** Reviews a SelfSubjectAccessReview for the calling user. */
  public ObjectNode selfReview(ObjectNode review, String user, List<String> groups) {
    return answer(review, user, groups, null);
  }

  /**
   * Answers a SelfSubjectRulesReview: the caller's rules in {@code spec.namespace}, split into
   * resource and non-resource rules as the API server does.
   */
  public ObjectNode rulesReview(ObjectNode review, String user, List<String> groups) {
    ObjectNode out = review.deepCopy();
    ObjectNode status = out.putObject("status");
    var resourceRules = status.putArray("resourceRules");
    var nonResourceRules = status.putArray("nonResourceRules");
    status.put("incomplete", false);
    String ns = review.path("spec").path("namespace").asText("");
    for (PolicyRule r : authorizer.rulesFor(user, groups, ns)) {
      if (!r.nonResourceURLs().isEmpty()) {
        ObjectNode n = nonResourceRules.addObject();
        r.verbs().stream().sorted().forEach(n.putArray("verbs")::add);
        r.nonResourceURLs().forEach(n.putArray("nonResourceURLs")::add);
        continue;
      }
      ObjectNode n = resourceRules.addObject();
      r.verbs().stream().sorted().forEach(n.putArray("verbs")::add);
      r.apiGroups().stream().sorted().forEach(n.putArray("apiGroups")::add);
      r.resources().stream().sorted().forEach(n.putArray("resources")::add);
      if (!r.resourceNames().isEmpty()) {
        r.resourceNames().stream().sorted().forEach(n.putArray("resourceNames")::add);
      }
    }
    Json.metadata(out).put("creationTimestamp", (String) null);
    return out;
  }

  /**
   * Reviews a SubjectAccessReview, or a LocalSubjectAccessReview when {@code namespace} is set
   * (its resource attributes then must be in that namespace).
   */
  public ObjectNode subjectReview(ObjectNode review, String namespace) {
    JsonNode spec = review.path("spec");
    List<String> groups = new ArrayList<>();
    for (JsonNode g : spec.path("groups")) {
      groups.add(g.asText());
    }
    return answer(review, spec.path("user").asText(""), groups, namespace);
  }

  private ObjectNode answer(ObjectNode review, String user, List<String> groups,
      String namespace) {
    ObjectNode out = review.deepCopy();
    ObjectNode status = out.putObject("status");
    JsonNode spec = review.path("spec");
    JsonNode resource = spec.path("resourceAttributes");
    JsonNode nonResource = spec.path("nonResourceAttributes");
    Attributes a;
    if (resource.isObject()) {
      String ns = namespace != null ? namespace : text(resource, "namespace");
      a = Attributes.resource(user, groups, text(resource, "verb"), text(resource, "group"),
          text(resource, "resource"), text(resource, "subresource"), ns, text(resource, "name"));
    } else if (nonResource.isObject()) {
      a = Attributes.nonResource(user, groups, text(nonResource, "verb"),
          text(nonResource, "path"));
    } else {
      status.put("allowed", false).put("denied", true)
          .put("evaluationError", "exactly one of nonResourceAttributes or resourceAttributes "
              + "must be specified");
      return out;
    }
    Decision decision = authorizer.authorize(a);
    status.put("allowed", decision.allowed());
    if (!decision.reason().isEmpty()) {
      status.put("reason", decision.reason());
    }
    Json.metadata(out).put("creationTimestamp", (String) null);
    return out;
  }

  private static String text(JsonNode node, String field) {
    return node.path(field).asText("");
  }
}
