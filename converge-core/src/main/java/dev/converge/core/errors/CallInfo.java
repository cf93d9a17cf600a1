package dev.converge.core.errors;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Describes the API call that failed: verb (e.g. {@code get}, {@code apply}, {@code create}),
 * request path, object and the 1-based attempt number. Errors carry it so that a message always says
 * what was being done.
 */
public record CallInfo(String verb, @Nullable String path, @Nullable ObjectRef ref, int attempt) {

  /** Stands for "no call information", e.g. when a failure is classified outside any call. */
  public static final CallInfo UNKNOWN = new CallInfo("call", null, null, 1);

  public CallInfo {
    Objects.requireNonNull(verb, "verb == null");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt < 1: " + attempt);
    }
  }

  /** A first attempt of {@code verb} on {@code ref}, without a path. */
  public static CallInfo of(String verb, @Nullable ObjectRef ref) {
    return new CallInfo(verb, null, ref, 1);
  }

  /** A first attempt of {@code verb} on {@code path}, for calls that have no object (discovery). */
  public static CallInfo ofPath(String verb, String path) {
    return new CallInfo(verb, path, null, 1);
  }

  public CallInfo withPath(@Nullable String newPath) {
    return new CallInfo(verb, newPath, ref, attempt);
  }

  public CallInfo withAttempt(int newAttempt) {
    return new CallInfo(verb, path, ref, newAttempt);
  }

  /** What the call was about, for messages: the object if known, else the path, else nothing. */
  String target() {
    if (ref != null) {
      return ref.toString();
    }
    return path == null ? "" : path;
  }

  /** Renders as {@code get apps/v1 Deployment default/web}. */
  @Override
  public String toString() {
    String target = target();
    return target.isEmpty() ? verb : verb + " " + target;
  }
}
