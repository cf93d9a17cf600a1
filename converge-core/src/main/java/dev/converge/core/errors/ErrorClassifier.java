package dev.converge.core.errors;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns a failed call into the {@link ConvergeException} subclass that says what happened and
 * whether retrying helps (DESIGN.md §2). A pure function of the HTTP code, the Status body and the
 * cause chain: no I/O, no clock, so every rule is unit-tested directly.
 *
 * <pre>{@code
 * try {
 *   return client.resource(deployment).serverSideApply();
 * } catch (KubernetesClientException e) {
 *   throw ErrorClassifier.classify(e, CallInfo.of("apply", ref));
 * }
 * }</pre>
 */
public final class ErrorClassifier {

  static final String FIELD_MANAGER_CONFLICT = "FieldManagerConflict";
  static final String FIELD_IS_IMMUTABLE = "field is immutable";
  private static final String NAMESPACE_TERMINATING = "NamespaceTerminating";
  private static final String BEING_TERMINATED = "is being terminated";
  // The apiserver's answer for a path it does not serve (kind not registered, CRD not Established).
  private static final String NOT_SERVED = "could not find the requested resource";
  private static final String PAGE_NOT_FOUND = "404 page not found";
  /** Verbs naming a discovery call, where any 404 means "not served" rather than "no such object". */
  public static final String DISCOVERY_VERB = "discover";

  private ErrorClassifier() {}

  /** Classifies a thrown failure, e.g. a fabric8 {@link KubernetesClientException}. */
  public static ConvergeException classify(Throwable failure, CallInfo call) {
    return classify(0, null, failure, call, null);
  }

  /**
   * Classifies a failed call.
   *
   * @param code the HTTP status, or 0 to take it from {@code status} or from a fabric8 exception in
   *     the cause chain (0 there too means no response arrived)
   * @param status the Status body, or null to take it from the cause chain
   * @param cause what was thrown, if anything; its chain is walked for transport failures
   */
  public static ConvergeException classify(
      int code, @Nullable Status status, @Nullable Throwable cause, CallInfo call) {
    return classify(code, status, cause, call, null);
  }

  /** As {@link #classify(int, Status, Throwable, CallInfo)}, with the response's Retry-After header. */
  public static ConvergeException classify(int code, @Nullable Status status,
      @Nullable Throwable cause, CallInfo call, @Nullable String retryAfterHeader) {
    CauseChain chain = CauseChain.of(cause);
    // Already classified (e.g. thrown again by an inner layer): keep it, do not wrap twice.
    Optional<ConvergeException> known = chain.find(ConvergeException.class);
    if (code <= 0 && status == null && known.isPresent()) {
      return known.get();
    }
    Optional<KubernetesClientException> fabric8 = chain.find(KubernetesClientException.class)
        .filter(e -> e.getCode() > 0 || e.getStatus() != null);
    Status body = status != null ? status : fabric8.map(KubernetesClientException::getStatus).orElse(null);
    int http = code > 0 ? code
        : body != null && body.getCode() != null && body.getCode() > 0 ? body.getCode()
        : fabric8.map(KubernetesClientException::getCode).orElse(0);
    if (http <= 0) {
      return cause == null ? new UnclassifiedException(ErrorDetails.NONE, call, null)
          : TransportClassifier.classify(chain, cause, call);
    }
    ErrorDetails details = ErrorDetails.of(http, body, retryAfter(body, retryAfterHeader));
    return byCode(details, call, cause);
  }

  /** One rung per row of the DESIGN.md §2 table. */
  private static KubeApiException byCode(ErrorDetails d, CallInfo call, @Nullable Throwable cause) {
    int code = d.code();
    // A namespace being deleted answers 403 (or 409 on older servers); check before the generic rows.
    if ((code == 403 || code == 409) && namespaceTerminating(d)) {
      return new NamespaceTerminatingException(d, call, cause);
    }
    return switch (code) {
      case 400 -> new BadRequestException(d, call, cause);
      case 401 -> new UnauthorizedException(d, call, cause);
      case 403 -> new ForbiddenException(d, call, cause);
      case 404 -> notServed(d, call, cause) ? new NoMatchException(d, call, cause)
          : new NotFoundException(d, call, cause);
      case 408, 504 -> new RequestTimeoutException(d, call, cause);
      case 409 -> conflict(d, call, cause);
      case 410 -> new GoneException(d, call, cause);
      case 422 -> d.causes().stream().anyMatch(c -> c.messageContains(FIELD_IS_IMMUTABLE))
          ? new ImmutableFieldException(d, call, cause) : new InvalidException(d, call, cause);
      case 429 -> new ThrottledException(d, call, cause);
      // ServerTimeout is a 500 saying the request may still be running: a timeout, not a crash.
      case 500 -> "ServerTimeout".equals(d.reason()) ? new RequestTimeoutException(d, call, cause)
          : new ServerErrorException(d, call, cause);
      case 502, 503 -> new ServerErrorException(d, call, cause);
      // Other client errors (405, 406, 413, 415, ...) are malformed requests: terminal.
      default -> code >= 400 && code < 500 ? new BadRequestException(d, call, cause)
          : new UnclassifiedException(d, call, cause);
    };
  }

  private static KubeApiException conflict(ErrorDetails d, CallInfo call, @Nullable Throwable cause) {
    if ("AlreadyExists".equals(d.reason())) {
      return new AlreadyExistsException(d, call, cause);
    }
    boolean applyConflict = d.causes().stream().anyMatch(c -> c.hasReason(FIELD_MANAGER_CONFLICT))
        || d.message().filter(m -> m.startsWith("Apply failed with")).isPresent();
    return applyConflict ? new FieldManagerConflictException(d, call, cause)
        : new ConflictException(d, call, cause);
  }

  private static boolean namespaceTerminating(ErrorDetails d) {
    return d.causes().stream().anyMatch(
            c -> c.hasReason(NAMESPACE_TERMINATING) || c.messageContains(BEING_TERMINATED))
        || d.message().filter(m -> m.contains(BEING_TERMINATED)).isPresent();
  }

  private static boolean notServed(ErrorDetails d, CallInfo call, @Nullable Throwable cause) {
    if (DISCOVERY_VERB.equals(call.verb())) {
      return true;
    }
    if (d.message().filter(m -> m.contains(NOT_SERVED) || m.contains(PAGE_NOT_FOUND)).isPresent()) {
      return true;
    }
    // Without a Status body fabric8 only has the raw response text in its exception message.
    return d.status() == null && cause != null
        && CauseChain.of(cause).links().stream().anyMatch(t -> CauseChain.messageContains(t, NOT_SERVED)
            || CauseChain.messageContains(t, PAGE_NOT_FOUND));
  }

  /** The header wins over {@code details.retryAfterSeconds}: it is what HTTP clients honour. */
  private static @Nullable RetryAfter retryAfter(@Nullable Status body, @Nullable String header) {
    Optional<RetryAfter> fromHeader = RetryAfter.parse(header);
    if (fromHeader.isPresent()) {
      return fromHeader.get();
    }
    if (body != null && body.getDetails() != null) {
      Integer seconds = body.getDetails().getRetryAfterSeconds();
      if (seconds != null && seconds > 0) {
        return RetryAfter.seconds(seconds);
      }
    }
    return null;
  }
}
