package dev.converge.core.errors;

import static dev.converge.core.errors.Statuses.cause;
import static dev.converge.core.errors.Statuses.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of the DESIGN.md §2 table, classified from an HTTP code and a realistic Status body. */
class ErrorClassifierTest {

  private static final ObjectRef WEB = ObjectRef.of("apps/v1", "Deployment", "prod", "web");
  private static final CallInfo APPLY = CallInfo.of("apply", WEB);

  static Stream<Arguments> table() {
    return Stream.of(
        row("404 object missing", 404, status(404, "NotFound", "deployments.apps \"web\" not found"),
            NotFoundException.class, Recovery.NONE),
        row("409 AlreadyExists", 409, status(409, "AlreadyExists", "deployments.apps \"web\" already exists"),
            AlreadyExistsException.class, Recovery.NONE),
        row("409 Conflict on a stale resourceVersion", 409, status(409, "Conflict",
                "Operation cannot be fulfilled on deployments.apps \"web\": the object has been modified;"
                    + " please apply your changes to the latest version and try again"),
            ConflictException.class, Recovery.REREAD),
        row("409 FieldManagerConflict from server-side apply", 409, status(409, "Conflict",
                "Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas",
                cause("FieldManagerConflict", ".spec.replicas", "conflict with \"kubectl-client-side-apply\" using apps/v1")),
            FieldManagerConflictException.class, Recovery.NONE),
        row("410 Gone", 410, status(410, "Expired", "too old resource version: 100 (2000)"),
            GoneException.class, Recovery.RELIST),
        row("401 Unauthorized", 401, status(401, "Unauthorized", "Unauthorized"),
            UnauthorizedException.class, Recovery.NONE),
        row("403 Forbidden", 403, status(403, "Forbidden", "deployments.apps \"web\" is forbidden: User \"alice\""
                + " cannot patch resource \"deployments\" in API group \"apps\" in the namespace \"prod\""),
            ForbiddenException.class, Recovery.NONE),
        row("403 NamespaceTerminating by cause reason", 403, status(403, "Forbidden",
                "deployments.apps \"web\" is forbidden: unable to create new content in namespace prod"
                    + " because it is being terminated",
                cause("NamespaceTerminating", "metadata.namespace", "namespace prod is being terminated")),
            NamespaceTerminatingException.class, Recovery.RETRY),
        row("409 NamespaceTerminating by message", 409, status(409, "Conflict",
                "unable to create new content in namespace prod because it is being terminated"),
            NamespaceTerminatingException.class, Recovery.RETRY),
        row("422 Invalid", 422, status(422, "Invalid", "Deployment.apps \"web\" is invalid",
                cause("FieldValueRequired", "spec.template.spec.containers", "Required value")),
            InvalidException.class, Recovery.NONE),
        row("422 ImmutableField", 422, status(422, "Invalid", "Deployment.apps \"web\" is invalid",
                cause("FieldValueInvalid", "spec.selector",
                    "Invalid value: v1.LabelSelector{...}: field is immutable")),
            ImmutableFieldException.class, Recovery.NONE),
        row("400 BadRequest", 400, status(400, "BadRequest", "the namespace of the object does not match"),
            BadRequestException.class, Recovery.NONE),
        row("415 is a malformed request too", 415, status(415, "UnsupportedMediaType", "unsupported patch type"),
            BadRequestException.class, Recovery.NONE),
        row("429 Throttled", 429, status(429, "TooManyRequests", "Too many requests, please try again later."),
            ThrottledException.class, Recovery.RETRY),
        row("408 Timeout", 408, status(408, "Timeout", "request timed out"),
            RequestTimeoutException.class, Recovery.RETRY),
        row("504 Timeout", 504, status(504, "Timeout", "Timeout: request did not complete within requested timeout"),
            RequestTimeoutException.class, Recovery.RETRY),
        row("500 ServerTimeout is a timeout", 500, status(500, "ServerTimeout",
                "The server was unable to return a response in the time allotted, but may still be processing the request"),
            RequestTimeoutException.class, Recovery.RETRY),
        row("500 ServerError", 500, status(500, "InternalError", "Internal error occurred: etcdserver: leader changed"),
            ServerErrorException.class, Recovery.RETRY),
        row("502 ServerError", 502, null, ServerErrorException.class, Recovery.RETRY),
        row("503 ServerError", 503, status(503, "ServiceUnavailable", "apiserver is shutting down"),
            ServerErrorException.class, Recovery.RETRY),
        row("404 path not served is NoMatch", 404, Statuses.notServed(), NoMatchException.class, Recovery.RETRY),
        row("501 has no row", 501, status(501, "NotImplemented", "not implemented"),
            UnclassifiedException.class, Recovery.NONE));
  }

  private static Arguments row(String name, int code, @Nullable Status status,
      Class<? extends ConvergeException> expected, Recovery recovery) {
    return arguments(Named.of(name, code), status, expected, recovery);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void givenResponse_whenClassified_thenTableRow(int code, @Nullable Status status,
      Class<? extends ConvergeException> expected, Recovery recovery) {
    // when
    ConvergeException failure = ErrorClassifier.classify(code, status, null, APPLY);
    // then
    assertThat(failure).isExactlyInstanceOf(expected);
    assertThat(failure.recovery()).isEqualTo(recovery);
    assertThat(failure.retryable()).isEqualTo(recovery != Recovery.NONE);
    assertThat(failure.code()).isEqualTo(code);
    assertThat(failure.status()).isSameAs(status);
    assertThat(failure.getMessage()).startsWith("apply apps/v1 Deployment prod/web: ").contains(String.valueOf(code));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void givenFabric8ExceptionCarryingResponse_whenClassified_thenSameRow(int code, @Nullable Status status,
      Class<? extends ConvergeException> expected, Recovery recovery) {
    // given: how fabric8 reports a failed request, wrapped once more by a caller
    KubernetesClientException fabric8 = new KubernetesClientException("Failure executing: PATCH", code, status);
    RuntimeException wrapped = new RuntimeException("apply failed", fabric8);
    // when
    ConvergeException failure = ErrorClassifier.classify(wrapped, APPLY);
    // then
    assertThat(failure).isExactlyInstanceOf(expected);
    assertThat(failure.code()).isEqualTo(code);
    assertThat(failure.getCause()).isSameAs(wrapped);
  }
}
