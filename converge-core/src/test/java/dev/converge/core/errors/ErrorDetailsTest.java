package dev.converge.core.errors;

import static dev.converge.core.errors.Statuses.cause;
import static dev.converge.core.errors.Statuses.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What each classified failure carries and how its message helps the user act. */
class ErrorDetailsTest {

  private static final ObjectRef WEB = ObjectRef.of("apps/v1", "Deployment", "prod", "web");

  @Test
  void givenFailedCall_whenClassified_thenCarriesCodeReasonCausesVerbRefAttemptAndStatus() {
    // given
    Status body = status(422, "Invalid", "Deployment.apps \"web\" is invalid",
        cause("FieldValueRequired", "spec.template.spec.containers[0].image", "Required value"));
    CallInfo call = new CallInfo("apply", "/apis/apps/v1/namespaces/prod/deployments/web", WEB, 3);
    // when
    ConvergeException failure = ErrorClassifier.classify(422, body, null, call);
    // then
    assertThat(failure.code()).isEqualTo(422);
    assertThat(failure.reason()).isEqualTo("Invalid");
    assertThat(failure.serverMessage()).contains("Deployment.apps \"web\" is invalid");
    assertThat(failure.causes()).containsExactly(
        new ApiCause("FieldValueRequired", "spec.template.spec.containers[0].image", "Required value"));
    assertThat(failure.verb()).isEqualTo("apply");
    assertThat(failure.ref()).isEqualTo(WEB);
    assertThat(failure.attempts()).isEqualTo(3);
    assertThat(failure.status()).isSameAs(body);
    assertThat(failure.getMessage()).isEqualTo("apply apps/v1 Deployment prod/web: the object is invalid:"
        + " spec.template.spec.containers[0].image: Required value (422 Invalid, attempt 3)");
  }

  @Nested
  class FieldManagerConflicts {

    @Test
    void givenTwoContestedFields_whenClassified_thenListsFieldsAndManagers() {
      // given: the body kube-apiserver sends for a server-side apply conflict
      Status body = status(409, "Conflict", "Apply failed with 2 conflicts: ...",
          cause("FieldManagerConflict", ".spec.replicas",
              "conflict with \"kubectl-client-side-apply\" using apps/v1"),
          cause("FieldManagerConflict", ".spec.template.spec.containers[name=\"app\"].image",
              "conflict with \"helm\" with subresource \"scale\" using apps/v1"));
      // when
      ConvergeException failure = ErrorClassifier.classify(409, body, null, CallInfo.of("apply", WEB));
      // then
      FieldManagerConflictException conflict = (FieldManagerConflictException) failure;
      assertThat(conflict.fields())
          .containsExactly(".spec.replicas", ".spec.template.spec.containers[name=\"app\"].image");
      assertThat(conflict.managers()).containsExactly("kubectl-client-side-apply", "helm");
      assertThat(conflict.getMessage())
          .contains(".spec.replicas (owned by \"kubectl-client-side-apply\")")
          .contains("apply with force");
      assertThat(conflict.retryable()).isFalse();
    }
  }

  @Nested
  class NamespaceTermination {

    @Test
    void given403WithNamespaceTerminatingCause_whenClassified_thenNamesTheNamespaceAndIsNotProcessed() {
      // given
      Status body = status(403, "Forbidden", "configmaps \"x\" is forbidden: unable to create new content"
              + " in namespace team-a because it is being terminated",
          cause("NamespaceTerminating", "metadata.namespace", "namespace team-a is being terminated"));
      // when
      ConvergeException failure = ErrorClassifier.classify(403, body, null, CallInfo.of("create", WEB));
      // then
      assertThat(failure).isInstanceOfSatisfying(NamespaceTerminatingException.class,
          e -> assertThat(e.namespace()).contains("team-a"));
      assertThat(failure.notProcessed()).isTrue();
    }

    @Test
    void givenPlain403_whenClassified_thenForbiddenNotTerminating() {
      // given
      Status body = status(403, "Forbidden", "namespaces \"kube-system\" is forbidden: not allowed by policy");
      // when / then
      assertThat(ErrorClassifier.classify(403, body, null, CallInfo.of("create", WEB)))
          .isExactlyInstanceOf(ForbiddenException.class);
    }
  }

  @Nested
  class ImmutableFields {

    @Test
    void givenImmutableConfigMapAndSelector_whenClassified_thenNamesEachField() {
      // given
      Status body = status(422, "Invalid", "Job.batch \"migrate\" is invalid",
          cause("FieldValueInvalid", "spec.template", "Invalid value: ...: field is immutable"),
          cause("FieldValueInvalid", "spec.selector", "Invalid value: ...: field is immutable"));
      // when
      ConvergeException failure = ErrorClassifier.classify(422, body, null, CallInfo.of("apply", WEB));
      // then
      assertThat(failure).isInstanceOfSatisfying(ImmutableFieldException.class, e -> {
        assertThat(e.fields()).containsExactly("spec.template", "spec.selector");
        assertThat(e.getMessage()).contains("immutable fields spec.template, spec.selector cannot be changed");
      });
      assertThat(failure).isInstanceOf(InvalidException.class);
    }
  }

  @Nested
  class ActionableAuthMessages {

    @Test
    void givenRbacDenial_whenClassified_thenSaysWhoCannotDoWhatWhere() {
      // given
      Status body = status(403, "Forbidden", "deployments.apps \"web\" is forbidden: User"
          + " \"system:serviceaccount:ci:deployer\" cannot patch resource \"deployments\" in API group"
          + " \"apps\" in the namespace \"prod\"");
      // when
      ConvergeException failure = ErrorClassifier.classify(403, body, null, CallInfo.of("apply", WEB));
      // then
      ForbiddenException forbidden = (ForbiddenException) failure;
      assertThat(forbidden.denial()).contains(new ForbiddenException.Denial(
          "system:serviceaccount:ci:deployer", "patch", "deployments", "apps", "prod"));
      assertThat(forbidden.getMessage()).contains(
          "user system:serviceaccount:ci:deployer cannot patch deployments.apps in namespace prod;"
              + " check the token/RBAC");
    }

    @Test
    void givenClusterScopedDenial_whenClassified_thenSaysClusterScope() {
      // given
      Status body = status(403, "Forbidden", "namespaces is forbidden: User \"bob\" cannot list resource"
          + " \"namespaces\" in API group \"\" at the cluster scope");
      // when
      ForbiddenException forbidden = (ForbiddenException) ErrorClassifier.classify(403, body, null, CallInfo.UNKNOWN);
      // then
      assertThat(forbidden.getMessage()).contains("user bob cannot list namespaces at cluster scope")
          .contains("ClusterRole");
    }

    @Test
    void given401_whenClassified_thenPointsAtTheKubeconfigCredentials() {
      // when
      ConvergeException failure = ErrorClassifier.classify(401, null, null, CallInfo.of("get", WEB));
      // then
      assertThat(failure).isExactlyInstanceOf(UnauthorizedException.class);
      assertThat(failure.getMessage()).contains("check the token or client certificate in the kubeconfig");
    }
  }

  @Nested
  class RetryAfterHints {

    @Test
    void given429WithRetryAfterSecondsInStatusDetails_whenClassified_thenCarriesTheHint() {
      // given
      Status body = new StatusBuilder(status(429, "TooManyRequests", "Too many requests"))
          .editDetails().withRetryAfterSeconds(3).endDetails().build();
      // when
      ConvergeException failure = ErrorClassifier.classify(429, body, null, CallInfo.UNKNOWN);
      // then
      assertThat(failure.retryAfter()).contains(new RetryAfter.Delay(Duration.ofSeconds(3)));
      assertThat(failure.notProcessed()).isTrue();
    }

    @Test
    void givenRetryAfterHeaderAsHttpDate_whenClassified_thenHeaderWinsOverDetails() {
      // given
      Status body = new StatusBuilder(status(429, "TooManyRequests", "Too many requests"))
          .editDetails().withRetryAfterSeconds(1).endDetails().build();
      // when
      ConvergeException failure = ErrorClassifier.classify(429, body, null, CallInfo.UNKNOWN,
          "Sun, 06 Nov 1994 08:49:37 GMT");
      // then
      assertThat(failure.retryAfter()).contains(new RetryAfter.At(Instant.parse("1994-11-06T08:49:37Z")));
    }
  }

  @Test
  void givenAlreadyClassifiedFailureInChain_whenClassifiedAgain_thenReturnedUnchanged() {
    // given
    ConvergeException first = ErrorClassifier.classify(503, null, null, CallInfo.UNKNOWN);
    // when / then
    assertThat(ErrorClassifier.classify(new RuntimeException(first), CallInfo.UNKNOWN)).isSameAs(first);
  }
}
