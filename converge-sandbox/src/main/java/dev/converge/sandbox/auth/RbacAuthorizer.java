package dev.converge.sandbox.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * RbacAuthorizer decides requests from the RBAC objects in the sandbox, as the API server's RBAC
 * authorizer does: a request is allowed when a rule of a role bound to the user, one of its
 * groups or its ServiceAccount grants it. ClusterRoleBindings grant everywhere, including
 * non-resource URLs; RoleBindings grant resource requests in their own namespace only, whether
 * they name a Role or a ClusterRole. Members of {@code system:masters} are always allowed, so
 * the admin token costs one list lookup.
 */
public final class RbacAuthorizer {
  public static final String MASTERS = "system:masters";

  private final RbacIndex index;

  public RbacAuthorizer(RbacIndex index) {
    this.index = index;
  }

  public Decision authorize(Attributes a) {
    if (a.groups().contains(MASTERS)) {
      return Decision.ALLOW;
    }
    List<String> missing = new ArrayList<>();
    if (allowedBy(RbacIndex.userKey(a.user()), a, missing)) {
      return Decision.ALLOW;
    }
    for (String group : a.groups()) {
      if (allowedBy(RbacIndex.groupKey(group), a, missing)) {
        return Decision.ALLOW;
      }
    }
    return Decision.deny(reason(missing));
  }

  /**
   * The rules that apply to {@code user} in {@code namespace} (SelfSubjectRulesReview): those of
   * cluster-wide bindings and of bindings in that namespace; {@code system:masters} gets one
   * rule granting everything.
   */
  public List<PolicyRule> rulesFor(String user, List<String> groups, String namespace) {
    if (groups.contains(MASTERS)) {
      return List.of(new PolicyRule(java.util.Set.of(PolicyRule.ALL),
          java.util.Set.of(PolicyRule.ALL), java.util.Set.of(PolicyRule.ALL), java.util.Set.of(),
          List.of()), new PolicyRule(java.util.Set.of(PolicyRule.ALL), java.util.Set.of(),
          java.util.Set.of(), java.util.Set.of(), List.of(PolicyRule.ALL)));
    }
    List<PolicyRule> out = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    keys.add(RbacIndex.userKey(user));
    groups.forEach(g -> keys.add(RbacIndex.groupKey(g)));
    for (String key : keys) {
      for (Binding b : index.bindingsOf(key)) {
        if (b.clusterWide() || b.namespace().equals(namespace)) {
          List<PolicyRule> rules = rulesOf(b);
          if (rules != null) {
            out.addAll(rules);
          }
        }
      }
    }
    return out;
  }

  private boolean allowedBy(String subjectKey, Attributes a, List<String> missing) {
    for (Binding b : index.bindingsOf(subjectKey)) {
      if (!b.clusterWide() && !(a.resourceRequest() && b.namespace().equals(a.namespace()))) {
        continue;
      }
      List<PolicyRule> rules = rulesOf(b);
      if (rules == null) {
        missing.add(notFound(b));
        continue;
      }
      for (PolicyRule rule : rules) {
        if (a.resourceRequest() ? rule.allowsResource(a) : rule.allowsNonResource(a)) {
          return true;
        }
      }
    }
    return false;
  }

  private List<PolicyRule> rulesOf(Binding b) {
    if (b.grantsClusterRole()) {
      return index.clusterRole(b.roleName());
    }
    // A ClusterRoleBinding may only name a ClusterRole; a RoleBinding's Role is in its namespace.
    return b.clusterWide() ? null : index.role(b.namespace(), b.roleName());
  }

  private static String notFound(Binding b) {
    String resource = b.grantsClusterRole() ? "clusterrole" : "role";
    return resource + ".rbac.authorization.k8s.io \"" + b.roleName() + "\" not found";
  }

  /** Like the API server, name missing roles so a broken binding is easy to spot. */
  private static String reason(List<String> missing) {
    if (missing.isEmpty()) {
      return "";
    }
    return "RBAC: " + (missing.size() == 1 ? missing.get(0)
        : "[" + String.join(", ", missing) + "]");
  }
}
