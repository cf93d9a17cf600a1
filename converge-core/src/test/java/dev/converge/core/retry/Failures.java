package dev.converge.core.retry;

import dev.converge.core.errors.CallInfo;
import dev.converge.core.errors.ConvergeException;
import dev.converge.core.errors.ErrorClassifier;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;

/** Failures as fabric8 throws them, and their classified forms, for retry tests. */
final class Failures {

  private Failures() {}

  static Status status(int code, String reason) {
    return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason)
        .withMessage(reason + " from the test").build();
  }

  static KubernetesClientException http(int code, String reason) {
    return new KubernetesClientException("Failure executing request", code, status(code, reason));
  }

  static KubernetesClientException throttled(int retryAfterSeconds) {
    Status body = new StatusBuilder(status(429, "TooManyRequests"))
        .withNewDetails().withRetryAfterSeconds(retryAfterSeconds).endDetails().build();
    return new KubernetesClientException("Too many requests", 429, body);
  }

  static KubernetesClientException reset() {
    return new KubernetesClientException("request failed", new IOException(new SocketException("Connection reset")));
  }

  static KubernetesClientException refused() {
    return new KubernetesClientException("request failed", new ConnectException("Connection refused"));
  }

  static ConvergeException classified(int code, String reason) {
    return ErrorClassifier.classify(code, status(code, reason), null, CallInfo.UNKNOWN);
  }

  static ConvergeException classified(Throwable thrown) {
    return ErrorClassifier.classify(thrown, CallInfo.UNKNOWN);
  }
}
