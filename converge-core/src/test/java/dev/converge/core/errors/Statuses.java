package dev.converge.core.errors;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import java.util.List;

/** Status bodies shaped like the ones kube-apiserver sends, for classifier tests. */
final class Statuses {

  private Statuses() {}

  static Status status(int code, String reason, String message, StatusCause... causes) {
    return new StatusBuilder()
        .withStatus("Failure").withCode(code).withReason(reason).withMessage(message)
        .withNewDetails().withName("web").withKind("deployments").withGroup("apps")
        .withCauses(List.of(causes)).endDetails()
        .build();
  }

  static StatusCause cause(String reason, String field, String message) {
    return new StatusCauseBuilder().withReason(reason).withField(field).withMessage(message).build();
  }

  /** The apiserver's answer for a path it does not serve: no details at all. */
  static Status notServed() {
    return new StatusBuilder().withStatus("Failure").withCode(404).withReason("NotFound")
        .withMessage("the server could not find the requested resource").build();
  }
}
