package dev.converge.core.errors;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The caller is authenticated but not allowed to do this: HTTP 403 (RBAC or an admission policy).
 * Terminal; when the server names the user, verb and resource the message says which RBAC rule is
 * missing.
 */
public final class ForbiddenException extends KubeApiException {

  /** Who was denied what, parsed from the apiserver's RBAC message. */
  public record Denial(String user, String verb, String resource, @Nullable String apiGroup,
      @Nullable String namespace) {

    /** {@code deployments.apps} or {@code pods} for the core group. */
    public String qualifiedResource() {
      return apiGroup == null || apiGroup.isEmpty() ? resource : resource + "." + apiGroup;
    }
  }

  // e.g. User "system:serviceaccount:ci:deployer" cannot get resource "deployments" in API group
  // "apps" in the namespace "prod"; the namespace part is absent at cluster scope.
  private static final Pattern RBAC = Pattern.compile(
      "User \"([^\"]*)\" cannot (\\S+) resource \"([^\"]+)\""
          + "(?: in API group \"([^\"]*)\")?(?: in the namespace \"([^\"]+)\")?");

  private final @Nullable Denial denial;

  ForbiddenException(ErrorDetails details, CallInfo call, @Nullable Throwable cause) {
    this(details, call, cause, parse(details.serverMessage()));
  }

  private ForbiddenException(
      ErrorDetails details, CallInfo call, @Nullable Throwable cause, @Nullable Denial denial) {
    super(explain(denial, details), details, call, cause);
    this.denial = denial;
  }

  @Override
  public Recovery recovery() {
    return Recovery.NONE;
  }

  /** The parsed denial, when the server's message has the standard RBAC form. */
  public Optional<Denial> denial() {
    return Optional.ofNullable(denial);
  }

  static @Nullable Denial parse(@Nullable String message) {
    if (message == null) {
      return null;
    }
    Matcher m = RBAC.matcher(message);
    if (!m.find()) {
      return null;
    }
    return new Denial(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5));
  }

  private static String explain(@Nullable Denial d, ErrorDetails details) {
    if (d == null) {
      return serverSaid(details, "forbidden")
          + "; check the token/RBAC bindings of this identity, or the admission policy that refused it";
    }
    String where = d.namespace() == null ? "at cluster scope" : "in namespace " + d.namespace();
    String grant = d.namespace() == null ? "a ClusterRole with a ClusterRoleBinding" : "a Role (or ClusterRole) with a RoleBinding in " + d.namespace();
    return "user " + d.user() + " cannot " + d.verb() + " " + d.qualifiedResource() + " " + where
        + "; check the token/RBAC: grant verb '" + d.verb() + "' on resource '" + d.resource()
        + "' (apiGroup '" + (d.apiGroup() == null ? "" : d.apiGroup()) + "') through " + grant;
  }
}
