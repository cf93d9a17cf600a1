package dev.converge.core.errors;

import org.jspecify.annotations.Nullable;

/** The object (or its namespace) does not exist: HTTP 404. Terminal; a delete treats it as success. */
public final class NotFoundException extends KubeApiException {

  NotFoundException(ErrorDetails details, CallInfo call, @Nullable Throwable cause) {
    super(serverSaid(details, "not found"), details, call, cause);
  }

  @Override
  public Recovery recovery() {
    return Recovery.NONE;
  }
}
