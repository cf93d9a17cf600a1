package dev.converge.sandbox.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.store.ObjectStore;
import dev.converge.sandbox.store.WatchEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RbacIndex keeps the stored Roles, ClusterRoles and bindings in the shape authorization reads
 * them: rules by role, and bindings by subject, so a check visits only the bindings of the
 * requesting user and its groups instead of scanning every binding.
 *
 * <p>It is fed by store commits, which run under the store's write lock, so a binding written by
 * one request already applies to the next. Reads are lock-free.
 */
public final class RbacIndex {
  static final String ROLES = "roles.rbac.authorization.k8s.io";
  static final String CLUSTER_ROLES = "clusterroles.rbac.authorization.k8s.io";
  static final String ROLE_BINDINGS = "rolebindings.rbac.authorization.k8s.io";
  static final String CLUSTER_ROLE_BINDINGS = "clusterrolebindings.rbac.authorization.k8s.io";
  private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

  private final Map<String, List<PolicyRule>> roles = new ConcurrentHashMap<>();
  private final ClusterRoleRules clusterRoles = new ClusterRoleRules();
  private final Map<String, Set<Binding>> bindingsBySubject = new ConcurrentHashMap<>();

  /** Indexes what {@code store} holds now and follows its later commits. */
  public static RbacIndex following(ObjectStore store) {
    RbacIndex index = new RbacIndex();
    store.addCommitListener(index::committed);
    for (String resource : List.of(ROLES, CLUSTER_ROLES, ROLE_BINDINGS, CLUSTER_ROLE_BINDINGS)) {
      for (ObjectNode obj : store.list(resource, null).items()) {
        index.put(resource, obj, null);
      }
    }
    return index;
  }

  /** The subject key of a user name. */
  static String userKey(String user) {
    return "User:" + user;
  }

  static String groupKey(String group) {
    return "Group:" + group;
  }

  /** Bindings naming this subject key, never null. */
  Set<Binding> bindingsOf(String subjectKey) {
    return bindingsBySubject.getOrDefault(subjectKey, Set.of());
  }

  /** Rules of a Role, or null when it does not exist. */
  List<PolicyRule> role(String namespace, String name) {
    return roles.get(namespace + "/" + name);
  }

  /** Effective rules of a ClusterRole (aggregated ones included), or null when it does not exist. */
  List<PolicyRule> clusterRole(String name) {
    return clusterRoles.rules(name);
  }

  void committed(WatchEvent event) {
    String resource = event.groupResource();
    if (!resource.endsWith(".rbac.authorization.k8s.io")) {
      return;
    }
    if (event.type().equals("DELETED")) {
      remove(resource, event.object());
    } else {
      put(resource, event.object(), event.previous());
    }
  }

  private void put(String resource, ObjectNode obj, ObjectNode previous) {
    switch (resource) {
      case ROLES -> roles.put(key(obj), PolicyRule.allOf(obj));
      case CLUSTER_ROLES -> clusterRoles.put(obj);
      case ROLE_BINDINGS, CLUSTER_ROLE_BINDINGS -> {
        if (previous != null) {
          unbind(previous);
        }
        bind(obj);
      }
      default -> { }
    }
  }

  private void remove(String resource, ObjectNode obj) {
    switch (resource) {
      case ROLES -> roles.remove(key(obj));
      case CLUSTER_ROLES -> clusterRoles.remove(Json.textAt(obj, "metadata", "name"));
      case ROLE_BINDINGS, CLUSTER_ROLE_BINDINGS -> unbind(obj);
      default -> { }
    }
  }

  private void bind(ObjectNode obj) {
    Binding binding = binding(obj);
    for (String subject : subjectKeys(obj, binding.namespace())) {
      bindingsBySubject.computeIfAbsent(subject, k -> ConcurrentHashMap.newKeySet()).add(binding);
    }
  }

  private void unbind(ObjectNode obj) {
    Binding binding = binding(obj);
    for (String subject : subjectKeys(obj, binding.namespace())) {
      Set<Binding> set = bindingsBySubject.get(subject);
      if (set != null) {
        set.remove(binding);
      }
    }
  }

  private static Binding binding(ObjectNode obj) {
    String ns = Json.textAt(obj, "metadata", "namespace");
    String kind = Json.textAt(obj, "roleRef", "kind");
    String name = Json.textAt(obj, "roleRef", "name");
    return new Binding(ns == null ? "" : ns, Json.textAt(obj, "metadata", "name"),
        kind == null ? "" : kind, name == null ? "" : name);
  }

  /**
   * Subject keys of a binding. A ServiceAccount subject is the user
   * {@code system:serviceaccount:NS:NAME}; in a RoleBinding its namespace defaults to the
   * binding's.
   */
  static List<String> subjectKeys(JsonNode binding, String bindingNamespace) {
    List<String> keys = new ArrayList<>();
    JsonNode subjects = binding.get("subjects");
    if (subjects == null || !subjects.isArray()) {
      return keys;
    }
    for (Iterator<JsonNode> it = subjects.elements(); it.hasNext(); ) {
      JsonNode s = it.next();
      String kind = s.path("kind").asText();
      String name = s.path("name").asText();
      switch (kind) {
        case "User" -> keys.add(userKey(name));
        case "Group" -> keys.add(groupKey(name));
        case "ServiceAccount" -> {
          String ns = s.path("namespace").asText("");
          keys.add(userKey(serviceAccountUser(ns.isEmpty() ? bindingNamespace : ns, name)));
        }
        default -> { }
      }
    }
    return keys;
  }

  /** The user name a ServiceAccount authenticates as. */
  public static String serviceAccountUser(String namespace, String name) {
    return SERVICE_ACCOUNT_PREFIX + namespace + ":" + name;
  }

  private static String key(ObjectNode obj) {
    return Json.textAt(obj, "metadata", "namespace") + "/" + Json.textAt(obj, "metadata", "name");
  }
}
