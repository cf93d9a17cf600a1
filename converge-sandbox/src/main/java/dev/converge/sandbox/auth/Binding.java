package dev.converge.sandbox.auth;

/**
 * Binding is a RoleBinding or ClusterRoleBinding reduced to what authorization needs: where it
 * grants and which role it grants.
 *
 * @param namespace namespace of a RoleBinding, "" for a ClusterRoleBinding
 * @param name the binding's name
 * @param roleKind Role or ClusterRole
 * @param roleName name of the role
 */
record Binding(String namespace, String name, String roleKind, String roleName) {
  boolean clusterWide() {
    return namespace.isEmpty();
  }

  boolean grantsClusterRole() {
    return roleKind.equals("ClusterRole");
  }
}
