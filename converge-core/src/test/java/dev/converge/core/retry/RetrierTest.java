package dev.converge.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.converge.core.errors.CallInfo;
import dev.converge.core.errors.ConvergeException;
import dev.converge.core.errors.ForbiddenException;
import dev.converge.core.errors.InvalidException;
import dev.converge.core.errors.NetworkException;
import dev.converge.core.errors.ObjectRef;
import dev.converge.core.errors.ServerErrorException;
import dev.converge.core.errors.ThrottledException;
import dev.converge.core.errors.UnauthorizedException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.event.Level;

/** The retry loop under a fake clock: what is retried, how long it waits, when it stops, what it logs. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RetrierTest {

  private static final ObjectRef WEB = ObjectRef.of("apps/v1", "Deployment", "prod", "web");
  private static final CallInfo GET = new CallInfo("get", "/apis/apps/v1/namespaces/prod/deployments/web", WEB, 1);
  private static final CallInfo CREATE = new CallInfo("create", "/apis/apps/v1/namespaces/prod/deployments", WEB, 1);

  private final FakeTime time = new FakeTime();
  private final RecordingLogger log = new RecordingLogger();
  private final List<RetryEvent> decisions = new ArrayList<>();

  private Retrier retrier(RetryPolicy policy) {
    return Retrier.builder().policy(policy).clock(time).sleeper(time).random(new SplittableRandom(1))
        .listener(decisions::add).logger(log).build();
  }

  @AfterEach
  void clearInterruptFlag() {
    Thread.interrupted();
  }

  /** Throws the given failures in order, then answers "ok"; each call may take some fake time. */
  private final class Script implements Callable<String> {
    private final Deque<Exception> failures;
    private Duration callTakes = Duration.ZERO;
    int calls;

    Script(Exception... failures) {
      this.failures = new ArrayDeque<>(List.of(failures));
    }

    Script taking(Duration d) {
      callTakes = d;
      return this;
    }

    @Override
    public String call() throws Exception {
      calls++;
      time.advance(callTakes);
      Exception next = failures.poll();
      if (next != null) {
        throw next;
      }
      return "ok";
    }
  }

  private static Exception[] times(int n, java.util.function.Supplier<Exception> failure) {
    Exception[] result = new Exception[n];
    for (int i = 0; i < n; i++) {
      result[i] = failure.get();
    }
    return result;
  }

  @Nested
  class TransientFailures {

    @Test
    void given503Twice_whenRead_thenSucceedsOnThirdAttemptAfterTwoBackoffs() {
      // given
      Script body = new Script(Failures.http(503, "ServiceUnavailable"), Failures.http(503, "ServiceUnavailable"));
      // when
      String result = retrier(RetryPolicy.DEFAULT).call(GET, CallKind.READ, body);
      // then
      assertThat(result).isEqualTo("ok");
      assertThat(body.calls).isEqualTo(3);
      assertThat(time.sleeps()).hasSize(2);
      assertThat(time.sleeps().get(0)).isBetween(Duration.ZERO, Duration.ofMillis(200));
      assertThat(time.sleeps().get(1)).isBetween(Duration.ZERO, Duration.ofMillis(400));
    }

    @Test
    void givenFiveFailures_whenSixAttemptsAllowed_thenSucceeds() {
      // given
      Script body = new Script(times(5, () -> Failures.http(500, "InternalError")));
      // when / then
      assertThat(retrier(RetryPolicy.DEFAULT).call(GET, CallKind.READ, body)).isEqualTo("ok");
      assertThat(body.calls).isEqualTo(6);
    }

    @Test
    void givenSixFailures_whenSixAttemptsAllowed_thenGivesUpWithEarlierFailuresSuppressed() {
      // given
      Script body = new Script(times(6, () -> Failures.http(500, "InternalError")));
      // when
      ServerErrorException thrown = catchThrowableOfType(ServerErrorException.class,
          () -> retrier(RetryPolicy.DEFAULT).call(GET, CallKind.READ, body));
      // then
      assertThat(body.calls).isEqualTo(6);
      assertThat(thrown.attempts()).isEqualTo(6);
      assertThat(thrown.getSuppressed()).hasSize(5)
          .allSatisfy(e -> assertThat(e).isInstanceOf(ServerErrorException.class));
      assertThat(((ConvergeException) thrown.getSuppressed()[0]).attempts()).isEqualTo(1);
      assertThat(decisions).last().satisfies(
          d -> assertThat(d.decision().outcome()).isEqualTo(RetryDecision.Outcome.ATTEMPTS_EXHAUSTED));
    }

    @Test
    void givenConflictOnApply_whenRetried_thenReappliesButUpdateDoesNot() {
      // given
      Script apply = new Script(Failures.http(409, "Conflict"));
      Script update = new Script(Failures.http(409, "Conflict"));
      // when
      retrier(RetryPolicy.DEFAULT).call(GET.withPath(null), CallKind.APPLY, apply);
      assertThatThrownBy(() -> retrier(RetryPolicy.DEFAULT).call(GET, CallKind.UPDATE, update));
      // then: UPDATE's own compare-and-swap loop re-reads; retrying here would nest two loops
      assertThat(apply.calls).isEqualTo(2);
      assertThat(update.calls).isEqualTo(1);
    }

    @Test
    void givenNonePolicy_whenTransientFailure_thenSingleAttempt() {
      Script body = new Script(Failures.http(503, "ServiceUnavailable"));
      assertThatThrownBy(() -> retrier(RetryPolicy.NONE).call(GET, CallKind.READ, body))
          .isInstanceOf(ServerErrorException.class);
      assertThat(body.calls).isEqualTo(1);
      assertThat(log.messages(Level.ERROR)).isEmpty();
    }
  }

  @Nested
  class TerminalFailures {

    @Test
    void given401_whenRead_thenFailsAtOnceWithOneRequest() {
      Script body = new Script(Failures.http(401, "Unauthorized"));
      assertThatThrownBy(() -> retrier(RetryPolicy.DEFAULT).call(GET, CallKind.READ, body))
          .isInstanceOf(UnauthorizedException.class);
      assertThat(body.calls).isEqualTo(1);
      assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void given403_whenApplied_thenFailsAtOnceWithOneRequest() {
      Script body = new Script(Failures.http(403, "Forbidden"));
      assertThatThrownBy(() -> retrier(RetryPolicy.DEFAULT).call(GET, CallKind.APPLY, body))
          .isInstanceOf(ForbiddenException.class);
      assertThat(body.calls).isEqualTo(1);
    }

    @Test
    void given422_whenApplied_thenFailsAtOnceWithOneRequestAndNoWarning() {
      Script body = new Script(Failures.http(422, "Invalid"));
      assertThatThrownBy(() -> retrier(RetryPolicy.DEFAULT).call(GET, CallKind.APPLY, body))
          .isInstanceOf(InvalidException.class);
      assertThat(body.calls).isEqualTo(1);
      assertThat(log.messages(Level.WARN)).isEmpty();
      assertThat(log.messages(Level.ERROR)).isEmpty();
      assertThat(decisions).singleElement().satisfies(
          d -> assertThat(d.decision().outcome()).isEqualTo(RetryDecision.Outcome.NOT_RETRYABLE));
    }

    @Test
    void givenTlsTrustFailure_whenRead_thenNotRetried() {
      Script body = new Script(new KubernetesClientException("handshake",
          new javax.net.ssl.SSLHandshakeException("PKIX path validation failed")));
      assertThatThrownBy(() -> retrier(RetryPolicy.DEFAULT).call(GET, CallKind.READ, body))
          .isInstanceOf(dev.converge.core.errors.TlsException.class);
      assertThat(body.calls).isEqualTo(1);
    }

    @Test
    void givenBugInBody_whenCalled_thenPropagatesUnchanged() {
      IllegalStateException bug = new IllegalStateException("bug");
      Script body = new Script(bug);
      assertThatThrownBy(() -> retrier(RetryPolicy.DEFAULT).call(GET, CallKind.READ, body)).isSameAs(bug);
      assertThat(body.calls).isEqualTo(1);
    }
  }

  @Nested
  class NonIdempotentCreate {

    @Test
    void givenPostAnd503_whenCreated_thenNotRetried() {
      // given: the server may have created the object before failing
      Script body = new Script(Failures.http(503, "ServiceUnavailable"));
      // when / then
      assertThatThrownBy(() -> retrier(RetryPolicy.DEFAULT).call(CREATE, CallKind.CREATE, body))
          .isInstanceOf(ServerErrorException.class);
      assertThat(body.calls).isEqualTo(1);
      assertThat(decisions).singleElement().satisfies(
          d -> assertThat(d.decision().outcome()).isEqualTo(RetryDecision.Outcome.UNSAFE_TO_REPEAT));
    }

    @Test
    void givenPostAndResetAfterSend_whenCreated_thenNotRetried() {
      Script body = new Script(Failures.reset());
      assertThatThrownBy(() -> retrier(RetryPolicy.DEFAULT).call(CREATE, CallKind.CREATE, body))
          .isInstanceOf(NetworkException.class);
      assertThat(body.calls).isEqualTo(1);
    }

    @Test
    void givenPostAndConnectionRefused_whenCreated_thenRetriedSinceNothingWasSent() {
      Script body = new Script(Failures.refused());
      assertThat(retrier(RetryPolicy.DEFAULT).call(CREATE, CallKind.CREATE, body)).isEqualTo("ok");
      assertThat(body.calls).isEqualTo(2);
    }

    @Test
    void givenIdempotentCreateAndReset_whenCreated_thenRetried() {
      Script body = new Script(Failures.reset(), Failures.http(503, "ServiceUnavailable"));
      assertThat(retrier(RetryPolicy.DEFAULT).call(CREATE, CallKind.IDEMPOTENT_CREATE, body)).isEqualTo("ok");
      assertThat(body.calls).isEqualTo(3);
    }
  }

  @Nested
  class RetryAfterAndDeadline {

    @Test
    void given429WithRetryAfter3s_whenRead_thenWaitsExactly3s() {
      Script body = new Script(Failures.throttled(3));
      retrier(RetryPolicy.DEFAULT).call(GET, CallKind.READ, body);
      assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void given429WithRetryAfter120s_whenRead_thenWaitCappedAt30s() {
      Script body = new Script(Failures.throttled(120));
      retrier(RetryPolicy.DEFAULT).call(GET, CallKind.READ, body);
      assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void given503WithHttpDateRetryAfter_whenClassifiedWithHeader_thenWaitsUntilThatDate() {
      // given: a facade passes the response header; the date is 7 s after the fake now
      String header = "Thu, 01 Jan 2026 00:00:07 GMT";
      KubernetesClientException raw = Failures.http(503, "ServiceUnavailable");
      Script body = new Script(dev.converge.core.errors.ErrorClassifier.classify(503, raw.getStatus(), raw, GET, header));
      // when
      retrier(RetryPolicy.DEFAULT).call(GET, CallKind.READ, body);
      // then
      assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void givenRetryAfterBeyondDeadline_whenRead_thenGivesUpWithoutWaiting() {
      // given
      RetryPolicy policy = RetryPolicy.DEFAULT.toBuilder().deadline(Duration.ofSeconds(10)).build();
      Script body = new Script(Failures.throttled(20));
      // when
      assertThatThrownBy(() -> retrier(policy).call(GET, CallKind.READ, body)).isInstanceOf(ThrottledException.class);
      // then: a wait that would cross the deadline is not started
      assertThat(time.sleeps()).isEmpty();
      assertThat(decisions).singleElement().satisfies(
          d -> assertThat(d.decision().outcome()).isEqualTo(RetryDecision.Outcome.DEADLINE_EXCEEDED));
      assertThat(log.messages(Level.ERROR)).hasSize(1);
    }

    @Test
    void givenSlowAttempts_whenRetried_thenTimeInCallsCountsTowardTheDeadline() {
      // given: every attempt takes 25 s and fails; the deadline is 60 s
      Script body = new Script(times(6, () -> Failures.http(504, "Timeout"))).taking(Duration.ofSeconds(25));
      // when
      ConvergeException thrown = catchThrowableOfType(ConvergeException.class,
          () -> retrier(RetryPolicy.DEFAULT).call(GET, CallKind.READ, body));
      // then: attempt 3 ends at 75 s plus backoff, past the deadline
      assertThat(body.calls).isEqualTo(3);
      assertThat(thrown.getSuppressed()).hasSize(2);
      assertThat(decisions).last().satisfies(
          d -> assertThat(d.decision().outcome()).isEqualTo(RetryDecision.Outcome.DEADLINE_EXCEEDED));
    }

    @Test
    void givenManyRetriesWithLongDelays_whenRun_thenTotalWaitNeverExceedsDeadline() {
      // given: generous attempts, a 5 s deadline and delays up to 2 s
      RetryPolicy policy = RetryPolicy.builder().baseDelay(Duration.ofSeconds(1)).maxDelay(Duration.ofSeconds(2))
          .maxAttempts(100).deadline(Duration.ofSeconds(5)).build();
      Script body = new Script(times(100, () -> Failures.http(503, "ServiceUnavailable")));
      // when
      assertThatThrownBy(() -> retrier(policy).call(GET, CallKind.READ, body)).isInstanceOf(ServerErrorException.class);
      // then
      assertThat(time.slept()).isLessThanOrEqualTo(Duration.ofSeconds(5));
      assertThat(body.calls).isLessThan(100);
    }
  }

  @Nested
  class Observability {

    @Test
    void givenTwoRetries_whenSucceeding_thenExactlyOneWarnPerRetryNamingVerbPathClassAttemptAndDelay() {
      // given
      Script body = new Script(Failures.http(503, "ServiceUnavailable"), Failures.reset());
      // when
      retrier(RetryPolicy.DEFAULT).call(GET, CallKind.READ, body);
      // then
      List<String> warnings = log.messages(Level.WARN);
      assertThat(warnings).hasSize(2);
      assertThat(warnings.get(0)).matches("Retrying get /apis/apps/v1/namespaces/prod/deployments/web after"
          + " ServerErrorException \\(503 ServiceUnavailable\\): attempt 1 of 6 failed, next in \\d+ ms");
      assertThat(warnings.get(1)).startsWith("Retrying get /apis/apps/v1/namespaces/prod/deployments/web after"
          + " NetworkException (NetworkError): attempt 2 of 6 failed, next in ");
      assertThat(log.messages(Level.ERROR)).isEmpty();
    }

    @Test
    void givenRetriesRunOut_whenGivingUp_thenOneErrorLineWithTheFailureAndNoStackTrace() {
      Script body = new Script(times(3, () -> Failures.http(502, "BadGateway")));
      RetryPolicy three = RetryPolicy.DEFAULT.toBuilder().maxAttempts(3).build();
      assertThatThrownBy(() -> retrier(three).call(GET, CallKind.READ, body));
      assertThat(log.messages(Level.WARN)).hasSize(2);
      assertThat(log.events()).filteredOn(e -> e.level() == Level.ERROR).singleElement().satisfies(e -> {
        assertThat(e.message()).contains("Giving up on get apps/v1 Deployment prod/web after 3 attempt(s)")
            .contains("ATTEMPTS_EXHAUSTED").contains("502");
        // the caller gets the exception and reports it: a stack trace here would reach CLI users
        assertThat(e.throwable()).isNull();
      });
    }

    @Test
    void givenRetry_whenDecided_thenListenerSeesAttemptFailureAndDelay() {
      Script body = new Script(Failures.throttled(2));
      retrier(RetryPolicy.DEFAULT).call(GET, CallKind.READ, body);
      assertThat(decisions).singleElement().satisfies(d -> {
        assertThat(d.attempt()).isEqualTo(1);
        assertThat(d.maxAttempts()).isEqualTo(6);
        assertThat(d.kind()).isEqualTo(CallKind.READ);
        assertThat(d.failure()).isInstanceOf(ThrottledException.class);
        assertThat(d.decision()).isEqualTo(new RetryDecision(RetryDecision.Outcome.RETRY, Duration.ofSeconds(2)));
        assertThat(d.call().attempt()).isEqualTo(1);
      });
    }

    @Test
    void givenInterruptedWhileWaiting_whenRetrying_thenStopsAndKeepsTheInterruptFlag() {
      // given
      Sleeper interrupted = d -> {
        throw new InterruptedException("cancelled");
      };
      Retrier retrier = Retrier.builder().clock(time).sleeper(interrupted).logger(log).build();
      Script body = new Script(Failures.http(503, "ServiceUnavailable"));
      // when
      assertThatThrownBy(() -> retrier.call(GET, CallKind.READ, body))
          .isInstanceOf(ServerErrorException.class)
          .satisfies(e -> assertThat(e.getSuppressed()).singleElement().isInstanceOf(InterruptedException.class));
      // then
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(body.calls).isEqualTo(1);
    }
  }
}
