package dev.converge.engine.manifest;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks object names the way the API server does for each kind: most kinds take a DNS-1123
 * subdomain, Namespaces a DNS-1123 label, Services a DNS-1035 label, and RBAC kinds and custom
 * resources any path segment (RBAC names such as {@code system:aggregate-to-edit} are common).
 */
final class Names {
  /** DNS-1123 label and DNS-1035 label length limit (RFC 1123). */
  static final int MAX_LABEL = 63;
  /** DNS-1123 subdomain length limit (RFC 1123). */
  static final int MAX_SUBDOMAIN = 253;

  private static final Pattern LABEL_1123 = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern LABEL_1035 = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Set<String> PATH_SEGMENT_KINDS =
      Set.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding");

  private Names() {}

  /** Why {@code name} is invalid for {@code kind}, or empty when it is valid. */
  static Optional<String> problem(String group, String kind, String name, boolean customKind) {
    if (customKind || PATH_SEGMENT_KINDS.contains(kind) && group.equals("rbac.authorization.k8s.io")) {
      return pathSegment(name);
    }
    if (group.isEmpty() && kind.equals("Namespace")) {
      return label(name);
    }
    if (group.isEmpty() && kind.equals("Service")) {
      return name.length() <= MAX_LABEL && LABEL_1035.matcher(name).matches() ? Optional.empty()
          : Optional.of("\"" + name + "\" is not a DNS-1035 label (lowercase letters, digits and '-',"
              + " starting with a letter, at most " + MAX_LABEL + " characters)");
    }
    return name.length() <= MAX_SUBDOMAIN && SUBDOMAIN.matcher(name).matches() ? Optional.empty()
        : Optional.of("\"" + name + "\" is not a DNS-1123 subdomain (lowercase letters, digits, '-' and"
            + " '.', starting and ending alphanumeric, at most " + MAX_SUBDOMAIN + " characters)");
  }

  /** Why {@code name} is not a DNS-1123 label (the rule for namespaces), or empty. */
  static Optional<String> label(String name) {
    return name.length() <= MAX_LABEL && LABEL_1123.matcher(name).matches() ? Optional.empty()
        : Optional.of("\"" + name + "\" is not a DNS-1123 label (lowercase letters, digits and '-',"
            + " starting and ending alphanumeric, at most " + MAX_LABEL + " characters)");
  }

  private static Optional<String> pathSegment(String name) {
    if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("%")) {
      return Optional.of("\"" + name + "\" is not a valid path segment (not '.' or '..', no '/' or '%')");
    }
    return Optional.empty();
  }
}
