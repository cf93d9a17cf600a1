package dev.converge.core.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A server-side apply touched fields another field manager owns: HTTP 409 with causes of reason
 * {@code FieldManagerConflict}. Terminal: the message lists each field and its owner, and says how
 * to resolve it (drop the fields, or apply with force to take ownership).
 */
public final class FieldManagerConflictException extends KubeApiException {

  /** One contested field and the manager that owns it. */
  public record FieldOwner(String field, String manager) {}

  // The apiserver renders each cause as: conflict with "kubectl-edit" [with subresource "x"] using apps/v1
  private static final Pattern MANAGER = Pattern.compile("conflict with \"([^\"]+)\"");

  private final List<FieldOwner> owners;

  FieldManagerConflictException(ErrorDetails details, CallInfo call, @Nullable Throwable cause) {
    this(details, call, cause, owners(details.causes()));
  }

  private FieldManagerConflictException(
      ErrorDetails details, CallInfo call, @Nullable Throwable cause, List<FieldOwner> owners) {
    super(explain(owners, details), details, call, cause);
    this.owners = owners;
  }

  @Override
  public Recovery recovery() {
    return Recovery.NONE;
  }

  /** Each contested field with its owner, in the server's order. */
  public List<FieldOwner> owners() {
    return owners;
  }

  public List<String> fields() {
    return owners.stream().map(FieldOwner::field).toList();
  }

  /** The distinct managers that own contested fields. */
  public List<String> managers() {
    return owners.stream().map(FieldOwner::manager).distinct().toList();
  }

  private static List<FieldOwner> owners(List<ApiCause> causes) {
    List<FieldOwner> result = new ArrayList<>();
    for (ApiCause cause : causes) {
      if (!cause.hasReason(ErrorClassifier.FIELD_MANAGER_CONFLICT)) {
        continue;
      }
      Matcher m = MANAGER.matcher(cause.message() == null ? "" : cause.message());
      String manager = m.find() ? m.group(1) : "unknown manager";
      result.add(new FieldOwner(cause.field() == null ? "?" : cause.field(), manager));
    }
    return List.copyOf(result);
  }

  private static String explain(List<FieldOwner> owners, ErrorDetails details) {
    if (owners.isEmpty()) {
      return serverSaid(details, "apply conflicts with another field manager")
          + "; remove the contested fields or apply with force";
    }
    String list = owners.stream()
        .map(o -> o.field() + " (owned by \"" + o.manager() + "\")")
        .collect(Collectors.joining(", "));
    return "apply conflicts with other field managers on " + list
        + "; remove these fields from the manifest, or apply with force to take ownership";
  }
}
