package dev.converge.core.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A write into a namespace that is being deleted: HTTP 403 (or 409) whose cause has reason
 * {@code NamespaceTerminating} or whose message says the namespace "is being terminated". The
 * server refused before persisting anything, so retrying (bounded) until the namespace is gone is
 * safe; then the namespace can be recreated.
 */
public final class NamespaceTerminatingException extends KubeApiException {

  private static final Pattern NAMESPACE =
      Pattern.compile("namespace (\\S+?) (?:because it )?is being terminated");

  private final @Nullable String namespace;

  NamespaceTerminatingException(ErrorDetails details, CallInfo call, @Nullable Throwable cause) {
    this(details, call, cause, namespace(details, call));
  }

  private NamespaceTerminatingException(
      ErrorDetails details, CallInfo call, @Nullable Throwable cause, @Nullable String namespace) {
    super("namespace " + (namespace == null ? "?" : namespace)
        + " is being terminated; wait until it is gone before recreating objects in it",
        details, call, cause);
    this.namespace = namespace;
  }

  @Override
  public Recovery recovery() {
    return Recovery.RETRY;
  }

  @Override
  public boolean notProcessed() {
    return true;
  }

  public Optional<String> namespace() {
    return Optional.ofNullable(namespace);
  }

  private static @Nullable String namespace(ErrorDetails details, CallInfo call) {
    for (String text : candidates(details)) {
      Matcher m = NAMESPACE.matcher(text);
      if (m.find()) {
        return m.group(1);
      }
    }
    return call.ref() == null ? null : call.ref().namespace();
  }

  private static List<String> candidates(ErrorDetails details) {
    List<String> texts = new ArrayList<>();
    details.causes().forEach(c -> {
      if (c.message() != null) {
        texts.add(c.message());
      }
    });
    details.message().ifPresent(texts::add);
    return texts;
  }
}
