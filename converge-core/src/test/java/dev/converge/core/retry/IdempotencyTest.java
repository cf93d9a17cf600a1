package dev.converge.core.retry;

import static dev.converge.core.retry.Failures.classified;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.converge.core.errors.ConvergeException;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which call kinds may be repeated after which failures (DESIGN.md §3). */
class IdempotencyTest {

  private static final Set<CallKind> IDEMPOTENT = EnumSet.of(CallKind.READ, CallKind.APPLY,
      CallKind.MERGE_PATCH, CallKind.UPDATE, CallKind.DELETE, CallKind.IDEMPOTENT_CREATE);
  private static final Set<CallKind> ALL = EnumSet.allOf(CallKind.class);
  private static final Set<CallKind> NONE = EnumSet.noneOf(CallKind.class);

  static Stream<Arguments> table() {
    return Stream.of(
        row("503 ServerError", classified(503, "ServiceUnavailable"), IDEMPOTENT),
        row("500 ServerError", classified(500, "InternalError"), IDEMPOTENT),
        row("504 Timeout", classified(504, "Timeout"), IDEMPOTENT),
        row("connection reset (maybe after commit)", classified(Failures.reset()), IDEMPOTENT),
        // Never reached the server, or rejected before running: any call may be re-sent.
        row("connection refused", classified(Failures.refused()), ALL),
        row("429 Throttled", classified(Failures.throttled(1)), ALL),
        // A stale resourceVersion heals only by re-reading; apply carries no resourceVersion.
        row("409 Conflict", classified(409, "Conflict"), EnumSet.of(CallKind.APPLY)),
        row("410 Gone (the informer relists)", classified(410, "Expired"), NONE),
        row("401 Unauthorized", classified(401, "Unauthorized"), NONE),
        row("403 Forbidden", classified(403, "Forbidden"), NONE),
        row("422 Invalid", classified(422, "Invalid"), NONE),
        row("400 BadRequest", classified(400, "BadRequest"), NONE),
        row("404 NotFound", classified(404, "NotFound"), NONE),
        row("409 AlreadyExists", classified(409, "AlreadyExists"), NONE),
        row("TLS trust failure", classified(new javax.net.ssl.SSLHandshakeException("PKIX path building failed")), NONE),
        row("404 kind not served yet", classified(new io.fabric8.kubernetes.client.KubernetesClientException(
            "Could not find the metadata for the given apiVersion and kind")), ALL));
  }

  private static Arguments row(String name, ConvergeException failure, Set<CallKind> retriedFor) {
    return arguments(Named.of(name, failure), retriedFor);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void givenFailure_whenDecidingPerCallKind_thenOnlySafeKindsRetry(ConvergeException failure,
      Set<CallKind> retriedFor) {
    for (CallKind kind : CallKind.values()) {
      assertThat(Idempotency.mayRetry(kind, failure)).as(kind.name()).isEqualTo(retriedFor.contains(kind));
    }
  }
}
